/* klp-ccp: from /src/t.c */
extern int espr_o;

extern char espr_s[4] ;

static int g(void);

unsigned long klpp_pu_f(void) { return sizeof(espr_o) + sizeof(espr_s) + sizeof(g()); }

