/* klp-ccp: from /src/t.c */
#define ARCH_X 1
#define FEATURE 2
#if defined(ARCH_X) /* arch */
# if FEATURE > 1 /* feature */
static int helper(void)
{
	return FEATURE;
}

# elif FEATURE == 1
#error "klp-ccp: non-taken branch"
#else
#error "klp-ccp: a preceeding branch should have been taken"
# endif /* feature */
int klpp_pu_use(void)
{
	return helper();
}

#else /* !arch */
#error "klp-ccp: non-taken branch"
#endif /* arch */
