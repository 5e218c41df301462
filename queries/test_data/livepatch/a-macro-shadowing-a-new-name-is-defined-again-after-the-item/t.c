/* A macro shadowing a new name is undefined before the item and defined again after it, when
 * the item does not invoke it again. */
#define klpp_pu_f(x) (x + 1)
static int g(int y) { return klpp_pu_f(y); }
int pu_f(int y) { return g(y); }
int h(int y) { return klpp_pu_f(y); }
