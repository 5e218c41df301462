/* The invocation NAME(...) makes the patched function's name, so it is written out
 * expanded; its argument spans conditional groups, whose directive lines stay, each group
 * with its own #if and #endif, and the expansion goes where the invocation ends. */
#define NAME(x) pu_start(int level)
#define HAVE_LEVELS 1

int NAME(
#ifdef HAVE_LEVELS /* levels */
	levels
#else
	none
#endif
#if !HAVE_LEVELS
	unused
#endif
	)
{
	return level;
}
