struct batch;

static inline int fs_count(void)
{
	return 1;
}
