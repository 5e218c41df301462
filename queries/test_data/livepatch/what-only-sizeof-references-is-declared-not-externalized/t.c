/* Rules §1.3, §1.6, unevaluated-1, ext-obj-6: declarations only, no pointer, no rename. */
int espr_o;
char espr_s[] = "abc";
static int g(void) { return 1; }
unsigned long pu_f(void) { return sizeof(espr_o) + sizeof(espr_s) + sizeof(g()); }
