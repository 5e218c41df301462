/* klp-ccp: from /src/wait-internal.h */
#define WAIT_INTERNAL_H
typedef struct wq_head wq_head_t;

struct wq_head {
	int lock;
};


/* klp-ccp: from /src/t.c */
#include <mmzone.h>
int klpp_pu_check(struct pgdat *p)
{
	return pgdat_ok(p);
}

