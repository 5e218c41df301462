/* klp-ccp: from /src/t.c */
#define HAVE_LEVELS 1
int 
#ifdef HAVE_LEVELS /* levels */

#else
#error "klp-ccp: non-taken branch"
#endif
#if !HAVE_LEVELS
#error "klp-ccp: non-taken branch"
#endif
klpp_pu_start ( int level )
{
	return level;
}

