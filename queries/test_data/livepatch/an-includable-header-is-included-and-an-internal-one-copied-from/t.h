struct s { int a; };
static inline int get(struct s *p) { return p->a; }
