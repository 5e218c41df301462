struct S { int a; };
long y;
int z;
void f(void) { int x = (int)(long)y + (struct S){ .a = 1 }.a + sizeof(int) + sizeof (int){2} + sizeof z; }