/* klp-ccp: from /src/t.c */
struct A { int x; };

int printf(const char *, ...);

int klpp_pu_f(struct A *field) { return printf("%d", field->x); }

