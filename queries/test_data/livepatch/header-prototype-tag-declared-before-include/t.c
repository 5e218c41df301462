/* The header names `struct dev` first in a parameter list: without this file-scope
 * declaration before the #include, the tag would have prototype scope there, and the
 * header's prototype would not match the patched function's calls. */
struct dev;

#include "dev.h"

void pu_probe(struct dev *d)
{
	dev_reset(d);
}
