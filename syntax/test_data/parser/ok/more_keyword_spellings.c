__volatile __const__ __signed long a;
__inline int in(void) { return 0; }
int *__restrict r;
__typeof(1) t;
void use(void) { int b = __alignof(int) + __real a + __imag a; }
int c __asm("d") __attribute((unused));
_Float16 e; _Float32 f; _Float64 g; _Float32x h; _Float64x i;