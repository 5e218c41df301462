int a = ;
int b = (1;
struct { int c d; } e;
void g(void) { return 1 }