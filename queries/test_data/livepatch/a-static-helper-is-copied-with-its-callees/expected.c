/* klp-ccp: from /src/t.c */
static int twice(int x) { return 2 * x; }

static int helper(int x) { return twice(x) + 1; }

int klpp_pu_f(int x) { return helper(x); }

