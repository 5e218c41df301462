/* A function chosen as the callee by __builtin_choose_expr is called whichever operand is
 * chosen: both are copied (as klp-ccp always took it). */
static void slow(void)
{}

static void fast(void)
{}

void pu_run(void)
{
	__builtin_choose_expr(sizeof(long) == 8, fast, slow)();
}
