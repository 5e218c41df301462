/* klp-ccp: from /src/t.c */
typedef unsigned long ulong;

struct point { int x, y; };

enum color { RED, GREEN };

ulong klpp_pu_f(struct point *p) { return p->x + GREEN; }

