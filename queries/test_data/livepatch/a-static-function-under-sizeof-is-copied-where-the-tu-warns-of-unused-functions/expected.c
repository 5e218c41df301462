/* klp-ccp: from /src/t.c */
static inline int __attribute__((unused)) bad_range(int v)
{
	return v > 4;
}

int checked(int v);

int klpp_pu_f(int v)
{
	return (int)sizeof(bad_range(v)) + (int)sizeof(checked(v)) + v;
}

