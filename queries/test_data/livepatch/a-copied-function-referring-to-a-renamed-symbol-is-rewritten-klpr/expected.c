/* klp-ccp: from /src/t.c */
void klpe_eer_g(void);

static void klpr_helper(void) { klpe_eer_g(); }

void klpp_pu_f(void) { klpr_helper(); }

