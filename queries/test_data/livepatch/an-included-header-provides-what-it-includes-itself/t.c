/* What a header gets from a header it includes itself is no prerequisite, even when that
 * header was read before (its guard skips it there). */
#include "types.h"
static int unused;
#include "t.h"
void pu_f(void) { g(); }
