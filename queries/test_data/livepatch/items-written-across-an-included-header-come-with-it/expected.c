/* klp-ccp: from /src/t.c */
static void
#include "t.h"
i(void) {}

void klpp_pu_f(void) { h(); }

