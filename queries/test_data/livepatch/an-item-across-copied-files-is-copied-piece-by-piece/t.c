/* An item written across files the live patch copies from is copied piece by piece, each under
 * its file's marker; the headers it includes that the live patch may include stay `#include`s
 * (headers-6). */
static
#include "internal.h"
void pu_f(void) { g(); }
