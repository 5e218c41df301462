//! klp-ccp's diagnostics of constant folding: divisions by zero, integer overflow in
//! arithmetic, shifts and casts, shift distances out of range. Only operations whose operands
//! are all constant are looked at.

use expect_test::expect;

use crate::support::check::{check_diagnostics, check_gnu89_diagnostics};

#[test]
fn division_by_a_constant_zero() {
    let source = "
int x;
void f(void)
{
    x = 1 / 0 + 1 % 0;
    x = 0U / 0;
    x = (1 / 0) / 0;
}
";
    expect![[r#"
        warning: line 5, columns 8-13: division by zero
        warning: line 5, columns 16-21: division by zero
        warning: line 6, columns 8-14: division by zero
        warning: line 7, columns 9-14: division by zero
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn division_by_zero_needs_a_constant_dividend() {
    let source = "
int f(int x)
{
    const int zero = 0;
    double d = 0.0 / 0.0 + 1.0 / 0;
    return x / 0 + x % 0 + 1 / zero + (int)d;
}
";
    expect![[""]].assert_eq(&check_diagnostics(source));
}

#[test]
fn operations_are_folded_where_they_are_not_evaluated() {
    let source = "
int x;
void f(void)
{
    x = sizeof (1 / 0);
    x = 1 ? 0 : 1 / 0;
    x = 0 && 1 / 0;
}
";
    expect![[r#"
        warning: line 5, columns 16-21: division by zero
        warning: line 6, columns 16-21: division by zero
        warning: line 7, columns 13-18: division by zero
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn signed_arithmetic_overflow() {
    let source = "
enum { BIG = 0x7fffffff };
long x;
void f(void)
{
    x = 2147483647 + 1;
    x = -2147483647 - 2;
    x = 65536 * 65536;
    x = BIG + 1;
    x = 9223372036854775807L + 1;
    x = (1 << 31) - 1;
}
";
    expect![[r#"
        warning: line 6, columns 8-22: integer overflow in addition
        warning: line 7, columns 8-23: integer overflow in subtraction
        warning: line 8, columns 8-21: integer overflow in multiplication
        warning: line 9, columns 8-15: integer overflow in addition
        warning: line 10, columns 8-32: integer overflow in addition
        warning: line 11, columns 9-16: integer overflow in shift operation
        warning: line 11, columns 8-21: integer overflow in subtraction
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn arithmetic_that_does_not_overflow() {
    let source = "
long x;
void f(int i)
{
    x = 0xffffffffU + 1;
    x = 0U - 1;
    x = 65536L * 65536;
    x = 2147483647 + i;
    x = -2147483647 - 1;
    x = 2147483647 + 1L;
    x = (char *)8 - (char *)0;
    x = 1.0e308 * 10;
}
";
    expect![""].assert_eq(&check_diagnostics(source));
}

#[test]
fn left_shift_overflow() {
    let source = "
long long x;
void f(void)
{
    x = 1 << 31;
    x = 10 << (sizeof (int) * 8 - 2);
    x = 1LL << 63;
    x = (0x1234567876543210LL << 32) >> 32;
}
";
    expect![[r#"
        warning: line 5, columns 8-15: integer overflow in shift operation
        warning: line 6, columns 8-36: integer overflow in shift operation
        warning: line 7, columns 8-17: integer overflow in shift operation
        warning: line 8, columns 9-35: integer overflow in shift operation
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn shifts_that_do_not_overflow() {
    let source = "
long long x;
void f(int i)
{
    x = -1 << 8;
    x = -1 << 31;
    x = 1U << 31;
    x = 1 << 30;
    x = (char)1 << 24;
    x = -8 >> 1;
    x = i << 40;
    x = i >> -1;
}
";
    expect![[""]].assert_eq(&check_diagnostics(source));
}

#[test]
fn shift_distances_out_of_range() {
    let source = "
unsigned long long x;
void f(void)
{
    x = 1 << 32;
    x = 1 >> (sizeof (int) * 8);
    x = (unsigned long long) 7816234 << 671111;
    x = 1LL << 63 << 1;
    x = 1 << -1;
}
";
    expect![[r#"
        warning: line 5, columns 8-15: shift distance exceeds integer width
        warning: line 6, columns 8-31: shift distance exceeds integer width
        warning: line 7, columns 8-46: shift distance exceeds integer width
        warning: line 8, columns 8-17: integer overflow in shift operation
        warning: line 8, columns 8-22: integer overflow in shift operation
        error: line 9, columns 13-15: negative shift distance
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn casts_of_literals_to_signed_types_they_do_not_fit() {
    let source = "
long x;
void f(void)
{
    x = (int) 0x80000000;
    x = (char) 128 + (short) 56374 + (signed char) (0xffffffff);
    x = (int) 0xffff0000UL;
}
";
    expect![[r#"
        warning: line 5, columns 8-24: integer overflow in cast
        warning: line 6, columns 8-18: integer overflow in cast
        warning: line 6, columns 21-34: integer overflow in cast
        warning: line 6, columns 37-63: integer overflow in cast
        warning: line 7, columns 8-26: integer overflow in cast
    "#]]
    .assert_eq(&check_diagnostics(source));
}

#[test]
fn casts_that_are_not_reported() {
    let source = "
long x;
void f(int i)
{
    x = (unsigned char) -1;
    x = (unsigned char) 1024;
    x = (unsigned) -1;
    x = (_Bool) 2;
    x = (int) 0x7fffffff;
    x = (char) -128;
    x = (int) -2147483648;
    x = (long long) ~0UL;
    x = (int) -(unsigned int) 1;
    x = (int) 1e10;
    x = (int) (i + 0x80000000);
    x = (long) (char *) 0xffffffffffffffff;
}
";
    expect![""].assert_eq(&check_diagnostics(source));
}

#[test]
fn file_scope_initializers_and_case_labels() {
    let source = "
int k = 10 << 30;
signed char c = (signed char) 0xffffffff;
void f(int i)
{
    switch (i)
    case 1 / 0: break;
}
";
    expect![[r#"
        warning: line 2, columns 8-16: integer overflow in shift operation
        warning: line 3, columns 16-40: integer overflow in cast
        warning: line 7, columns 9-14: division by zero
    "#]]
    .assert_eq(&check_diagnostics(source));
}

/// Integer constants that gcc's lexer warns about, wherever they stand (in an operand that
/// is not evaluated too), at the constant or the macro invocation that made it: decimal ones
/// so large that they are unsigned. (gcc also warns that one beyond 64 bits is too large for
/// its type, which klp-ccp reads as gcc does but never reported.)
const LARGE_CONSTANTS: &str = "
#define BIG 18446744073709551616
unsigned long long a = 18446744073709551615;
unsigned long long b = 18446744073709551616ULL + 0x1ffffffffffffffff;
unsigned long long c = 9223372036854775808LL + 9223372036854775807 + 9223372036854775808u;
int d = sizeof(BIG);
void f(void) { (void)(0 && 340282366920938463463374607431768211456); }
unsigned long long e = 36893488147419103231;
";

#[test]
fn decimal_constants_that_only_fit_unsigned_are_warned_about() {
    // gcc 12 -std=gnu11 warns so (a pedwarn: an error only with -pedantic-errors).
    expect![[r#"
        warning: line 3, column 23: integer constant is so large that it is unsigned
        warning: line 5, column 23: integer constant is so large that it is unsigned
    "#]]
    .assert_eq(&check_diagnostics(LARGE_CONSTANTS));
}

#[test]
fn c90_warns_also_that_a_decimal_constant_is_unsigned_only_there() {
    expect![[r#"
        warning: line 3, column 23: integer constant is so large that it is unsigned
        warning: line 3, column 23: this decimal constant is unsigned only in ISO C90
        warning: line 5, column 23: integer constant is so large that it is unsigned
        warning: line 5, column 23: this decimal constant is unsigned only in ISO C90
    "#]]
    .assert_eq(&check_gnu89_diagnostics(LARGE_CONSTANTS));
}
