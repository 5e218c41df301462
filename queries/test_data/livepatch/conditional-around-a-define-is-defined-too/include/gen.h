#define HAVE_DCACHE 0
