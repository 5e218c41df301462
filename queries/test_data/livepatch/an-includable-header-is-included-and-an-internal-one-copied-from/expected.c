/* klp-ccp: from /src/t.c */
#include "t.h"

/* klp-ccp: from /src/internal.h */
static int helper(int x) { return x; }


/* klp-ccp: from /src/t.c */
int klpp_pu_f(struct s *p) { return helper(get(p)); }

