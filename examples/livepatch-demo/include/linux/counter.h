#ifndef _LINUX_COUNTER_H
#define _LINUX_COUNTER_H

#define COUNTER_MAX 100

struct counter {
	int value;
	int limit;
};

static inline int counter_clamp(const struct counter *c, int v)
{
	return v > c->limit ? c->limit : v;
}

extern int counter_log(const char *fmt, ...);

#endif
