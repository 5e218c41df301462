/* "slab-internal.h" (not eligible) declares `struct lru` and names it in the prototype of
 * alloc_lru(), which <fs.h>'s inline function calls: the prototype is copied before the
 * `#include <fs.h>`, which defines the tag (needed complete: the patched function reads a
 * member). A parameter list naming a tag not declared before gives it prototype scope:
 * the tag's forward declaration is copied before the prototype. */
#include "slab-internal.h"
#include <fs.h>

void *pu_get(struct sb *s)
{
	return s->l.n ? sb_alloc(s) : 0;
}
