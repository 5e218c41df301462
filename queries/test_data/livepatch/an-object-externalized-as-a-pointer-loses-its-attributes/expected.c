/* klp-ccp: from /src/t.c */
static __typeof__ ( int ) (*klpe_espr_count);

int klpp_pu_f(void) { return (*klpe_espr_count); }

