/* Rules §5, condincl-1, condincl-2, condincl-4: directives copied, each non-taken branch an
 * `#error` line, an `#else` added where a taken `#if` has none; in a declarator cut by the
 * groups, and in a body. */
#define A(x) x
#define B 1
void A(
#if B
pu_f
#else
other
#endif
)(void)
{
#if B /* 1 */
	int a;
#endif
#if 0
	int b;
#else
	int c;
#endif
}
