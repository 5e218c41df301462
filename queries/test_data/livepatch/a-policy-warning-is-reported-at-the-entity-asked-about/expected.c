/* klp-ccp: from /src/t.c */
static int (*klpe_espr_o);

int klpp_pu_f(void) { return (*klpe_espr_o); }

