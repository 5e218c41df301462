#if defined(G)
#elif defined(FOO)
#define G g
#define EXTERN_VOID extern void
EXTERN_VOID G(void) {}
#endif
