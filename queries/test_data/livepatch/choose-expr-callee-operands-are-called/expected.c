/* klp-ccp: from /src/t.c */
static void slow(void)
{}

static void fast(void)
{}

void klpp_pu_run(void)
{
	__builtin_choose_expr(sizeof(long) == 8, fast, slow)();
}

