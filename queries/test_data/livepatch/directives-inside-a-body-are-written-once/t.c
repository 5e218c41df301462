/* Directives written inside a copied function body are copied with it, where they stand,
 * and not again after the last item. */
int pu_sum(void)
{
#define STEP 2
#ifdef NO_SUCH
#define LIMIT 0
#else
#define LIMIT 10
#endif
	return STEP * LIMIT;
}
