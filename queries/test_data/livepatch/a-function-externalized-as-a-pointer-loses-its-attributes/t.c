/* A function made a pointer has no function attributes. */
static __attribute__((no_instrument_function)) int espr_f(void) { return 1; }
int pu_f(void) { return espr_f(); }
