//! C23 as gcc 15 reads it by default (gnu23): the keywords' types and values (`bool`,
//! `true`, `nullptr`, `constexpr`, `typeof_unqual`, `auto`), `_BitInt (N)`'s layout, and the
//! same words as identifiers under `-std=gnu11`. The expected values are those of gcc 15.3.0
//! (`_Static_assert`s of the same expressions compile with its cc1).

use std::fmt::Write;
use std::path::Path;

use queries::sema::functions;
use queries::types::{ConstValue, body_types, file_types};
use queries::{Db, Tu};
use syntax::invocation::parse_invocation;
use syntax::pp::{BuildClock, PpConfig};

/// The file's typedefs with their layouts and errors, then each expression's value and type.
fn evaluate(compiler: &str, options: &[&str], source: &str, exprs: &[&str]) -> String {
    let db = Db::with_files([("/t.c", source)]);
    let mut args: Vec<String> = options.iter().map(|o| (*o).to_owned()).collect();
    args.extend(["-nostdinc".to_owned(), "/t.c".to_owned()]);
    let invocation = match parse_invocation(compiler, &args, Path::new("/")) {
        Ok(invocation) => invocation,
        Err(err) => return format!("invocation: {err}"),
    };
    let config = PpConfig::from_invocation(&invocation, &BuildClock::from_epoch(0));
    let tu = Tu::new(&db, config);
    let ft = file_types(&db, tu);
    let mut out = String::new();
    for typedef in &ft.typedefs {
        let layout = match ft.layout(typedef.ty) {
            Ok(l) => format!("size {}, align {}", l.size, l.align),
            Err(e) => e.message.to_string(),
        };
        let ty = ft.types.display(typedef.ty);
        let _ = writeln!(out, "typedef {}: {ty}: {layout}", ft.name(typedef.name));
    }
    for error in &ft.errors {
        let _ = writeln!(out, "error: {}", error.message);
    }
    // The bodies: their errors, and how many `static_assert`s held.
    for function in functions(&db, tu) {
        let body = body_types(&db, function);
        for error in &body.errors {
            let _ = writeln!(out, "{}: error: {}", function.name(&db), error.message);
        }
        let held = body.assertions.held;
        let _ = writeln!(out, "{}: {held} assertions held", function.name(&db));
    }
    for expr in exprs {
        let shown = match ft.evaluate(expr) {
            Ok(eval) => match eval.value {
                ConstValue::Int(v) => format!("{} ({})", v.as_i128(), eval.ty),
                ConstValue::Float(f) => format!("{f:?} ({})", eval.ty),
                ConstValue::Address(a) => format!("address {a} ({})", eval.ty),
            },
            Err(e) => format!("error: {}", e.message),
        };
        let _ = writeln!(out, "{expr} = {shown}");
    }
    out
}

const C23: &str = r#"
typedef bool b_t;
typedef typeof(nullptr) nullptr_t;
typedef typeof_unqual(const volatile int) unqual_t;
typedef __typeof_unqual__(const char[3]) unqual_array_t;
typedef _BitInt(7) bi7_t;
typedef unsigned _BitInt(33) bu33_t;
typedef _BitInt(64) bi64_t;
typedef _Decimal64x d64x_t;
constexpr int N = 4;
static_assert(sizeof(bool) == 1);
alignas(16) int aligned_object;
thread_local int per_thread;
[[nodiscard, gnu::cold]] int f(void);
void g(void) { auto x = 1L; static_assert(sizeof x == 8); int empty[2] = {}; (void)empty; }
"#;

