/* "wait-internal.h" (not eligible) declares a typedef of `struct wq_head` (which declares
 * the tag) and then defines the struct; <mmzone.h> has a member of the typedef's type, by
 * value: the live patch, which includes <mmzone.h>, copies the struct's definition before
 * it, not only the typedef. */
#include "wait-internal.h"
#include <mmzone.h>

int pu_check(struct pgdat *p)
{
	return pgdat_ok(p);
}
