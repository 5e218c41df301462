extern int espr_o;
static inline int get(void) { return espr_o; }
