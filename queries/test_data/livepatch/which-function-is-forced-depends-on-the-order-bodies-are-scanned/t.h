void* ee_g(void);
void* ee_h(void) { return &ee_g; }
void* ee_g(void) { return &ee_h; }
