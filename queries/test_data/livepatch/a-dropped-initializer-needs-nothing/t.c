/* What the initializer of an object the live patch only declares refers to is not needed. */
static int g(void) { return 1; }
struct ops { int (*f)(void); };
static struct ops esr_ops = { .f = g };
int pu_f(void) { return esr_ops.f(); }
