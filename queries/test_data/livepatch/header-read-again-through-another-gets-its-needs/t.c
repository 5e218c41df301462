/* "big-internal.h" (not eligible) defines page_size() and includes <stat.h>, whose inline
 * function calls it. The live patch copies what it needs of "big-internal.h" and includes
 * <user.h>, which includes <stat.h> again: in the live patch that reads <stat.h> for the
 * first time, so what <stat.h> needs comes before <user.h>. */
#include "big-internal.h"
#include <user.h>

int pu_count(int n)
{
	return user_pages(n);
}
