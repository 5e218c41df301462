char *s = "a" L"b"
  "c";