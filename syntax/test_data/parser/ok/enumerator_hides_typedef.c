typedef int T;
void f(void) { enum { T }; T * 2; }