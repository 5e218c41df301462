/* klp-ccp: from /src/internal.h */
static int i(void) { return 3; }


/* klp-ccp: from /src/t.c */
#define A 1
#if !A
#error "klp-ccp: non-taken branch"
#elif A
static int g(void) { return 1; }

static int h(void) { return 2; }

#else
#error "klp-ccp: a preceeding branch should have been taken"
#endif
int klpp_pu_f(void) { return g() + h() + i(); }

