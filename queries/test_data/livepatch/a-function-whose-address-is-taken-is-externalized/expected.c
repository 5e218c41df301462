/* klp-ccp: from /src/t.c */
void ee_g(void);

void (*klpp_pu_f(void))(void) { return &ee_g; }

