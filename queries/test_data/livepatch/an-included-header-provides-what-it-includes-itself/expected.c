/* klp-ccp: from /src/t.c */
#include "t.h"
void klpp_pu_f(void) { g(); }

