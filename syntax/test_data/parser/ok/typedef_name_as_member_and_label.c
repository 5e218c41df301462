typedef int T;
struct S { T T; };
void f(void) { T: goto T; }