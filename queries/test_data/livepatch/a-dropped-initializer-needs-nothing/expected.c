/* klp-ccp: from /src/t.c */
struct ops { int (*f)(void); };

static struct ops klpe_esr_ops ;

int klpp_pu_f(void) { return klpe_esr_ops.f(); }

