/* __LINE__, __FILE__ and __COUNTER__ keep the values the TU gave them: a #line directive
 * before the patched function, and an #if taking __COUNTER__ values up to where the TU
 * was when the function used it. */
#define PASTE2(a, b) a##b
#define PASTE(a, b) PASTE2(a, b)
#define UNIQUE(prefix) PASTE(prefix, __COUNTER__)
#define CHECK(x) do { if (!(x)) report(__FILE__, __LINE__); } while (0)

void report(const char *file, int line);

enum { UNIQUE(first_), UNIQUE(second_) };

int other(void)
{
	return sizeof(struct { int UNIQUE(field_); });
}

int pu_check(int v)
{
	struct { int UNIQUE(field_); } s = { v };

	CHECK(v > 0);
	return s.field_3;
}
