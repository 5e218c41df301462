/* klp-ccp: from /src/t.h */
static int (*klpe_espr_o);

static inline int klpr_get(void) { return (*klpe_espr_o); }


/* klp-ccp: from /src/t.c */
int klpp_pu_f(void) { return klpr_get(); }

