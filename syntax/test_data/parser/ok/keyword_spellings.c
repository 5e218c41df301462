__const volatile __volatile__ __thread int x;
__inline__ __signed__ int f(void) { return 0; }
int *__restrict__ p;
__extension__ typedef __signed long long s64;