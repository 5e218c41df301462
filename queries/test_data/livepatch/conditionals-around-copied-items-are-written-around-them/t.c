/* Rules §5, macros-20: the conditionals around copied items are written around them, those
 * around several items once; a file's include guard is not. */
#include "internal.h"
#define A 1
#if !A
static int g(void) { return 0; }
#elif A
static int g(void) { return 1; }
static int h(void) { return 2; }
#endif
int pu_f(void) { return g() + h() + i(); }
