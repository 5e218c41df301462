/* klp-ccp: from /src/t.c */
static long (*klpe_espr_do_ping) ( int x ) ; long klpp_pu_ping ( int x ) { return (*klpe_espr_do_ping) ( x ) ; } static long (*klpe_espr_do_ping) ( int x );

