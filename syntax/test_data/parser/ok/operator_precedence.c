int a, b, c, d, e, f, g, h, i, j, k, l, m, n;
void fn(void) { int x = a = b ? c || d && e | f ^ g & h == i < j << k + l * m : n, o; }