/* klp-ccp: from /src/t.c */
void ee_f(void);

static void (*o)(void) = &ee_f;

void klpp_pu_g(void) { o(); }

