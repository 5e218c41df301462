/* klp-ccp: from /src/include/list-internal.h */
#define LIST_INTERNAL_H
#include <poison.h>
struct node {
	struct node *next;
};

static inline void node_init(struct node *n)
{
	n->next = n;
}


/* klp-ccp: from /src/t.c */
#include <rculist.h>
void klpp_pu_reset(struct node *n)
{
	node_init(n);
	node_del_rcu(n);
}

