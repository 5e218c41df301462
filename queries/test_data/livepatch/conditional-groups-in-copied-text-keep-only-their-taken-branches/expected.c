/* klp-ccp: from /src/t.c */
#define A(x) x
#define B 1
void A(
#if B
klpp_pu_f
#else
#error "klp-ccp: non-taken branch"
#endif
)(void)
{
#if B /* 1 */
	int a;
#else
#error "klp-ccp: a preceeding branch should have been taken"
#endif
#if 0
#error "klp-ccp: non-taken branch"
#else
	int c;
#endif
}

