/* Rules §1.4, §3.3, headers-4: shall-externalize-fun answers NO `from-header`; a static
 * predeclaration before the `#include` gives the header's definition internal linkage. */
#include "t.h"
void pu_f(void) { ee_g(); }
