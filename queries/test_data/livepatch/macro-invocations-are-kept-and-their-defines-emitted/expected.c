/* klp-ccp: from /src/t.c */
#define TWICE(x) ((x) * 2)
#define ONE 1
int klpp_pu_f(int a) { return TWICE(a) + ONE; }

