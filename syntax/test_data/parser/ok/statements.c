void f(int n) { if (n) ; else if (n > 1) n--; else { } while (n) n--; do n++; while (0);
for (int i = 0; i < n; i++) continue; for (;;) break; return; }