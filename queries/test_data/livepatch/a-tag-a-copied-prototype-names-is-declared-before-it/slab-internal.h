#ifndef SLAB_INTERNAL_H
#define SLAB_INTERNAL_H
struct lru;
struct pool;
void *alloc_lru(struct lru *lru, struct pool *pool);
#endif
