/* klp-ccp: from /src/t.c */
static

/* klp-ccp: from /src/internal.h */
void
#include "name.h"
(void)
#include "brace.h"
}


/* klp-ccp: from /src/t.c */
void klpp_pu_f(void) { g(); }

