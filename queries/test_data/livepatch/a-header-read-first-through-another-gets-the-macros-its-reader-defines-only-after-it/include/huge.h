#ifndef HUGE_H
#define HUGE_H
static inline int huge_write(int flags)
{
	return flags & FAULT_WRITE;
}
#endif
