/* klp-ccp: from /src/t.c */
#define PASTE2(a, b) a##b
#define PASTE(a, b) PASTE2(a, b)
#define UNIQUE(prefix) PASTE(prefix, __COUNTER__)
#define CHECK(x) do { if (!(x)) report(__FILE__, __LINE__); } while (0)
void report(const char *file, int line);

/* klp-ccp: __COUNTER__ taken to its value in the TU */
#if __COUNTER__ + __COUNTER__ + __COUNTER__
#endif
#line 18 "/src/t.c"
int klpp_pu_check(int v)
{
	struct { int UNIQUE(field_); } s = { v };

	CHECK(v > 0);
	return s.field_3;
}

