/* TARGET() makes a symbol the live patch reaches through a pointer, so it is written out
 * expanded; the invocations beside it that expand to nothing go with it. */
#define TARGET() espr_target
#define BARRIER()
#define TRACE_HOOK(x)

int espr_target(int v)
{
	return v;
}

int pu_call(int v)
{
	return BARRIER()TARGET()TRACE_HOOK(v)(v);
}
