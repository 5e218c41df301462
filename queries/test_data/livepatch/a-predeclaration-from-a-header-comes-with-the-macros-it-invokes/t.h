#define FOO int
FOO g(void) { return 0; }
#undef FOO
