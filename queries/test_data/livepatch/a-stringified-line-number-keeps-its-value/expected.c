/* klp-ccp: from /src/t.c */
#define __stringify_1(x...) #x
#define __stringify(x...) __stringify_1(x)
#define BUG_LOCATION() __asm__ volatile(".short " __stringify(__LINE__))
static int counter;

#line 10 "/src/t.c"
int klpp_pu_f(void)
{
	BUG_LOCATION();
	return counter;
}

