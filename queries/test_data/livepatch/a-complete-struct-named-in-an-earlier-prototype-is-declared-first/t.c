/* The patched function's prototype names `struct hw` in its parameter list before the
 * struct's definition, which the body needs complete: the forward declaration that gave the
 * tag file scope there comes too, or the prototype would declare another struct. */
#include "internal.h"

void pu_set(struct hw *hw, int v)
{
	hw->v = v;
}
