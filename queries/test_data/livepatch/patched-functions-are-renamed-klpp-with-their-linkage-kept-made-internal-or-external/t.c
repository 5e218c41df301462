/* Rules §2.1: `pu_` keeps the linkage, `ps_` gets `static`, `pe_` loses it (the space after it
 * stays); references are renamed too; `other`, which calls a patched function, is not needed. */
int pu_f(void) { return 1; }
int ps_g(void) { return pu_f() + 1; }
static int pe_h(void) { return ps_g() + 1; }
int other(void) { return pe_h(); }
