g(void) {}
static void h(void) {}
static void
