/* A predeclaration from a header comes with the macros it invokes. */
#include "t.h"
#define FOO void
FOO pu_f(void) { g(); }
