/* An enum is declared without its enumerators only where nothing needs it complete
 * (`enum e;` is a GNU extension that leaves it incomplete): reading `*p` needs it whole. */
enum mode
{
	MODE_OFF,
	MODE_ON,
};

enum other
{
	OTHER_A,
};

int pu_read(enum mode *p, enum other *q)
{
	return *p + (q != 0);
}
