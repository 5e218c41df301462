/* klp-ccp: from /src/t.c */
enum mode
{
	MODE_OFF,
	MODE_ON,
};

enum other


;

int klpp_pu_read(enum mode *p, enum other *q)
{
	return *p + (q != 0);
}

