/* klp-ccp: from /src/t.c */
#define klpp_pu_f hello
#define __str(a) #a
#define str(a) __str(a)
static void g(void) { str(klpp_pu_f); }


/* klp-ccp: not from file */
#undef klpp_pu_f

/* klp-ccp: from /src/t.c */
void klpp_pu_f(void)
{
	g();
	
#define klpp_pu_f hello
str(klpp_pu_f);
}

