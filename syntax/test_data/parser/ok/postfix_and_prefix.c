struct B { int *(*c)(int, int); };
struct A { struct B b; };
int *p;
struct A *a[2];
_Complex int z;
void f(void) { int x = -*p++ + !a[1]->b.c(2, 3)[0]-- + ~__real__ z + __imag__ z + __extension__ 1; }