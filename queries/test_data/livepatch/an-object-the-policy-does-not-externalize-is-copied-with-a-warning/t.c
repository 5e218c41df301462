/* Rules §1.6, §7, ext-obj-11: copied with its initializer, whose `&ee_f` forces the
 * externalization of `ee_f`; the warning spans the declarator. */
void ee_f(void) {}
static void (*o)(void) = &ee_f;
void pu_g(void) { o(); }
