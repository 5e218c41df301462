#ifndef SWAP_H
#define SWAP_H
#include <mm.h>
#endif
