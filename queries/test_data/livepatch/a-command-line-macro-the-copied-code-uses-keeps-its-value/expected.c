/* klp-ccp: from <command-line> */
#undef KBUILD_MODNAME
#define KBUILD_MODNAME "memory"

/* klp-ccp: from /src/t.c */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
static const char *name(void) { return pr_fmt("x"); }

const char *klpp_pu_f(void) { return name(); }

