/* "arch-internal.h" (not eligible) declares a global register variable, which an inline
 * function of <stack.h> uses (through a macro, in an asm operand) and the live patch does
 * not. A register variable is no symbol: the live patch copies its declaration as written,
 * never `extern` nor through a pointer, however it is referred to. */
#include "arch-internal.h"
#include <stack.h>

unsigned long pu_depth(void)
{
	return stack_top() - 8;
}
