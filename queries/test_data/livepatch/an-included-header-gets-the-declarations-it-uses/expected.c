/* klp-ccp: from /src/t.c */
void h(void);

#include "t.h"
void klpp_pu_f(void) { g(); }

