#ifndef MM_H
#define MM_H
#define FAULT_WRITE 1
#include <huge.h>
#endif
