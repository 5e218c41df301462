/* A tag first used at file scope needs no forward declaration. */
struct A;
struct A *pu_f(struct A *a) { return a; }