#[test]
fn c23_keywords_under_gcc_15() {
    let exprs = [
        "true",
        "false + 0",
        "sizeof(nullptr)",
        "(int)sizeof(bool)",
        "alignof(long double)",
        "sizeof(aligned_object)",
        "N * 2",
    ];
    let x86 = evaluate("x86_64-gcc-15.x", &[], C23, &exprs);
    expect_test::expect![[r#"
        typedef b_t: _Bool: size 1, align 1
        typedef nullptr_t: void *: size 8, align 8
        typedef unqual_t: int: size 4, align 4
        typedef unqual_array_t: char[3]: size 3, align 1
        typedef bi7_t: signed char: size 1, align 1
        typedef bu33_t: unsigned long: size 8, align 8
        typedef bi64_t: long: size 8, align 8
        typedef d64x_t: _Decimal128: size 16, align 16
        g: 1 assertions held
        true = 1 (_Bool)
        false + 0 = 0 (int)
        sizeof(nullptr) = 8 (unsigned long)
        (int)sizeof(bool) = 1 (int)
        alignof(long double) = 16 (unsigned long)
        sizeof(aligned_object) = 4 (unsigned long)
        N * 2 = 8 (int)
    "#]]
    .assert_eq(&x86);
}

#[test]
fn bitint_layouts() {
    let source = "typedef _BitInt(65) b65; typedef unsigned _BitInt(128) u128; \
                  typedef _BitInt(129) b129; typedef _BitInt(1) b1;\n";
    let got = [
        evaluate("x86_64-gcc-15.2.0", &[], source, &[]),
        evaluate("aarch64-gcc-15.2.0", &[], source, &[]),
        evaluate("x86_64-gcc-13.3.0", &[], "typedef _BitInt(8) b;\n", &[]),
    ];
    expect_test::expect![[r#"
        error: _BitInt(65) is wider than klp-ccp can lay out on this target
        error: _BitInt(128) is wider than klp-ccp can lay out on this target
        error: _BitInt(129) is wider than klp-ccp can lay out on this target
        error: signed _BitInt needs a width of at least 2
        --
        typedef b65: __int128: size 16, align 16
        typedef u128: unsigned __int128: size 16, align 16
        error: _BitInt(129) is wider than klp-ccp can lay out on this target
        error: signed _BitInt needs a width of at least 2
        --
        typedef _BitInt: int(): function type `int()` has no layout
    "#]]
    .assert_eq(&got.join("--\n"));
}

/// The kernel's `-std=gnu11`: C23's words are identifiers again (the kernel has its own
/// `bool`, `true` and `false`), but gcc 14's `__typeof_unqual__` and `_BitInt` stay keywords.
#[test]
fn gnu11_under_gcc_15() {
    let source = "typedef _Bool bool; enum { false, true }; typedef int nullptr, constexpr;\n\
                  typedef __typeof_unqual__(const bool) ub;\n";
    let got = evaluate(
        "x86_64-gcc-15.2.0",
        &["-std=gnu11"],
        source,
        &["true", "sizeof(ub)"],
    );
    expect_test::expect![[r#"
        typedef bool: _Bool: size 1, align 1
        typedef nullptr: int: size 4, align 4
        typedef constexpr: int: size 4, align 4
        typedef ub: _Bool: size 1, align 1
        true = 1 (int)
        sizeof(ub) = 1 (unsigned long)
    "#]]
    .assert_eq(&got);
}

/// `constexpr` objects are constants (array sizes, `static_assert`, `#if`-free arithmetic);
/// `auto` infers the type with a storage class too; digit separators and binary constants.
/// gcc 15.3.0 compiles the same TU with the same `static_assert`s.
#[test]
fn constexpr_auto_and_digit_separators() {
    let source = r#"
constexpr int N = 4;
constexpr long L = N + 1;
constexpr double D = 1.5;
constexpr int B = {0b1'0};
int arr[N * 2];
typedef int arr_t[L];
static_assert(N * 2 == 8);
static_assert(sizeof(arr_t) == 20);
void g(void) {
    static auto y = 2.0f;
    static_assert(sizeof y == 4);
    constexpr int M = N * 3;
    int local[M];
    static_assert(sizeof local == 48);
    [[gnu::cold]] { (void)local; }
}
"#;
    let exprs = [
        "N * 2",
        "L",
        "sizeof(arr)",
        "B",
        "1'000'000",
        "0x1'0",
        "D * 2",
        "_Generic(L, long: 1, default: 0)",
    ];
    expect_test::expect![[r#"
        typedef arr_t: int[5]: size 20, align 4
        g: 2 assertions held
        N * 2 = 8 (int)
        L = 5 (long)
        sizeof(arr) = 32 (unsigned long)
        B = 2 (int)
        1'000'000 = 1000000 (int)
        0x1'0 = 16 (int)
        D * 2 = 3.0 (double)
        _Generic(L, long: 1, default: 0) = 1 (int)
    "#]]
    .assert_eq(&evaluate("x86_64-gcc-15.x", &[], source, &exprs));
}
