typedef int T;
void f(void) { T * x; }