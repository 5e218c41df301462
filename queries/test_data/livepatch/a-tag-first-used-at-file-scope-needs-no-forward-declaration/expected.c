/* klp-ccp: from /src/t.c */
struct A *klpp_pu_f(struct A *a) { return a; }

