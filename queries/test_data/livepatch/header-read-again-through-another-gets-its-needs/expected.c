/* klp-ccp: from /src/big-internal.h */
#define BIG_INTERNAL_H
static inline int page_size(void)
{
	return 4096;
}


/* klp-ccp: from /src/t.c */
#include <user.h>
int klpp_pu_count(int n)
{
	return user_pages(n);
}

