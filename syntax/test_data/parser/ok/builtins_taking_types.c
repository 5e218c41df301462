struct S { struct { struct { int c; } b[2]; } a; };
int a = __builtin_offsetof(struct S, a.b[1].c);
int b = __builtin_types_compatible_p(int, long);
int c = __builtin_choose_expr(1, 2, 3);
void f(__builtin_va_list ap) { int d = __builtin_va_arg(ap, int); }
typedef int v4 __attribute__((vector_size(16)));
void g(v4 w) { v4 e = __builtin_convertvector(w, v4); }