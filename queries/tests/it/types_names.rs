//! `types` resolves no name itself: each identifier's type comes from what name resolution
//! (`sema`) says the identifier at that place denotes. Each test is made so that a lookup by
//! name in scopes of its own would give another type than `sema`'s answer: shadowing in
//! blocks and parameters, enumerators whose scope begins after them, tags declared anew in a
//! block, the composite type of a redeclared object, and the file scope a body sees.
//! Each body's `_Static_assert`s say which declaration a name was taken for.

use std::fmt::Write;
use std::path::Path;

use expect_test::{Expect, expect};
use queries::sema::functions;
use queries::types::{ConstValue, body_types, file_types};
use queries::{Db, Tu};
use syntax::invocation::parse_invocation;
use syntax::pp::{BuildClock, PpConfig};

/// For each function body: how many assertions held, and its errors; then each expression
/// evaluated at the end of the file scope.
fn typed(source: &str, exprs: &[&str]) -> String {
    let db = Db::with_files([("/t.c", source)]);
    let args = vec!["-nostdinc".to_owned(), "/t.c".to_owned()];
    let invocation =
        parse_invocation("x86_64-gcc-12.2.0", &args, Path::new("/")).expect("invocation");
    let config = PpConfig::from_invocation(&invocation, &BuildClock::from_epoch(0));
    let tu = Tu::new(&db, config);
    let ft = file_types(&db, tu);
    let mut out = String::new();
    for error in &ft.errors {
        let _ = writeln!(out, "error: {}", error.message);
    }
    for function in functions(&db, tu) {
        let body = body_types(&db, function);
        let held = body.assertions.held;
        let _ = writeln!(out, "{}: {held} held", function.name(&db));
        for error in &body.errors {
            let _ = writeln!(out, "  error: {}", error.message);
        }
    }
    for expr in exprs {
        let shown = match ft.evaluate(expr) {
            Ok(eval) => match eval.value {
                ConstValue::Int(v) => format!("{} ({})", v.as_i128(), eval.ty),
                other => format!("{other:?}"),
            },
            Err(e) => format!("error: {}", e.message),
        };
        let _ = writeln!(out, "{expr} = {shown}");
    }
    out
}

fn check(source: &str, exprs: &[&str], expected: Expect) {
    expected.assert_eq(&typed(source, exprs));
}

#[test]
fn a_block_scope_typedef_and_tag_shadow_the_file_scope_ones_until_the_block_ends() {
    check(
        r#"
typedef char T;
struct S { char c; };
int f(void) {
    _Static_assert(sizeof(T) == 1, "file T");
    {
        typedef long T;
        _Static_assert(sizeof(T) == 8, "block T");
        struct S { long a, b; };
        _Static_assert(sizeof(struct S) == 16, "block S");
        {
            struct S *p;
            _Static_assert(sizeof(*p) == 16, "the block's S, from a nested block");
        }
    }
    _Static_assert(sizeof(T) == 1, "file T again");
    _Static_assert(sizeof(struct S) == 1, "file S again");
    return 0;
}
"#,
        &["sizeof(T)", "sizeof(struct S)"],
        expect![[r#"
            f: 6 held
            sizeof(T) = 1 (unsigned long)
            sizeof(struct S) = 1 (unsigned long)
        "#]],
    );
}

#[test]
fn an_enumerator_in_a_nested_block_hides_the_file_one_from_after_its_own_value() {
    check(
        r#"
enum { A = 1 };
int g(void) {
    {
        enum { A = A + 4, B = A + 1 };
        _Static_assert(A == 5, "the block's A, its value from the file's");
        _Static_assert(B == 6, "B from the block's A");
    }
    _Static_assert(A == 1, "the file's A again");
    return 0;
}
"#,
        &["A"],
        expect![[r#"
            g: 3 held
            A = 1 (int)
        "#]],
    );
}

#[test]
fn a_parameter_shadows_a_global_in_its_function_only() {
    check(
        r#"
char x;
void proto(struct Q { long a, b; } *q, int x[sizeof(struct Q)]);
struct Q { char c; };
int h(long x) {
    _Static_assert(sizeof(x) == 8, "the parameter");
    return 0;
}
int k(int (*f)(short x), int y[sizeof(x)]) {
    _Static_assert(sizeof(x) == 1, "the global: f's x is a prototype's");
    _Static_assert(sizeof(y) == 8, "an adjusted array parameter");
    return 0;
}
"#,
        &["sizeof(x)", "sizeof(struct Q)"],
        expect![[r#"
            h: 1 held
            k: 2 held
            sizeof(x) = 1 (unsigned long)
            sizeof(struct Q) = 1 (unsigned long)
        "#]],
    );
}

#[test]
fn a_redeclared_object_has_its_composite_type_from_the_redeclaration_on() {
    check(
        r#"
extern int a[];
int before(void) {
    _Static_assert(sizeof(a) == 40, "incomplete before the redeclaration");
    return 0;
}
int a[10];
int after(void) {
    _Static_assert(sizeof(a) == 40, "completed by the redeclaration");
    return 0;
}
extern int a[];
"#,
        &["sizeof(a)"],
        expect![[r#"
            before: 0 held
              error: type `int[]` is incomplete
            after: 1 held
            sizeof(a) = 40 (unsigned long)
        "#]],
    );
}

#[test]
fn a_body_sees_the_file_scope_as_it_stood_at_its_definition() {
    check(
        r#"
struct L;
typedef struct L *P;
int early(void) {
    struct L { char c[3]; };
    _Static_assert(sizeof(struct L) == 3, "the block's own L");
    return 0;
}
struct L { int i[4]; };
int late(void) {
    _Static_assert(sizeof(*(P)0) == 16, "the file's L, defined by now");
    _Static_assert(sizeof(later) == 4, "declared after the definition");
    return 0;
}
int later;
"#,
        &["sizeof(*(P)0)", "sizeof(later)"],
        expect![[r#"
            early: 1 held
            late: 1 held
              error: `later` undeclared
            sizeof(*(P)0) = 16 (unsigned long)
            sizeof(later) = 4 (unsigned long)
        "#]],
    );
}
