/* klp-ccp: from /src/t.h */
#define FOO int
static FOO g(void);

/* klp-ccp: from /src/t.c */
#include "t.h"
#define FOO void
FOO klpp_pu_f(void) { g(); }

