/* klp-ccp: from /src/t.h */
static int klpp_ps_g(void) { return 1; }


/* klp-ccp: from /src/t.c */
int klpp_pu_f(void) { return klpp_ps_g(); }

