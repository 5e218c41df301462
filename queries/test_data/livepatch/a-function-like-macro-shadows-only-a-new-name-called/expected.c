/* klp-ccp: from /src/t.c */
#define klpe_eur_x(a) (a)
extern int klpe_eur_x;

int klpp_pu_f(void) { return klpe_eur_x + klpe_eur_x(1); }

