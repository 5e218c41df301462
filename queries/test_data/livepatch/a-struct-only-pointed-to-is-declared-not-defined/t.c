/* A struct the copied code only points to is declared, not defined. */
struct A { int a; };
typedef struct B { int b; } td_b;
void pu_f(struct A *a, td_b *b) { (void)a; (void)b; }
