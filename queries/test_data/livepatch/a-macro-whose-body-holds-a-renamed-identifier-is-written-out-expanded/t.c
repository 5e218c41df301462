/* Rules §4.2, macros-25: and no `#define` for it. */
int espr_i;
#define GET_I espr_i
int pu_f(void) { return GET_I; }
