int ps_g(void) { return 1; }
