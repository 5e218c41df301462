/* A member access in an argument matching a `...` needs the struct complete as anywhere else
 * (the kernel's trace output functions print `field->member`s). */
struct A { int x; };
int printf(const char *, ...);
int pu_f(struct A *field) { return printf("%d", field->x); }
