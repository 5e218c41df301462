/* klp-ccp: from /src/t.c */
#define X
#define Y 2
#ifdef X
static int g(void) { return 1; }

#else
#error "klp-ccp: a preceeding branch should have been taken"
#endif
#if defined(Y) && Y > 1
static int h(void) { return 2; }

#else
#error "klp-ccp: a preceeding branch should have been taken"
#endif
int klpp_pu_f(void) { return g() + h(); }

