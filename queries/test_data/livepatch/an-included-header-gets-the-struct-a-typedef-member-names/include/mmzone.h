#ifndef MMZONE_H
#define MMZONE_H
struct pgdat {
	wq_head_t kswapd_wait;
};
static inline int pgdat_ok(struct pgdat *p)
{
	return p != 0;
}
#endif
