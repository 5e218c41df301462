/* klp-ccp: from /src/t.c */
static int klpe_esr_x ;

static int d;

int klpp_pu_f(void) { return klpe_esr_x + d; }

