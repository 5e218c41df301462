enum { a, b };
int x = a ?: b;