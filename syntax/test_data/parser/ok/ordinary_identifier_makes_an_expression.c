int T, x;
void f(void) { T * x; }