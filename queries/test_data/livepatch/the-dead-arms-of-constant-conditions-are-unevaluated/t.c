/* Rules §1.3, unevaluated-2, unevaluated-4: `i` and `k` only declared. */
static int i(void) { return 0; }
static int j(void) { return 0; }
static int k(void) { return 0; }
int pu_f(void) { return (0 ? i() : j()) + (1 || k()); }
