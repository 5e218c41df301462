/* The patched function calls an inline function of a header it includes, which refers to an
 * object the live patch renames: the header is asked about, and the function rewritten. An
 * error about the header (see the `policy` file) is an error diagnostic, at its #include. */
int other;
#include "t.h"
int pu_f(void) { return get(); }
