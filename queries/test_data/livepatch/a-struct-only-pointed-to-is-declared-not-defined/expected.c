/* klp-ccp: from /src/t.c */
struct A ;

typedef struct B td_b;

void klpp_pu_f(struct A *a, td_b *b) { (void)a; (void)b; }

