foo_t a;
void f(size_t n) { bar_t b = n; }