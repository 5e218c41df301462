#ifndef BIG_INTERNAL_H
#define BIG_INTERNAL_H
static inline int page_size(void)
{
	return 4096;
}
#include <stat.h>
#endif
