/* Rules §1.2: `ps_g`, patched by the policy's answer when the closure reaches it, is defined
 * in the live patch as `klpp_ps_g` (its header then conflicts and is copied from). */
#include "t.h"
int pu_f(void) { return ps_g(); }
