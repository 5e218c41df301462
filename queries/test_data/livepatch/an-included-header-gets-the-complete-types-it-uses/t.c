/* A header that needs a struct complete (here for `offsetof`) gets its definition before the
 * `#include` (tag-defs-13). */
struct A { int a; };
struct B { int b; };
#include "t.h"
void pu_f(void) { g(); }
