struct s { int a; };
void ee_g(void) {}
