#ifndef WAIT_INTERNAL_H
#define WAIT_INTERNAL_H
typedef struct wq_head wq_head_t;
struct wq_head {
	int lock;
};
#endif
