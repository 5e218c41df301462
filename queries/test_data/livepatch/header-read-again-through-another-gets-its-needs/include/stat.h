#ifndef STAT_H
#define STAT_H
static inline int stat_bytes(int pages)
{
	return pages * page_size();
}
#endif
