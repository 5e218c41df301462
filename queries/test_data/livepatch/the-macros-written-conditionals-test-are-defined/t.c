/* A macro a written conditional tests (`#ifdef`, `defined`) has its `#define` written too. */
#define X
#define Y 2
#ifdef X
static int g(void) { return 1; }
#endif
#if defined(Y) && Y > 1
static int h(void) { return 2; }
#endif
int pu_f(void) { return g() + h(); }
