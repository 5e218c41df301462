/* klp-ccp: from /src/arch-internal.h */
#define ARCH_INTERNAL_H
register unsigned long stack_pointer asm("rsp");

#define CALL_CONSTRAINT "+r" (stack_pointer)

/* klp-ccp: from /src/t.c */
#include <stack.h>
unsigned long klpp_pu_depth(void)
{
	return stack_top() - 8;
}

