/* The patched function's prototype names `struct hw` in a parameter list; the struct's
 * definition comes later, so cut to `struct hw;` there it would declare the tag too late:
 * the forward declaration before the prototype declares it (by its header's #include). */
#include "fwd.h"
#include "internal.h"

struct hw {
	int v;
};

void hw_stop(struct hw *hw);

void pu_reset(struct hw *hw)
{
	hw_stop(hw);
}
