#ifndef LIST_INTERNAL_H
#define LIST_INTERNAL_H
#include <poison.h>
struct node {
	struct node *next;
};
static inline void node_init(struct node *n)
{
	n->next = n;
}
#endif
