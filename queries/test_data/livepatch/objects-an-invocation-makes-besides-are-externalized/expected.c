/* klp-ccp: from /src/t.c */
static int tick_probe ( void ) { return 2 ; } static int ( * klpe_esr_tick ) ( void ) ; static int tick ( void ) { return 3 ; }

int klpp_pu_f(void) { return tick(); }

