/* klp-ccp: from /src/t.c */
struct A { int a; };

struct B { int b; };

#include "t.h"
void klpp_pu_f(void) { g(); }

