#ifndef FS_H
#define FS_H
struct pool {
	int size;
};
struct lru {
	int n;
};
struct sb {
	struct lru l;
};
static inline void *sb_alloc(struct sb *s)
{
	return alloc_lru(&s->l, 0);
}
#endif
