struct buf { char *data; int len; };

static inline int helper_len(const struct buf *b)
{
	return b->len;
}
