/* Rules §2.4, ext-obj-4. */
extern int espr_o;
int pu_f(void) { return espr_o + 1; }
