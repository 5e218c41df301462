typedef int T;
int x;
void f(void) { int T; T * x; }