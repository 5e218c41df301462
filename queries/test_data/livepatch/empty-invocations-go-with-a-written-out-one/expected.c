/* klp-ccp: from /src/t.c */
static int (*klpe_espr_target)(int v);

int klpp_pu_call(int v)
{
	return (*klpe_espr_target)(v);
}

