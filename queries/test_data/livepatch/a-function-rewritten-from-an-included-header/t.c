/* A header defining a function the live patch rewrites is copied from, not included. */
#include "t.h"
int pu_f(void) { return get(); }
