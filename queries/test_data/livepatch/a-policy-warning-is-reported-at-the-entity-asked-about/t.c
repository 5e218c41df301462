/* A policy warning (see the `policy` file) is reported at the entity asked about. */
extern int espr_o;
int pu_f(void) { return espr_o; }
