int helper(int x) { return x; }
int unused_helper(void) { return 0; }
