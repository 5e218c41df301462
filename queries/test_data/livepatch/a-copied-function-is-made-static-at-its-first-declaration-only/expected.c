/* klp-ccp: from /src/t.c */
static void g(void);

static void h(void) { g(); }

void g(void) { h(); }

void klpp_pu_f(void) { g(); }

