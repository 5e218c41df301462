void f(void) { if (1) { }
#pragma mark x
else { } }
