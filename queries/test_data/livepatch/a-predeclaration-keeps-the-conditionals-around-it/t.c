/* Rules §4.5, macros-20: a predeclaration from an included header comes with the conditional
 * around it there; a macro the header tests before defining it is undefined again before the
 * `#include`. */
#define FOO()
#include "t.h"
void pu_f(void) { G(); }
