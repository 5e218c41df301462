/* klp-ccp: from /src/t.c */
void klpp_pu_f(void)
{
	extern char (*klpe_espr_o)[] ;
	(*klpe_espr_o);
}

