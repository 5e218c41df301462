/* The patched function calls an inline function of a header it includes, which refers to an
 * object the live patch renames: the header is asked about, and the function rewritten. A
 * warning about the rewritten function (see the `policy` file) is reported at its declaration. */
int other;
#include "t.h"
int pu_f(void) { return get(); }
