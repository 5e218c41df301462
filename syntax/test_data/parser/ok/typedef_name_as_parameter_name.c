typedef int T;
void f(T T);
T y;