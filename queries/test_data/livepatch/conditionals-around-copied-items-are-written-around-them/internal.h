#ifndef INTERNAL_H
#define INTERNAL_H
static int i(void) { return 3; }
#endif
