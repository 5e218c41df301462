/* A static initializer of the live patch takes espr_open's address: a pointer filled at
 * load time is no constant, so espr_open is copied rather than made a pointer (the table is
 * the live patch's own, its entries may be the live patch's too). espr_close, only called,
 * is reached through its pointer. */
struct ops { int (*open)(void); };

int espr_open(void)
{
	return 1;
}

int espr_close(void)
{
	return 0;
}

int pu_setup(void)
{
	static const struct ops table = { .open = espr_open };

	return table.open() + espr_close();
}
