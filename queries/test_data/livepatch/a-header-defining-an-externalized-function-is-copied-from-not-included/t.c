/* Rules §3.1, fun-closure-5: `&ee_g` forces the externalization although the header is
 * eligible; including it would define `ee_g`. */
#include "t.h"
void *pu_f(struct s *p) { p->a = 1; return &ee_g; }
