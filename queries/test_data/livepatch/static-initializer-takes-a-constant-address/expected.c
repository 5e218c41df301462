/* klp-ccp: from /src/t.c */
struct ops { int (*open)(void); };

static int espr_open(void)
{
	return 1;
}

static int (*klpe_espr_close)(void);

int klpp_pu_setup(void)
{
	static const struct ops table = { .open = espr_open };

	return table.open() + (*klpe_espr_close)();
}

