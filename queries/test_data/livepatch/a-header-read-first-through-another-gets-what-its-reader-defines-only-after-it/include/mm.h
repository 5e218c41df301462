#ifndef MM_H
#define MM_H
struct fault
{
	int address;
};
#include <huge.h>
#endif
