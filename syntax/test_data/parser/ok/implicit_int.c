static x;
f() { return 0; }
*p;