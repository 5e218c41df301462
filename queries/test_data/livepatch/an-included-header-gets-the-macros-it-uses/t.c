/* <list-internal.h> (not eligible) includes <poison.h> and is copied from; <rculist.h>
 * includes it again (a guarded re-inclusion) and its inline function uses a macro of
 * <poison.h>, which nothing the live patch copies uses: the live patch includes <poison.h>
 * before <rculist.h> all the same. */
#include <list-internal.h>
#include <rculist.h>

void pu_reset(struct node *n)
{
	node_init(n);
	node_del_rcu(n);
}
