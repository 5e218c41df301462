/* klp-ccp: from /src/t.c */
static void (*klpe_espr_f)(void);

static void (*klpe_espr_f)(void);

void klpp_pu_f(void) { (*klpe_espr_f)(); }

