/* Rules §1.4: not externalizable, so copied; `unused` is not. */
static int twice(int x) { return 2 * x; }
static int unused(int x) { return x; }
static int helper(int x) { return twice(x) + 1; }
int pu_f(int x) { return helper(x); }
