/* klp-ccp: from /src/t.c */
#include <mm.h>
#include <inline.h>
int klpp_pu_count(int n)
{
	return inline_pages(n);
}

