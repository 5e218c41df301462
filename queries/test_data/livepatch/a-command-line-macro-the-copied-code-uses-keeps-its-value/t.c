/* Issue 5 (7): the live patch is built with another command line (the kernel's
 * `KBUILD_MODNAME` names the live patch's module): a command-line macro the copied code uses
 * is defined again, with the TU's value. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
static const char *name(void) { return pr_fmt("x"); }
const char *pu_f(void) { return name(); }
