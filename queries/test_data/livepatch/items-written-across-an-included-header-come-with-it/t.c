/* Items written across an included header's `#include` are emitted whole around it: the
 * header's text is only whole with them (headers-5). */
static void
#include "t.h"
i(void) {}
void pu_f(void) { h(); }
