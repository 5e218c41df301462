/* A failing policy command (see the `policy` file) gives an error and no live patch. */
extern int espr_o;
int pu_f(void) { return espr_o; }
