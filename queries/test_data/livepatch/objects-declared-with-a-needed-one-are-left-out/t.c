/* Of a declaration of several objects, those nothing refers to are not defined again. */
static int a = 1, esr_x = 2, b;
static int c, d;
int pu_f(void) { return esr_x + d; }
