#ifndef RCULIST_H
#define RCULIST_H
#include <list-internal.h>
static inline void node_del_rcu(struct node *n)
{
	n->next = POISON;
}
#endif
