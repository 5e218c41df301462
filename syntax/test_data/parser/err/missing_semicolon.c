int x
int y;