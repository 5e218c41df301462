typedef int T;
int f(int T) { return T * 2; }