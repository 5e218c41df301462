/* A function-like macro expands only where a `(` follows: a new name without one is left
 * alone. */
#define klpe_eur_x(a) (a)
extern int eur_x;
int pu_f(void) { return eur_x + klpe_eur_x(1); }
