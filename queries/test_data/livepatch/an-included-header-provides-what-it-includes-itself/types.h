#ifndef TYPES_H
#define TYPES_H
struct A { int a; };
static inline int h(struct A *a) { return a->a; }
#endif
