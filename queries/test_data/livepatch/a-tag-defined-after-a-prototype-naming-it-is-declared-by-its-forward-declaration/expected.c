/* klp-ccp: from /src/t.c */
#include "fwd.h"

/* klp-ccp: from /src/internal.h */
void klpp_pu_reset(struct hw *hw);


/* klp-ccp: from /src/t.c */
void hw_stop(struct hw *hw);

void klpp_pu_reset(struct hw *hw)
{
	hw_stop(hw);
}

