#ifndef USER_H
#define USER_H
#include <stat.h>
static inline int user_pages(int n)
{
	return n + 1;
}
#endif
