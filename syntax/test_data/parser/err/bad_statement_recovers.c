void f(void) { x = ; y = 1 }
int z;