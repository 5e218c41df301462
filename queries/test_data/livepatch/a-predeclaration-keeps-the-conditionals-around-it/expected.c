/* klp-ccp: from /src/t.c */
#define FOO()

/* klp-ccp: from /src/t.h */
#if defined(G)
#error "klp-ccp: non-taken branch"
#elif defined(FOO)
#define G g
static void G(void);
#else
#error "klp-ccp: a preceeding branch should have been taken"
#endif

/* klp-ccp: not from file */
#undef G

/* klp-ccp: from /src/t.c */
#include "t.h"
void klpp_pu_f(void) { G(); }

