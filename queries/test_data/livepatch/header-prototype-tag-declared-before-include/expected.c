/* klp-ccp: from /src/t.c */
struct dev;

#include "dev.h"
void klpp_pu_probe(struct dev *d)
{
	dev_reset(d);
}

