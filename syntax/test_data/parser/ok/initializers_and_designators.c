struct S { struct { int b[3]; } a; int c; struct {} d; };
int a[] = { [0 ... 2] = 1, [5] 2, 3 };
struct S s = { .a.b[2] = 1, c: 2, {} };