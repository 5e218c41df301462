/* Rules §2.3 (inferred): `(*NEW)` at the declarator and at every reference, `extern` replaced
 * by `static` (MAKE-INTERNAL). */
extern int espr_f(int);
int pu_f(void) { return espr_f(1); }
