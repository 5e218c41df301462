/* Rules §2.4, ext-obj-3, ext-obj-5 (the space before ` = ...` stays). */
static int ee_o = 0;
static char ee_s[] = "123";
unsigned long pu_f(void) { return ee_o + sizeof(ee_s) + ee_s[0]; }
