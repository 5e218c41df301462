_Static_assert(__builtin_offsetof(struct A, a) == 0, "");
static inline int size(struct B *b) { return sizeof(*b); }
static inline void g(void) {}
