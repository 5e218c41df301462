/*
 * A small kernel-style translation unit to try klp-ccp on: a fix to
 * counter_add() would be made into a live patch of that function.
 */
#include <linux/counter.h>

#define pr_debug(fmt, ...) counter_log("counter: " fmt, ##__VA_ARGS__)

static int nr_adds;

static void note_add(int delta)
{
	nr_adds++;
	pr_debug("added %d\n", delta);
}

int counter_add(struct counter *c, int delta)
{
	note_add(delta);
	c->value = counter_clamp(c, c->value + delta);
	return c->value;
}

#ifdef CONFIG_COUNTER_RESET
void counter_reset(struct counter *c)
{
	c->value = 0;
}
#endif
