#include <gen.h>
#if HAVE_DCACHE
#define FOLIO_FLUSH 1
#else
#define FOLIO_FLUSH 0
#endif
