//! klp-ccp's diagnostics about conversions as if by assignment (assignments, initializers,
//! arguments, `return`) and about the operands of other operators (indirection, comparisons,
//! casts, computed `goto`).

use expect_test::expect;

use crate::support::check::check_diagnostics;

#[test]
fn integers_and_pointers_do_not_mix() {
    let source = "
extern void takes_pointer(int *);
extern void takes_int(int);
int f(int i, int *p)
{
    int j = p;
    i = p;
    takes_int(p);
    p = i;
    takes_pointer(5);
    return p;
}
int *g(int i)
{
    return i;
}
";
    expect![[r#"
        warning: line 6, column 12: assignment to integer from pointer
        warning: line 7, column 8: assignment to integer from pointer
        warning: line 8, column 14: assignment to integer from pointer
        warning: line 9, column 8: assignment to pointer from integer which is not NULL
        warning: line 10, column 18: assignment to pointer from integer which is not NULL
        warning: line 11, column 11: assignment to integer from pointer
        warning: line 15, column 11: assignment to pointer from integer which is not NULL
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn null_pointer_constants_booleans_and_casts_convert() {
    let source = "
enum { NONE };
extern void takes_pointer(int *);
void f(int *p, void (*fp)(void), long l)
{
    _Bool b = p;
    unsigned long u = (unsigned long)p;
    p = 0;
    p = (void *)0;
    p = NONE;
    p = '\\0';
    fp = 0L;
    takes_pointer(0);
    p = (int *)l;
}
";
    expect![[""]].assert_eq(&check_diagnostics(source));
}

#[test]
fn a_bit_field_but_a_boolean_one_takes_no_pointer() {
    let source = "
struct s { int f : 4; _Bool b : 1; } a;
void f(void)
{
    a.f = f;
    a.b = f;
}
";
    expect![[r#"
        warning: line 5, column 10: assignment from pointer to non-boolean bitfield type
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn an_undeclared_function_returns_int() {
    let source = "
char *f(void)
{
    char *p = alloca(16);
    return p;
}
";
    expect![[r#"
        warning: line 4, column 14: identifier "alloca" not declared
        warning: line 4, columns 14-24: assignment to pointer from integer which is not NULL
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn pointers_to_integer_types_must_agree() {
    let source = "
extern void takes_ulong(unsigned long *);
void f(long *lp, int *ip, char *cp, unsigned char *ucp)
{
    takes_ulong(lp);
    ip = cp;
    ucp = \"ab\";
    cp = ucp;
    lp = ip;
}
";
    expect![[r#"
        warning: line 5, column 16: pointers to different integer types in assignment
        warning: line 6, column 9: assigning pointers to integer types of different width
        warning: line 7, column 10: pointers to different integer types in assignment
        warning: line 8, column 9: pointers to different integer types in assignment
        warning: line 9, column 9: assigning pointers to integer types of different width
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn enums_point_like_their_underlying_type() {
    let source = "
enum e { A, B } ev;
unsigned int ui;
unsigned char uc;
enum e *ep = &ui;
unsigned int *up = &ev;
enum e *bad = &uc;
";
    expect![[r#"
        warning: line 7, columns 14-17: assigning pointers to integer types of different width
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn other_pointers_must_point_to_compatible_types() {
    let source = "
struct a { int x; };
struct b { int x; };
int g(int);
void f(struct a *pa, struct b *pb, float *fp, int (*fn)(double))
{
    pa = pb;
    fp = &pa;
    fn = g;
    fn = &g;
}
";
    expect![[r#"
        warning: line 7, column 9: incompatible pointer types in assignment
        warning: line 8, columns 9-12: incompatible pointer types in assignment
        warning: line 9, column 9: incompatible pointer types in assignment
        warning: line 10, columns 9-11: incompatible pointer types in assignment
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn void_pointers_and_compatible_types_convert() {
    let source = "
typedef int IA[];
struct s { int x; };
void g(void);
void f(void *v, struct s *ps, int (*ap)[10], void (*fp)(void))
{
    IA *ip = ap;
    const struct s *cps = ps;
    v = ps;
    ps = v;
    v = g;
    fp = v;
    fp = g;
    fp = &g;
}
";
    expect![[""]].assert_eq(&check_diagnostics(source));
}

#[test]
fn qualifiers_of_the_pointed_to_type_are_kept() {
    let source = "
typedef const int cia[2];
extern void takes(char *);
cia arr;
void f(const char *s, volatile char *vs, char *p)
{
    char *q = s;
    p = vs;
    takes(s);
    const volatile char *cv = p;
    const void *cvp = s;
    void *vp = cvp;
    void *array = &arr;
}
";
    expect![[r#"
        warning: line 7, column 14: assignment's source qualifiers are not a subset of target ones
        warning: line 8, column 8: assignment's source qualifiers are not a subset of target ones
        warning: line 9, column 10: assignment's source qualifiers are not a subset of target ones
        warning: line 12, column 15: assignment's source qualifiers are not a subset of target ones
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn a_builtin_is_no_value() {
    let source = "
void f(void)
{
    int (*abs_fn)(int) = __builtin_abs;
    int x = __builtin_abs(-1);
}
";
    expect![[r#"
        error: line 4, column 25: invalid type for assignment target
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn a_prototype_fixes_the_number_of_arguments() {
    let source = "
int two(int, int);
int none(void);
int some(const char *, ...);
int unknown();
void f(void)
{
    two(1);
    two(1, 2, 3);
    none(1);
    some();
    two(two(1, 2), 2);
    none();
    some(\"x\", 1, 2);
    unknown(1, 2, 3);
    __builtin_memcpy(0, 0, 0);
}
";
    expect![[r#"
        warning: line 8, columns 4-10: wrong number of arguments to function invocation
        warning: line 9, columns 4-16: wrong number of arguments to function invocation
        warning: line 10, columns 4-11: wrong number of arguments to function invocation
        warning: line 11, columns 4-10: wrong number of arguments to function invocation
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn return_agrees_with_the_function_type() {
    let source = "
void nothing(void);
int f(int i)
{
    if (i)
        return;
    return i;
}
void g(int i)
{
    if (i)
        return i + 1;
    if (i > 1)
        return nothing();
    return;
}
h()
{
    return;
}
";
    expect![[r#"
        warning: line 6, columns 8-15: return without value in function returning non-void
        warning: line 12, columns 8-21: return with value in function returning void
        warning: line 19, columns 4-11: return without value in function returning non-void
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn indirection_through_a_pointer_to_an_incomplete_type() {
    let source = "
struct opaque;
void f(void *pv, struct opaque *po, int *pi, void (*fp)(void))
{
    *pv;
    *pi;
    (*fp)();
    struct opaque *same = &*po;
}
";
    expect![[r#"
        warning: line 5, column 5: dereferencing pointer to incomplete type
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn pointers_compare_with_null_and_with_compatible_pointers() {
    let source = "
extern void z();
void f(int *p, const int *cp, void *v, char *c, unsigned long u)
{
    if (p == 0 || p < 0 || p == (void *)0 || p != cp || p == v || p <= cp)
        return;
    if (u <= (void *)0)
        return;
    if (p == 1)
        return;
    if (z >= (void *)0)
        return;
    if (p == c)
        return;
    if (v < c)
        return;
    if (z >= 0 || z == (void *)0 || z == v)
        return;
}
";
    expect![[r#"
        warning: line 7, column 8: pointer comparison against non-NULL integer
        warning: line 9, column 13: pointer comparison against non-NULL integer
        warning: line 11, columns 8-22: comparison between incompatible pointers without cast
        warning: line 13, columns 8-14: comparison between incompatible pointers without cast
        warning: line 15, columns 8-13: comparison between incompatible pointers without cast
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn casts_to_unions_and_between_pointers_and_floats_are_invalid() {
    let source = "
union u { int i; double d; };
void f(int i, union u x, int *p, double d)
{
    x = (union u)i;
    x = (union u)x;
    d = (double)p;
    p = (int *)d;
    (void)x;
    i = (int)p;
    p = (int *)(long)d;
}
";
    expect![[r#"
        warning: line 5, columns 8-18: invalid types in cast
        warning: line 6, columns 8-18: invalid types in cast
        warning: line 7, columns 8-17: invalid types in cast
        warning: line 8, columns 8-16: invalid types in cast
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn a_computed_goto_goes_through_a_pointer() {
    let source = "
void f(int i, long *stack)
{
    void *target = &&out;
    goto *target;
    goto *(char)i;
    goto *(*stack);
out:
    return;
}
";
    expect![[r#"
        warning: line 6, columns 10-17: dereferencing integer at computed goto
        warning: line 7, columns 10-18: dereferencing integer at computed goto
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn aggregates_and_compound_assignments_are_not_checked() {
    let source = "
struct s { int x; };
void f(struct s *ps, char *p, int i)
{
    char buf[4] = \"abc\";
    struct s copy = *ps;
    p += i;
    i += 1;
}
";
    expect![[""]].assert_eq(&check_diagnostics(source));
}

#[test]
fn a_void_pointer_dereferenced_under_sizeof_is_no_warning() {
    // The kernel's `__is_constexpr(x)` takes `sizeof(*(8 ? (void *)(x * 0l) : (int *)8))`:
    // gcc says nothing there, only of a `*p` evaluated.
    let source = "
int f(void *p, long x)
{
    *p;
    return sizeof(*p) + sizeof(*(8 ? ((void *)(x * 0l)) : (int *)8));
}
";
    expect![[r#"
        warning: line 4, column 5: dereferencing pointer to incomplete type
    "#]]
    .assert_eq(&check_diagnostics(source));
}
