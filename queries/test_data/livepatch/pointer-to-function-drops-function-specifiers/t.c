/* A function externalized through a pointer keeps nothing that applies to functions only:
 * neither `inline` nor its attributes. The definition that one invocation makes with the
 * patched function is declared only (its body is the running kernel's). */
#define notrace __attribute__((no_instrument_function))
#define DEFINE_CALL(name) \
	static inline notrace long espr_do_##name(int x); \
	long pu_##name(int x) { return espr_do_##name(x); } \
	static inline notrace long espr_do_##name(int x)

DEFINE_CALL(ping)
{
	return x + 1;
}
