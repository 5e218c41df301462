void ee_g(void) {}
