/* Rules §4.1, macros-24. */
#define READ_ONCE(x) (*(volatile typeof(x) *)&(x))
int espr_i;
int pu_f(void) { return READ_ONCE(espr_i); }
