/* <mm.h> defines FAULT_WRITE, then includes <huge.h>, whose inline function uses it.
 * <inline.h> includes <huge.h> before <swap.h>, which includes <mm.h>. The live patch
 * includes only <inline.h>: there <huge.h> is read first, before <mm.h>, so FAULT_WRITE
 * must be defined before the #include even though <inline.h> reads <mm.h> later. */
#include <mm.h>
#include <inline.h>

int pu_count(int n)
{
	return inline_pages(n);
}
