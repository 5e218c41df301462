/* klp-ccp: from /src/t.c */
int klpp_pu_f1(void) { return 0; }

