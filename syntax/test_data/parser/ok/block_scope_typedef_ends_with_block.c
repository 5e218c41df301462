int U, v;
void f(void) { { typedef int U; U u; } U * v; }