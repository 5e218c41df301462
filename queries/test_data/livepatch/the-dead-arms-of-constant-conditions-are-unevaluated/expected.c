/* klp-ccp: from /src/t.c */
static int i(void);

static int j(void) { return 0; }

static int k(void);

int klpp_pu_f(void) { return (0 ? i() : j()) + (1 || k()); }

