/* Rules §1.5, fun-closure-8: `ee_h`, first in source order, forces `ee_g`; `ee_h` is copied
 * (NO `from-header`), and the header, defining `ee_g`, copied from. */
#include "t.h"
void pu_f(void) { ee_g(); ee_h(); }
