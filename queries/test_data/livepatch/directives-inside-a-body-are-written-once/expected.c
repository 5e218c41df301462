/* klp-ccp: from /src/t.c */
int klpp_pu_sum(void)
{
#define STEP 2
#ifdef NO_SUCH
#error "klp-ccp: non-taken branch"
#else
#define LIMIT 10
#endif
	return STEP * LIMIT;
}

