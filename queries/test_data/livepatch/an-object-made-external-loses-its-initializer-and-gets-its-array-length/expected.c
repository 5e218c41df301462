/* klp-ccp: from /src/t.c */
extern int ee_o ;

extern char ee_s[4] ;

unsigned long klpp_pu_f(void) { return ee_o + sizeof(ee_s) + ee_s[0]; }

