/* Rules §1.4, §2.3, fun-closure-3: all the declarations kept, the definition made one, its
 * callee `h` not needed. */
void h(void) {}
void ee_g(void);
void ee_g(void) { h(); }
void pu_f(void) { ee_g(); }
