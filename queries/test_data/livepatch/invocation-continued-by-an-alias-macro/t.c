/* DEFINE_ALIAS names another macro, whose arguments follow it in the file: the invocation
 * written is the whole `DEFINE_ALIAS(...)`, up to the closing parenthesis. */
#define DEFINE_PAIR(name, value) \
	static int name##_value(void) { return value; } \
	int pu_##name(void) { return name##_value(); }
#define DEFINE_ALIAS DEFINE_PAIR

DEFINE_ALIAS(answer, 42)
