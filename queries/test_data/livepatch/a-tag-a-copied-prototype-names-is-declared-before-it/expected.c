/* klp-ccp: from /src/slab-internal.h */
#define SLAB_INTERNAL_H
struct lru;

struct pool;

void *alloc_lru(struct lru *lru, struct pool *pool);


/* klp-ccp: from /src/t.c */
#include <fs.h>
void *klpp_pu_get(struct sb *s)
{
	return s->l.n ? sb_alloc(s) : 0;
}

