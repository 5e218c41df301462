/* klp-ccp: from /src/t.h */
static void ee_g(void);

/* klp-ccp: from /src/t.c */
#include "t.h"
void klpp_pu_f(void) { ee_g(); }

