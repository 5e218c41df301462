#ifndef SLAB_INTERNAL_H
#define SLAB_INTERNAL_H
struct lru;
void *alloc_lru(struct lru *lru);
#endif
