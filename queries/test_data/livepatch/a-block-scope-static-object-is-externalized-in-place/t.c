/* Rules §2.5, ext-obj-8: made `extern` whatever the linkage asked, the initializer dropped,
 * the array length not written in. */
void pu_f(void)
{
	static char espr_o[] = "123";
	espr_o;
}
