void
#include "name.h"
(void)
#include "brace.h"
}
