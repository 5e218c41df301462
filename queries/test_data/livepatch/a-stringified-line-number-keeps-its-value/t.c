/* The kernel's arm64 BUG() puts __stringify(__LINE__) into an asm string: the string
   depends on where the code is written, so a #line keeps the patched function's line as in
   the TU, though no __LINE__ token survives the stringification. */
#define __stringify_1(x...) #x
#define __stringify(x...) __stringify_1(x)
#define BUG_LOCATION() __asm__ volatile(".short " __stringify(__LINE__))

static int counter;

int pu_f(void)
{
	BUG_LOCATION();
	return counter;
}
