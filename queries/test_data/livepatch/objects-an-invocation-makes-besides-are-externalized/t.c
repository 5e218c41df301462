/* The items a needed item's macro invocation makes besides are copied with it; the objects
 * among them are the running kernel's too (the kernel's `TRACE_EVENT` registers one in a
 * section: a copy would register it again), and the addresses they take are the copies'. */
#define EVENT(name) \
	static int name##_probe(void) { return 2; } \
	static int (*esr_##name)(void) = name##_probe; \
	static int name(void) { return 3; }
EVENT(tick)
int pu_f(void) { return tick(); }
