/* A new name that is a macro's where it is written: the macro is undefined before the item and
 * defined again before the item invokes it next (macros-13). */
#define klpp_pu_f hello
#define __str(a) #a
#define str(a) __str(a)
static void g(void) { str(klpp_pu_f); }
void pu_f(void)
{
	g();
	str(klpp_pu_f);
}
