/* Rules §1.4: a non-call reference forces the externalization. */
void ee_g(void) {}
void (*pu_f(void))(void) { return &ee_g; }
