//! klp-ccp's diagnostics about declarations and initializers: incompatible redeclarations,
//! tentative definitions left incomplete, initializers with items in excess, strings longer
//! than their arrays, negative array sizes, bit-field widths that are no constants, `mode`
//! on pointers.

use expect_test::expect;

use crate::support::check::{check_diagnostics, check_gnu89_diagnostics};

#[test]
fn incompatible_redeclarations_are_reported_at_the_name() {
    let source = "
extern int i[4];
int i[1];
typedef union { int *i; long *l; } U __attribute__((transparent_union));
extern void f(U);
extern void f(int *);
";
    expect![[r#"
        warning: line 3, column 4: incompatible redeclaration
        warning: line 6, column 12: incompatible redeclaration
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn file_scope_diagnostics_after_function_bodies_are_located_in_the_source() {
    // The file scope is typed without the bodies' insides: its offsets after a body are
    // moved back to the source's.
    let source = "
int f(int x)
{
    int y = x * 2;
    return y + 1;
}
extern int i[4];
int g(void) { return 0; }
int i[1];
";
    expect![[r#"
        warning: line 9, column 4: incompatible redeclaration
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn compatible_redeclarations_are_not_reported() {
    let source = "
extern int a[];
int a[10];
void f(int *);
void f(int *restrict);
int g();
int g(int);
extern void h(int) __attribute__((noreturn));
typedef void hfn(int);
volatile extern hfn h;
";
    expect![[""]].assert_eq(&check_diagnostics(source));
}

#[test]
fn old_style_definitions_must_agree_with_the_promoted_prototype() {
    let source = "
float f(float, float);
float f(x, y) float x, y; { return x + y; }
void v(int, ...);
void v(a) int a; {}
int n(int, int);
int n(a) int a; { return a; }
double d(double, int);
double d(x, c) float x; char c; { return x + c; }
int k(int);
int k(a) { return a; }
";
    expect![[r#"
        warning: line 3, column 6: incompatible redeclaration
        warning: line 5, column 5: incompatible redeclaration
        warning: line 7, column 4: incompatible redeclaration
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn tentative_definitions_incomplete_at_the_end_are_reported() {
    let source = "
int a[], b[];
struct s { int x[2]; };
struct s c[];
int a[];
int f(void) { return b[0]; }
";
    expect![[r#"
        warning: line 2, columns 4-7: init declarator has incomplete type
        warning: line 2, columns 9-12: init declarator has incomplete type
        warning: line 4, columns 9-12: init declarator has incomplete type
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn tentative_definitions_completed_later_are_not_reported() {
    let source = "
int x[];
int x[10];
extern int y[];
int z[] = { 1, 2 };
char s[] = \"abc\";
struct later t;
struct later { int m; };
";
    expect![[""]].assert_eq(&check_diagnostics(source));
}

#[test]
fn strings_longer_than_their_arrays_are_reported() {
    let source = "
char a[1] = \"a\";
const char b[3] = \"abc\";
struct { int n; char s[2]; } c = { 1, \"xyz\" };
void f(void)
{
    struct { char s[6]; int x; } d = { .s = \"123456\", .x = 2 };
}
";
    expect![[r#"
        warning: line 2, column 12: excess characters in array initialization
        warning: line 3, column 18: excess characters in array initialization
        warning: line 4, column 38: excess characters in array initialization
        warning: line 7, column 44: excess characters in array initialization
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn strings_that_fit_are_not_reported() {
    let source = "
char a[2] = \"a\";
char b[] = \"abc\";
char c[] = { \"abc\" };
char d[] = (\"abc\");
char e[2][3] = { \"ab\", \"cd\" };
struct { char c; char f[]; } g = { 'x', \"yz\" };
char size_of_c[sizeof c == 4 && sizeof d == 4 ? 1 : -1];
";
    expect![[""]].assert_eq(&check_diagnostics(source));
}

#[test]
fn lists_longer_than_their_objects_are_reported_from_the_first_item_in_excess() {
    let source = "
int a0[0] = { 1, 2 };
int a[2] = { 1, 2, 3, 4 };
struct g { int w; int x[0]; } g = { 4, { 0, 1, 2, 3 } };
union u { int i; long l; } u = { 1, 2 };
struct p { int x, y; } p = { .y = 1, 2 };
";
    expect![[r#"
        warning: line 2, columns 14-18: excess elements in intializer
        warning: line 3, columns 19-23: excess elements in intializer
        warning: line 4, columns 41-51: excess elements in intializer
        warning: line 5, column 36: excess elements in intializer
        warning: line 6, column 37: excess elements in intializer
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn brace_elision_into_nothing_is_reported_once() {
    let source = "
struct empty {};
int a[1][0] = { 1, 2 };
int b[][1][0] = { 1, 2 };
struct empty c[1] = { 1, 2 };
";
    expect![[r#"
        warning: line 3, column 16: excess elements in initialization of zero length array
        warning: line 4, column 18: excess elements in initialization of zero length array
        warning: line 5, column 22: excess elements initialization of empty struct/union
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn lists_that_fit_are_not_reported() {
    let source = "
int m[2][2] = { 1, 2, 3, 4 };
struct { int a[2]; int b; } s = { 1, 2, 3 };
int d[3] = { [2] = 1, [0] = 2, 3 };
int r[4] = { [0 ... 3] = 1 };
struct { struct { int a, b; } s; int c; } n = { .s.b = 1, 2 };
struct { int a; union { int b; long c; }; int d; } an = { .c = 1, 2 };
struct f { int w; int x[]; } f = { 4, { 0, 1, 2 } };
struct q { int x, y; } q1 = { 1, 2 }, qs[2] = { q1, 3, 4 };
struct { int x : 3; int : 5; int y; } bits = { 1, 2 };
union { int i; char c[4]; } un = { .c = \"abc\" };
int scalar = { 1 };
int *nested = { { 0 } };
struct empty {} e = {};
";
    expect![[""]].assert_eq(&check_diagnostics(source));
}

#[test]
fn array_lengths_come_from_what_the_initializer_reaches() {
    let source = "
struct p { int x, y; } ps[] = { 1, 2, 3, 4, 5 };
int d[] = { [5] = 1, 2 };
int r[] = { [0 ... 9] = 1 };
char s[][4] = { \"a\", \"b\", \"c\" };
struct { char t[4]; } w[] = { { { \"abc\" } } };
char lengths[sizeof ps == 3 * sizeof (struct p) && sizeof d == 7 * sizeof (int)
             && sizeof r == 10 * sizeof (int) && sizeof s == 12 && sizeof w == 4 ? 1 : -1];
";
    expect![[""]].assert_eq(&check_diagnostics(source));
}

#[test]
fn lists_of_several_items_for_a_scalar_are_reported() {
    let source = "
int i = { 1, 2 };
void f(void)
{
    char **p = (char **) { \"a\", \"b\" };
}
";
    expect![[r#"
        warning: line 2, columns 10-14: invalid initialization of scalar type
        warning: line 5, columns 27-35: invalid initialization of scalar type
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn negative_array_sizes_are_errors() {
    let source = "
int a[0];
int b[1 - 2];
";
    expect![[r#"
        error: line 3, columns 6-11: array size expression is negative
    "#]]
    .assert_eq(&check_diagnostics(source));
}

/// One array declaration a source, as klp-ccp reports only its first error.
const ARRAYS_TOO_LARGE: [&str; 7] = [
    "char a[1UL << 62][4];",
    "char b[1UL << 62][2];",
    "int c[1UL << 61];",
    "char d[1UL << 63];",
    "struct s { char e[0x8000000000000000][0]; };",
    "unsigned long f = sizeof(char [1UL << 62][4]);",
    "void g(void) { (void)sizeof(char [1UL << 63]); }",
];

#[test]
fn arrays_too_large_are_errors_as_gcc_words_them() {
    let found: String = ARRAYS_TOO_LARGE
        .iter()
        .map(|source| check_diagnostics(source))
        .collect();
    // gcc 12 says the same, at the name or the brackets (its columns are 1-based).
    expect![[r#"
        error: line 1, column 5: size of array 'a' exceeds maximum object size '9223372036854775807'
        error: line 1, column 5: size '9223372036854775808' of array 'b' exceeds maximum object size '9223372036854775807'
        error: line 1, column 4: size '9223372036854775808' of array 'c' exceeds maximum object size '9223372036854775807'
        error: line 1, column 5: size of array 'd' is too large
        error: line 1, column 16: size of array 'e' is too large
        error: line 1, columns 30-41: size of array exceeds maximum object size '9223372036854775807'
        error: line 1, columns 33-44: size of unnamed array is too large
    "#]]
    .assert_eq(&found);
    let fitting = "char ok[(1UL << 63) - 1]; int ok2[(1UL << 61) - 1]; char ok3[1UL << 62][0];";
    expect![[""]].assert_eq(&check_diagnostics(fitting));
}

#[test]
fn bit_field_widths_reading_objects_are_errors() {
    let source = "
enum { W = 3 };
void f(void)
{
    int n = 1;
    const int m = 1;
    struct { int a : W; int b : sizeof n; } ok;
    struct { int i : !!m; } bad;
}
";
    expect![[r#"
        error: line 8, columns 21-24: bit-field width is not a constant expression
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn mode_on_a_pointer_must_be_the_pointer_width() {
    let source = "
typedef char *p64 __attribute__((mode(DI)));
typedef char *pw __attribute__((__mode__(__pointer__)));
typedef char *p32 __attribute__((mode(SI)));
";
    expect![[r#"
        error: line 4, column 38: invalid 'mode' attribute specifier for pointer type
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn mode_on_an_enum_gives_it_that_width() {
    let source = "
typedef enum { D1 = 1 } __attribute__((mode(word))) D;
typedef enum { C1 = 1 } C __attribute__((mode(QI)));
char sizes[sizeof (D) == 8 && sizeof (C) == 1 ? 1 : -1];
";
    expect![[""]].assert_eq(&check_diagnostics(source));
}

/// Definitions of one function under each inline semantics, as gcc 12 judges them.
const REDEFINITIONS: &str = "
int f(void) { return 0; }
int f(void) { return 1; }
int x = 1;
int x = 2;
int t; int t; int t = 3;
static int s = 1;
static int s = 2;
static inline int si(void) { return 0; }
static inline int si(void) { return 1; }
extern inline __attribute__((gnu_inline)) int gi(void) { return 0; }
int gi(void) { return 1; }
int gi(void) { return 2; }
extern inline __attribute__((gnu_inline)) int g2(void) { return 0; }
extern inline __attribute__((gnu_inline)) int g2(void) { return 1; }
extern inline __attribute__((gnu_inline)) int g3(void) { return 0; }
static int g3(void) { return 1; }
inline int c99(void) { return 0; }
int c99(void) { return 1; }
extern inline int ei(void) { return 0; }
int ei(void) { return 1; }
typedef int T;
typedef int T;
";

#[test]
fn redefinitions_are_errors_at_the_second_name() {
    // gcc -std=gnu11: `redefinition of` f, x, s, si, gi (the third), g2, c99, ei.
    expect![[r#"
        error: line 3, column 4: redefinition of 'f'
        error: line 5, column 4: redefinition of 'x'
        error: line 8, column 11: redefinition of 's'
        error: line 10, column 18: redefinition of 'si'
        error: line 13, column 4: redefinition of 'gi'
        error: line 15, column 46: redefinition of 'g2'
        error: line 19, column 4: redefinition of 'c99'
        error: line 21, column 4: redefinition of 'ei'
    "#]]
    .assert_eq(&check_diagnostics(REDEFINITIONS));
}

#[test]
fn gnu89_extern_inline_definitions_may_be_replaced_once() {
    // gcc -std=gnu89: as gnu11, but `extern inline` ei may be replaced.
    expect![[r#"
        error: line 3, column 4: redefinition of 'f'
        error: line 5, column 4: redefinition of 'x'
        error: line 8, column 11: redefinition of 's'
        error: line 10, column 18: redefinition of 'si'
        error: line 13, column 4: redefinition of 'gi'
        error: line 15, column 46: redefinition of 'g2'
        error: line 19, column 4: redefinition of 'c99'
    "#]]
    .assert_eq(&check_gnu89_diagnostics(REDEFINITIONS));
}
