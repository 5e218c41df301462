/* Rules §3.1, §3.6, headers-1: the copied non-static function made static. */
#include "t.h"
#include "internal.h"
int pu_f(struct s *p) { return helper(get(p)); }
