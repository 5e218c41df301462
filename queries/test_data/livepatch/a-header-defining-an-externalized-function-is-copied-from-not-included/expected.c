/* klp-ccp: from /src/t.h */
struct s { int a; };

void ee_g(void);


/* klp-ccp: from /src/t.c */
void *klpp_pu_f(struct s *p) { p->a = 1; return &ee_g; }

