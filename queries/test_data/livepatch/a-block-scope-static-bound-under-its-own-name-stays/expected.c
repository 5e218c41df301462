/* klp-ccp: from /src/t.c */
int klpp_pu_f(void)
{
	static int ee_count;
	return ee_count++;
}

