int x;
int a = _Alignof(int) + __alignof__(long) + __alignof(x);