#include "types.h"
static inline int i(struct A *a) { return h(a) + a->a; }
static inline void g(void) {}
