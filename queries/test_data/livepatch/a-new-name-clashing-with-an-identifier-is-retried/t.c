/* Rules §2.7: `klpp_pu_f` is taken, so the policy is asked again with RETRY 1. */
int klpp_pu_f;
int pu_f(void) { return 0; }
