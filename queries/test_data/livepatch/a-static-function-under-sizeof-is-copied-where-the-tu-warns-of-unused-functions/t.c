/* A static function referred to under `sizeof` only is declared, not copied; but where the
 * TU's flags warn of unused functions (the kernel's -Wall -Werror), a static function
 * declared and never defined draws gcc's warning: it is copied as if called. The extern
 * function needs no definition and stays declared. */
static inline int __attribute__((unused)) bad_range(int v)
{
	return v > 4;
}

int checked(int v);

int pu_f(int v)
{
	return (int)sizeof(bad_range(v)) + (int)sizeof(checked(v)) + v;
}
