/* klp-ccp: from /src/t.c */
#define klpp_pu_f(x) (x + 1)
static int g(int y) { return klpp_pu_f(y); }


/* klp-ccp: not from file */
#undef klpp_pu_f

/* klp-ccp: from /src/t.c */
int klpp_pu_f(int y) { return g(y); }
#define klpp_pu_f(x) (x + 1)


