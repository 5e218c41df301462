/* klp-ccp: from /src/t.c */
int eu_o;

int klpp_pu_f(void) { return eu_o; }

