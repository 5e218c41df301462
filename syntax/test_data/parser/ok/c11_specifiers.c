_Thread_local _Alignas(16) _Atomic(int) a; _Atomic int b; _Noreturn void c(void);
_Bool d; _Complex double e; __int128 f; _Float128 g; __float128 h;