/* klp-ccp: from /src/t.c */
extern inline __attribute__((gnu_inline, always_inline)) void g(void) {}

static inline __attribute__((gnu_inline)) void h(void) {}

void klpp_pu_f(void) { g(); h(); }

