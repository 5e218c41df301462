/* An object externalized as a pointer, declared and then defined in the TU: both become the
 * pointer's declaration. */
extern int espr_o;
int espr_o = 5;
int pu_f(void) { return espr_o; }
