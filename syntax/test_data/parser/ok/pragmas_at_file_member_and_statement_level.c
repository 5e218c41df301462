#pragma pack(1)
struct S {
#pragma x
int a; };
void f(void) {
#pragma GCC unroll 4
for (;1;) ; }
