#ifndef INLINE_H
#define INLINE_H
#include <huge.h>
#include <swap.h>
static inline int inline_pages(int n)
{
	return n + 1;
}
#endif
