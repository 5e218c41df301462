/* Rules §4.1, §4.3: `UNUSED` is not needed. */
#define TWICE(x) ((x) * 2)
#define ONE 1
#define UNUSED 3
int pu_f(int a) { return TWICE(a) + ONE; }
