/* Rules §2.6 (inferred): renamed `klpr_NAME` together with its references. */
void eer_g(void);
static void helper(void) { eer_g(); }
void pu_f(void) { helper(); }
