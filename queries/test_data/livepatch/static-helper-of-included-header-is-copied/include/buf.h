static inline int buf_len(const struct buf *b)
{
	return helper_len(b);
}
