/* "slab-internal.h" (not eligible) declares `struct lru` and `struct pool` and names them
 * in the prototype of alloc_lru(), which <fs.h>'s inline function calls: the prototype is
 * copied before the `#include <fs.h>`, which defines both tags. A parameter list naming a
 * tag not declared before gives it prototype scope: each tag's forward declaration is
 * copied before the prototype, whether the tag is needed complete (`struct lru`: the
 * patched function reads a member) or declared only (`struct pool`, whose definition,
 * read by the `#include` after the prototype, cannot declare it in time). */
#include "slab-internal.h"
#include <fs.h>

void *pu_get(struct sb *s)
{
	return s->l.n ? sb_alloc(s) : 0;
}
