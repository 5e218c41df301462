static void i(void) { h(); }
static void g(void) {}
