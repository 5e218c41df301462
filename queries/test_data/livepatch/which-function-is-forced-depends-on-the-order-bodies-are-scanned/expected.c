/* klp-ccp: from /src/t.h */
void* ee_g(void);

static void* ee_h(void) { return &ee_g; }

void* ee_g(void);


/* klp-ccp: from /src/t.c */
void klpp_pu_f(void) { ee_g(); ee_h(); }

