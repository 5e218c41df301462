/* A pointer to an object is no object of its kind: a per-cpu variable's section attribute
 * stays with the running kernel's variable (the invocation defining it is written out). */
#define DEFINE_PER_CPU(type, name) __attribute__((section(".data..percpu"))) __typeof__(type) name
static DEFINE_PER_CPU(int, espr_count);
int pu_f(void) { return espr_count; }
