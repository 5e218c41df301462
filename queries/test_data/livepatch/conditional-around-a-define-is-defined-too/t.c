/* The copied code uses FOLIO_FLUSH, defined in a group of "flush-internal.h" (copied from)
 * whose condition tests HAVE_DCACHE, which <gen.h> defines: the group is written around the
 * #define, so <gen.h> is included for it. */
#include "flush-internal.h"

int pu_flush(void)
{
	return FOLIO_FLUSH;
}
