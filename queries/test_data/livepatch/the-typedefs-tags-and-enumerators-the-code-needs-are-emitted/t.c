/* Rules §1.7: a member access needs `struct point`, an enumerator its `enum`. */
typedef unsigned long ulong;
typedef int unused_t;
struct point { int x, y; };
struct unused { int z; };
enum color { RED, GREEN };
ulong pu_f(struct point *p) { return p->x + GREEN; }
