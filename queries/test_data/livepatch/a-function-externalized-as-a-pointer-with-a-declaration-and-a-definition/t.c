/* A function externalized as a pointer, declared and then defined in the TU: both become the
 * pointer's declaration. */
void espr_f(void);
void espr_f(void) {}
void pu_f(void) { espr_f(); }
