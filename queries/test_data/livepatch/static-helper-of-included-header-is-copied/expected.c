/* klp-ccp: from /src/internal-helpers.h */
struct buf { char *data; int len; };

static inline int helper_len(const struct buf *b)
{
	return b->len;
}


/* klp-ccp: from /src/t.c */
#include <buf.h>
int klpp_pu_fill(struct buf *b)
{
	return buf_len(b);
}

