#ifndef STACK_H
#define STACK_H
static inline unsigned long stack_top(void)
{
	return 4096;
}
static inline void stack_check(void)
{
	asm volatile("" : CALL_CONSTRAINT);
}
#endif
