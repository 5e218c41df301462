/* A block-scope static is no global symbol of its name: bound to one under its own name (no
 * rename, no pointer), it would be bound to nothing, and it stays as it is. */
int pu_f(void)
{
	static int ee_count;
	return ee_count++;
}
