/* blk.h names `struct batch` in a prototype and defines it only further down (as the
 * kernel's blkdev.h does with `struct io_comp_batch`); the TU had the tag declared before, in
 * a header the live patch copies from (its path says `internal`). The definition comes too
 * late for blk.h's own prototype, so the live patch declares the tag before the #include, as
 * the TU did, though the patched code never names it. */
#include "fs-internal.h"
#include "blk.h"

int pu_count(void)
{
	return blk_count() + fs_count();
}
