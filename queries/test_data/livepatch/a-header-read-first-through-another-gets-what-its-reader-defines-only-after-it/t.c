/* <mm.h> defines struct fault, then includes <huge.h>, whose inline function dereferences
 * it. <inline.h> includes <huge.h> before <swap.h>, which includes <mm.h>. The live patch
 * includes only <inline.h>: there <huge.h> is read first, before <mm.h>, so struct fault
 * must be complete before the #include even though <inline.h> reads <mm.h> later. */
#include <mm.h>
#include <inline.h>

int pu_count(int n)
{
	return inline_pages(n);
}
