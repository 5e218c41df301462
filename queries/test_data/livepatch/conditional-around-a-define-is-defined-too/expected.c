/* klp-ccp: from /src/flush-internal.h */
#include <gen.h>
#if HAVE_DCACHE
#error "klp-ccp: non-taken branch"
#else
#define FOLIO_FLUSH 0
#endif

/* klp-ccp: from /src/t.c */
int klpp_pu_flush(void)
{
	return FOLIO_FLUSH;
}

