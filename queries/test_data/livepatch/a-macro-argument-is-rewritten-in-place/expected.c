/* klp-ccp: from /src/t.c */
#define READ_ONCE(x) (*(volatile typeof(x) *)&(x))
static int (*klpe_espr_i);

int klpp_pu_f(void) { return READ_ONCE((*klpe_espr_i)); }

