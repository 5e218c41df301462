/* klp-ccp: from /src/t.c */
int klpp_pu_f(void) { return 1; }

static int klpp_ps_g(void) { return klpp_pu_f() + 1; }

 int klpp_pe_h(void) { return klpp_ps_g() + 1; }

