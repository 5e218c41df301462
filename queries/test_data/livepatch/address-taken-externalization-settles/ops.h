/*
 * The toy policy copies externalizable functions that an eligible header defines, unless
 * their address is taken. ee_flush takes &ee_open and ee_close takes &ee_flush: ee_open
 * is externalized first (its address is taken first), then ee_flush; once ee_flush is
 * externalized its body is not copied, nothing takes &ee_open any more, and ee_open is
 * copied after all. ee_open takes &ee_read, which is externalized.
 */
void *ee_open(void);

void *ee_flush(void)
{
	return &ee_open;
}

void *ee_close(void)
{
	return &ee_flush;
}

void *ee_read(void)
{
	return &ee_close;
}

void *ee_open(void)
{
	return &ee_read;
}
