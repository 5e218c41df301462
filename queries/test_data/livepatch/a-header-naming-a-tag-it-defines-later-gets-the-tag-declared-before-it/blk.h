void blk_poll(struct batch *b);
int blk_count(void);

struct batch {
	int n;
};
