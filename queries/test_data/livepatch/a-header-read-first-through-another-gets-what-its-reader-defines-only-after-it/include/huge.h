#ifndef HUGE_H
#define HUGE_H
static inline int huge_address(struct fault *f)
{
	return f->address;
}
#endif
