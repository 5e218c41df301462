/* klp-ccp: from /src/t.c */
static int answer_value ( void ) { return 42 ; } int klpp_pu_answer ( void ) { return answer_value ( ) ; }

