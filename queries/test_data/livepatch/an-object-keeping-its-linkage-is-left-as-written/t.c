/* Rules §2.4, ext-obj-1: a tentative definition stays one. */
int eu_o;
int pu_f(void) { return eu_o; }
