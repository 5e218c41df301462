#ident "v1"
int x;