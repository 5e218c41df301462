/* An included header is compiled whole: what its unused `i` calls, the TU declared before the
 * `#include`, so the live patch declares it there too (the definition made a declaration,
 * linkage unchanged; headers-7). */
void h(void) {}
#include "t.h"
void pu_f(void) { g(); }
