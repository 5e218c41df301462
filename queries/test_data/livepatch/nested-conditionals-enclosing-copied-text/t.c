/* Conditional groups enclosing the copied functions are written around them with their
 * own directive lines (comments too), nested ones inside, and the branches not taken as
 * #error lines. */
#define ARCH_X 1
#define FEATURE 2

#if defined(ARCH_X) /* arch */
# if FEATURE > 1 /* feature */
static int helper(void)
{
	return FEATURE;
}
# elif FEATURE == 1
static int helper(void)
{
	return 0;
}
# endif /* feature */

int pu_use(void)
{
	return helper();
}
#else /* !arch */
int pu_use(void)
{
	return -1;
}
#endif /* arch */
