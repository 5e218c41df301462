//! Types and layouts of small TUs, as snapshots, each checked against gcc 12 when it is
//! installed: the sizes, alignments and member offsets by `_Static_assert` lines compiled
//! with `gcc` (x86_64) and `aarch64-linux-gnu-gcc-12` (aarch64), bit-field positions by a
//! program run natively on x86_64, and evaluated constants (value and type) by
//! `_Static_assert` and `_Generic`. A missing compiler skips its part with a message.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use expect_test::{Expect, expect};
use queries::types::{ConstValue, FileTypes, TypeId, TypeKind, file_types};
use queries::{Db, Tu};
use syntax::invocation::parse_invocation;
use syntax::pp::{BuildClock, PpConfig};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Arch {
    X86,
    Arm,
}

impl Arch {
    fn spec(self) -> &'static str {
        match self {
            Arch::X86 => "x86_64-gcc-12.2.0",
            Arch::Arm => "aarch64-gcc-12.2.0",
        }
    }

    /// The local gcc 12 for the target, if installed.
    fn compiler(self) -> Option<&'static str> {
        let candidates: &[&str] = match self {
            Arch::X86 => &["gcc"],
            Arch::Arm => &["aarch64-linux-gnu-gcc-12", "aarch64-linux-gnu-gcc"],
        };
        candidates.iter().copied().find(|cc| {
            Command::new(cc)
                .arg("-dumpmachine")
                .output()
                .is_ok_and(|o| {
                    let machine = String::from_utf8_lossy(&o.stdout);
                    o.status.success()
                        && machine.starts_with(if self == Arch::X86 {
                            "x86_64"
                        } else {
                            "aarch64"
                        })
                })
        })
    }
}

fn file_types_of(arch: Arch, source: &str) -> Arc<FileTypes> {
    let db = Db::with_files([("/t.c", source)]);
    let args = vec!["-nostdinc".to_owned(), "/t.c".to_owned()];
    let invocation = parse_invocation(arch.spec(), &args, Path::new("/")).expect("invocation");
    let config = PpConfig::from_invocation(&invocation, &BuildClock::from_epoch(0));
    let tu = Tu::new(&db, config);
    file_types(&db, tu)
}

/// Every file-scope tag with its layout and members, every typedef, every error.
fn render(ft: &FileTypes) -> String {
    let mut out = String::new();
    for tag in &ft.tags {
        render_tag(ft, tag.ty, &mut out);
    }
    for typedef in &ft.typedefs {
        let layout = match ft.layout(typedef.ty) {
            Ok(l) => format!("size {}, align {}", l.size, l.align),
            Err(e) => e.message.to_string(),
        };
        let _ = writeln!(
            out,
            "typedef {}: {}: {layout}",
            ft.name(typedef.name),
            ft.types.display(typedef.ty)
        );
    }
    for error in &ft.errors {
        let _ = writeln!(out, "error: {}", error.message);
    }
    out
}

fn render_tag(ft: &FileTypes, ty: TypeId, out: &mut String) {
    let layout = match ft.layout(ty) {
        Ok(l) => format!("size {}, align {}", l.size, l.align),
        Err(e) => e.message.to_string(),
    };
    let _ = writeln!(out, "{}: {layout}", ft.types.display(ty));
    match *ft.types.kind(ty) {
        TypeKind::Record(rid) => {
            let Some(def) = ft.types.record(rid).and_then(|r| r.def.as_ref()) else {
                return;
            };
            for (i, member) in def.members.iter().enumerate() {
                let name = match (member.name, member.bit_width) {
                    (Some(name), _) => ft.name(name).to_owned(),
                    (None, Some(_)) => "<unnamed>".to_owned(),
                    (None, None) => "<anonymous>".to_owned(),
                };
                let place = match def.layout.as_ref().ok().and_then(|l| l.fields.get(i)) {
                    Some(f) if member.bit_width.is_some() => {
                        format!(
                            "@{}.{}:{}",
                            f.offset_bits / 8,
                            f.offset_bits % 8,
                            f.size_bits
                        )
                    }
                    Some(f) => format!("@{}", f.offset()),
                    None => "@?".to_owned(),
                };
                let _ = writeln!(out, "  {name}: {} {place}", ft.types.display(member.ty));
            }
        }
        TypeKind::Enum(eid) => {
            let Some(body) = ft.types.enum_def(eid).and_then(|e| e.body.as_ref()) else {
                return;
            };
            let _ = writeln!(out, "  compatible with {}", body.underlying.name());
            for (name, value) in &body.enumerators {
                let _ = writeln!(
                    out,
                    "  {} = {} ({})",
                    ft.name(*name),
                    value.as_i128(),
                    value.kind().name()
                );
            }
        }
        _ => {}
    }
}

/// A C constant of the value, for gcc to compare with.
fn c_value(value: &ConstValue) -> Option<String> {
    match value {
        ConstValue::Int(v) if v.is_signed() => Some(format!("({}LL)", v.as_i128())),
        ConstValue::Int(v) => Some(format!("{}ULL", v.as_u128())),
        ConstValue::Float(f) => Some(format!("{f:?}")),
        ConstValue::Address(_) => None,
    }
}

/// Evaluates the expressions, rendered one a line, and the `_Static_assert` lines that
/// check them.
fn evaluate(ft: &FileTypes, exprs: &[&str]) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut asserts = Vec::new();
    for expr in exprs {
        match ft.evaluate(expr) {
            Ok(eval) => {
                let shown = match eval.value {
                    ConstValue::Int(v) => v.as_i128().to_string(),
                    ConstValue::Float(f) => format!("{f:?}"),
                    ConstValue::Address(a) => format!("address {a}"),
                };
                let _ = writeln!(out, "{expr} = {shown} ({})", eval.ty);
                if let Some(value) = c_value(&eval.value) {
                    asserts.push(format!(
                        "_Static_assert(({expr}) == {value} \
                         && _Generic(({expr}), {}: 1, default: 0), \"{}\");",
                        eval.ty,
                        expr.replace('\\', "\\\\").replace('"', "\\\"")
                    ));
                }
            }
            Err(e) => {
                let _ = writeln!(out, "{expr}: error: {}", e.message);
            }
        }
    }
    (out, asserts)
}

static FILES: AtomicUsize = AtomicUsize::new(0);

fn temp_file(extension: &str) -> PathBuf {
    let n = FILES.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!(
        "klp-ccp-types-{}-{n}.{extension}",
        std::process::id()
    ))
}

/// Compiles `text` with `cc` (and `args`); gcc's errors.
fn compile(cc: &str, text: &str, args: &[&str]) -> Result<(), String> {
    let path = temp_file("c");
    std::fs::write(&path, text).map_err(|e| e.to_string())?;
    let output = Command::new(cc).args(args).arg(&path).output();
    let _ = std::fs::remove_file(&path);
    let output = output.map_err(|e| e.to_string())?;
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

/// Checks the layouts and the evaluated constants with gcc for the target.
fn verify_with_gcc(arch: Arch, source: &str, ft: &FileTypes, expr_asserts: &[String]) {
    let Some(cc) = arch.compiler() else {
        println!("no gcc for {arch:?}: gcc cross-check skipped");
        return;
    };
    let mut text = format!("{source}\n");
    for (i, assertion) in ft.layout_assertions().iter().enumerate() {
        let _ = writeln!(text, "{}", assertion.line(i));
    }
    for line in expr_asserts {
        let _ = writeln!(text, "{line}");
    }
    if let Err(errors) = compile(cc, &text, &["-fsyntax-only", "-std=gnu11"]) {
        panic!("{arch:?}: gcc disagrees:\n{errors}\n--- source ---\n{text}");
    }
    println!(
        "{cc}: {} layout and {} constant assertions hold",
        ft.layout_assertions().len(),
        expr_asserts.len()
    );
    if arch == Arch::X86 {
        verify_bit_fields(cc, source, ft);
    }
}

/// Runs a program that sets each bit-field of the file-scope records to all ones and prints
/// the bits that changed, and compares with klp-ccp's positions.
fn verify_bit_fields(cc: &str, source: &str, ft: &FileTypes) {
    let mut body = String::new();
    let mut expected = String::new();
    for tag in &ft.tags {
        let Some(record) = ft
            .types
            .record_of(tag.ty)
            .and_then(|rid| ft.types.record(rid))
        else {
            continue;
        };
        let keyword = if record.is_union { "union" } else { "struct" };
        for name in bit_field_names(ft, tag.ty) {
            let Some((offset, Some(width))) = ft.member_bits(tag.ty, &name) else {
                continue;
            };
            let label = format!("{}.{name}", ft.name(tag.name));
            let _ = writeln!(
                body,
                "{{ {keyword} {} v; __builtin_memset(&v, 0, sizeof v); \
                 v.{name} = -1; report(\"{label}\", &v, sizeof v); }}",
                ft.name(tag.name)
            );
            let _ = writeln!(expected, "{label} {offset} {width}");
        }
    }
    if body.is_empty() {
        return;
    }
    let program = format!(
        "{source}\n\
         static void report(const char *name, const void *p, unsigned long n) {{\n\
           const unsigned char *b = p; long first = -1, last = -1;\n\
           for (unsigned long i = 0; i < n * 8; i++)\n\
             if (b[i / 8] >> (i % 8) & 1) {{ if (first < 0) first = i; last = i; }}\n\
           __builtin_printf(\"%s %ld %ld\\n\", name, first, last - first + 1);\n\
         }}\n\
         int main(void) {{\n{body}return 0;\n}}\n"
    );
    let exe = temp_file("out");
    let exe_arg = exe.to_string_lossy().into_owned();
    if let Err(errors) = compile(cc, &program, &["-w", "-o", &exe_arg]) {
        panic!("bit-field probe does not compile:\n{errors}\n{program}");
    }
    let output = Command::new(&exe).output();
    let _ = std::fs::remove_file(&exe);
    let output = output.expect("run the bit-field probe");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        expected,
        "bit-field positions"
    );
    println!(
        "{cc}: {} bit-field positions hold",
        expected.lines().count()
    );
}

/// The named bit-fields of a record, those of anonymous members included.
fn bit_field_names(ft: &FileTypes, ty: TypeId) -> Vec<String> {
    let Some(def) = ft
        .types
        .record_of(ty)
        .and_then(|rid| ft.types.record(rid))
        .and_then(|r| r.def.as_ref())
    else {
        return Vec::new();
    };
    let mut names = Vec::new();
    for member in &def.members {
        match (member.name, member.bit_width) {
            (Some(name), Some(_)) => names.push(ft.name(name).to_owned()),
            (None, None) => names.extend(bit_field_names(ft, member.ty)),
            _ => {}
        }
    }
    names
}

/// `source`'s layouts and constants on `arch`, checked with gcc.
fn snapshot(arch: Arch, source: &str, exprs: &[&str]) -> String {
    let ft = file_types_of(arch, source);
    let (evaluated, asserts) = evaluate(&ft, exprs);
    let mut actual = render(&ft);
    if !evaluated.is_empty() {
        actual.push_str("--\n");
        actual.push_str(&evaluated);
    }
    verify_with_gcc(arch, source, &ft, &asserts);
    actual
}

/// The snapshot of `source`'s layouts and constants on `arch`, checked with gcc.
fn check(arch: Arch, source: &str, exprs: &[&str], expect: Expect) {
    expect.assert_eq(&snapshot(arch, source, exprs));
}

/// The snapshot on x86_64 (`x86`), and where aarch64's differs (`arm_differences`: each line
/// that differs, as x86_64 has it and as aarch64 does), both checked with gcc.
fn check_both(source: &str, exprs: &[&str], x86: Expect, arm_differences: Expect) {
    let x86_64 = snapshot(Arch::X86, source, exprs);
    x86.assert_eq(&x86_64);
    let aarch64 = snapshot(Arch::Arm, source, exprs);
    let (x86_lines, arm_lines): (Vec<&str>, Vec<&str>) =
        (x86_64.lines().collect(), aarch64.lines().collect());
    let differences = if x86_lines.len() == arm_lines.len() {
        (x86_lines.iter().zip(&arm_lines))
            .filter(|(x, a)| x != a)
            .map(|(x, a)| format!("x86_64:  {x}\naarch64: {a}\n"))
            .collect()
    } else {
        format!("(another number of lines)\n{aarch64}")
    };
    arm_differences.assert_eq(&differences);
}

const BIT_FIELDS: &str = r#"
struct bf1 { unsigned a:3, b:5; char c; };
struct bf2 { char a; int b:20; int c:20; };
struct bf3 { char a; long long b:40; char c; };
struct bf4 { short a:9; short b:9; char c; };
struct bf5 { char a; int :0; char b; };
struct bf6 { char a; int :4; };
struct bf7 { _Bool f:1; unsigned long g:63; unsigned long h:2; };
struct bf8 { char a; int b:8; char c:1; };
typedef int ia1 __attribute__((aligned(1)));
struct bf9 { ia1 x:32; char c; };
struct bf10 { char c; ia1 x:32; };
union ubf { int a:3; char b; };
struct bf11 { char a; long :0; char b; };
struct bf12 { char a; unsigned long b:62; unsigned long c:4; __int128 d:70; };
union ubf2 { char a; int :0; long b:1; };
struct bf13 { int a:1; struct { char b:2; char c:7; }; int :17; short d:9; };
"#;

#[test]
fn bit_fields() {
    check_both(
        BIT_FIELDS,
        &[],
        expect![[r#"
            struct bf1: size 4, align 4
              a: unsigned int @0.0:3
              b: unsigned int @0.3:5
              c: char @1
            struct bf2: size 8, align 4
              a: char @0
              b: int @1.0:20
              c: int @4.0:20
            struct bf3: size 8, align 8
              a: char @0
              b: long long @1.0:40
              c: char @6
            struct bf4: size 6, align 2
              a: short @0.0:9
              b: short @2.0:9
              c: char @4
            struct bf5: size 5, align 1
              a: char @0
              <unnamed>: int @4.0:0
              b: char @4
            struct bf6: size 2, align 1
              a: char @0
              <unnamed>: int @1.0:4
            struct bf7: size 16, align 8
              f: _Bool @0.0:1
              g: unsigned long @0.1:63
              h: unsigned long @8.0:2
            struct bf8: size 4, align 4
              a: char @0
              b: int @1.0:8
              c: char @2.0:1
            struct bf9: size 8, align 4
              x: int __attribute__((aligned(1))) @0.0:32
              c: char @4
            struct bf10: size 5, align 1
              c: char @0
              x: int __attribute__((aligned(1))) @1.0:32
            union ubf: size 4, align 4
              a: int @0.0:3
              b: char @0
            struct bf11: size 9, align 1
              a: char @0
              <unnamed>: long @8.0:0
              b: char @8
            struct bf12: size 32, align 16
              a: char @0
              b: unsigned long @8.0:62
              c: unsigned long @16.0:4
              d: __int128 @16.4:70
            union ubf2: size 8, align 8
              a: char @0
              <unnamed>: int @0.0:0
              b: long @0.0:1
            struct bf13: size 8, align 4
              a: int @0.0:1
              <anonymous>: struct <anonymous> @1
              <unnamed>: int @4.0:17
              d: short @6.1:9
            typedef ia1: int __attribute__((aligned(1))): size 4, align 1
        "#]],
        expect![[r#"
            x86_64:  struct bf5: size 5, align 1
            aarch64: struct bf5: size 8, align 4
            x86_64:  struct bf6: size 2, align 1
            aarch64: struct bf6: size 4, align 4
            x86_64:  struct bf11: size 9, align 1
            aarch64: struct bf11: size 16, align 8
        "#]],
    );
}

const PACKED_ALIGNED: &str = r#"
struct p1 { char a; int b; } __attribute__((packed));
struct __attribute__((packed)) p2 { char a; int b:4; int c:30; char d; };
struct p3 { char a; int b __attribute__((packed)); short c; };
struct p4 { char a; int b __attribute__((aligned(16))); } __attribute__((packed));
struct a1 { char a; } __attribute__((aligned(8)));
struct a2 { char a; int b __attribute__((aligned)); };
struct a3 { char c; struct a1 s; };
typedef long long ll4 __attribute__((aligned(4)));
struct a4 { char c; ll4 x; };
struct a5 { char c; _Alignas(16) char d; };
struct p5 { char a; struct { int x; } __attribute__((packed)) s; short t; };
struct p6 { char c; struct p1 inner; };
struct p7 { char c; ll4 x; } __attribute__((packed, aligned(2)));
struct a6 { char c; int x __attribute__((aligned(2))); };
struct a7 { char c; long x __attribute__((aligned(8), packed)); };
typedef struct { char c; } __attribute__((aligned(32))) a8_t;
struct a9 { char c; a8_t x; int tail[3]; };
"#;

#[test]
fn packed_and_aligned() {
    // The same rules on aarch64.
    check_both(
        PACKED_ALIGNED,
        &[],
        expect![[r#"
        struct p1: size 5, align 1
          a: char @0
          b: int @1
        struct p2: size 7, align 1
          a: char @0
          b: int @1.0:4
          c: int @1.4:30
          d: char @6
        struct p3: size 8, align 2
          a: char @0
          b: int @1
          c: short @6
        struct p4: size 32, align 16
          a: char @0
          b: int @16
        struct a1: size 8, align 8
          a: char @0
        struct a2: size 32, align 16
          a: char @0
          b: int @16
        struct a3: size 16, align 8
          c: char @0
          s: struct a1 @8
        struct a4: size 12, align 4
          c: char @0
          x: long long __attribute__((aligned(4))) @4
        struct a5: size 32, align 16
          c: char @0
          d: char @16
        struct p5: size 8, align 2
          a: char @0
          s: struct <anonymous> @1
          t: short @6
        struct p6: size 6, align 1
          c: char @0
          inner: struct p1 @1
        struct p7: size 10, align 2
          c: char @0
          x: long long __attribute__((aligned(4))) @1
        struct a6: size 8, align 4
          c: char @0
          x: int @4
        struct a7: size 16, align 8
          c: char @0
          x: long @8
        struct a9: size 96, align 32
          c: char @0
          x: struct <anonymous> @32
          tail: int[3] @64
        typedef ll4: long long __attribute__((aligned(4))): size 8, align 4
        typedef a8_t: struct <anonymous>: size 32, align 32
    "#]],
        expect![[""]],
    );
}

const AGGREGATES: &str = r#"
union u1 { char a[5]; int b; };
struct f1 { int n; char data[]; };
struct f2 { short n; long data[0]; };
struct f3 { char c; union { int i; struct { char x, y; }; }; double d; };
struct e0 { };
struct f4 { char c; struct e0 e; int i; };
struct f5 { struct f1 head; };
struct list { struct list *next, *prev; };
struct f6 { int a[2][3]; char b; struct list l; };
struct node;
struct f7 { struct node *n; struct f7 *self; void (*fn)(struct f7 *, int); };
struct outer { struct inner { int x; } in; char c; };
struct inner2 { struct inner i; };
union u2 { struct { char a; short b; } s; long l; char c[9]; };
"#;

#[test]
fn unions_flexible_arrays_and_anonymous_members() {
    check(
        Arch::X86,
        AGGREGATES,
        &[],
        expect![[r#"
            union u1: size 8, align 4
              a: char[5] @0
              b: int @0
            struct f1: size 4, align 4
              n: int @0
              data: char[] @4
            struct f2: size 8, align 8
              n: short @0
              data: long[0] @8
            struct f3: size 16, align 8
              c: char @0
              <anonymous>: union <anonymous> @4
              d: double @8
            struct e0: size 0, align 1
            struct f4: size 8, align 4
              c: char @0
              e: struct e0 @1
              i: int @4
            struct f5: size 4, align 4
              head: struct f1 @0
            struct list: size 16, align 8
              next: struct list * @0
              prev: struct list * @8
            struct f6: size 48, align 8
              a: int[2][3] @0
              b: char @24
              l: struct list @32
            struct node: type `struct node` is incomplete
            struct f7: size 24, align 8
              n: struct node * @0
              self: struct f7 * @8
              fn: void (*)(struct f7 *, int) @16
            struct outer: size 8, align 4
              in: struct inner @0
              c: char @4
            struct inner: size 4, align 4
              x: int @0
            struct inner2: size 4, align 4
              i: struct inner @0
            union u2: size 16, align 8
              s: struct <anonymous> @0
              l: long @0
              c: char[9] @0
        "#]],
    );
    let arm = file_types_of(Arch::Arm, AGGREGATES);
    verify_with_gcc(Arch::Arm, AGGREGATES, &arm, &[]);
}

const ENUMS: &str = r#"
enum e1 { A = 1, B, C = B + 5 };
enum e2 { D = -1, E = 0x7fffffff };
enum e3 { F = 0xffffffff };
enum e4 { G = -1, H = 0xffffffffu };
enum e5 { I = 1ULL << 40, J };
enum __attribute__((packed)) e6 { K = 1, L = 255 };
enum __attribute__((packed)) e7 { M = -129 };
enum e8 { N = sizeof(enum e1), O = 'a', P = (char)300 };
struct es { char c; enum e6 x; enum e1 y : 3; enum e5 z; };
enum e9;
"#;

#[test]
fn enums() {
    let exprs = [
        "A", "B", "C", "E", "F", "G", "H", "I", "J", "L", "M", "N", "O", "P",
    ];
    check_both(
        ENUMS,
        &exprs,
        expect![[r#"
        enum e1: size 4, align 4
          compatible with unsigned int
          A = 1 (int)
          B = 2 (int)
          C = 7 (int)
        enum e2: size 4, align 4
          compatible with int
          D = -1 (int)
          E = 2147483647 (int)
        enum e3: size 4, align 4
          compatible with unsigned int
          F = 4294967295 (unsigned int)
        enum e4: size 8, align 8
          compatible with long
          G = -1 (int)
          H = 4294967295 (long)
        enum e5: size 8, align 8
          compatible with unsigned long
          I = 1099511627776 (unsigned long)
          J = 1099511627777 (unsigned long)
        enum e6: size 1, align 1
          compatible with unsigned char
          K = 1 (int)
          L = 255 (int)
        enum e7: size 2, align 2
          compatible with short
          M = -129 (int)
        enum e8: size 4, align 4
          compatible with unsigned int
          N = 4 (int)
          O = 97 (int)
          P = 44 (int)
        struct es: size 16, align 8
          c: char @0
          x: enum e6 @1
          y: enum e1 @2.0:3
          z: enum e5 @8
        enum e9: type `enum e9` is incomplete
        --
        A = 1 (int)
        B = 2 (int)
        C = 7 (int)
        E = 2147483647 (int)
        F = 4294967295 (enum e3)
        G = -1 (int)
        H = 4294967295 (enum e4)
        I = 1099511627776 (enum e5)
        J = 1099511627777 (enum e5)
        L = 255 (int)
        M = -129 (int)
        N = 4 (int)
        O = 97 (int)
        P = 44 (int)
    "#]],
        expect![[""]],
    );
}

const PRAGMA_PACK: &str = r#"
#pragma pack(push, 2)
struct pk1 { char a; int b; long c; };
#pragma pack(1)
struct pk2 { char a; int b:4; int c:30; long d; };
struct pk3 { char a;
#pragma pack()
  int b; };
#pragma pack(pop)
struct pk4 { char a; int b; };
#pragma pack(4)
struct pk5 { char a; long b; char c __attribute__((aligned(16))); };
#pragma pack(2)
struct pk6 { char a; int :0; char b; long c:3; int d:31; char e; };
union pk7 { char a; long b:33; };
#pragma pack()
struct __attribute__((packed)) pk8 { char a; int :0; char b; long c:60; };
"#;

#[test]
fn pragma_pack() {
    check(
        Arch::X86,
        PRAGMA_PACK,
        &[],
        expect![[r#"
            struct pk1: size 14, align 2
              a: char @0
              b: int @2
              c: long @6
            struct pk2: size 14, align 1
              a: char @0
              b: int @1.0:4
              c: int @1.4:30
              d: long @6
            struct pk3: size 8, align 4
              a: char @0
              b: int @4
            struct pk4: size 8, align 4
              a: char @0
              b: int @4
            struct pk5: size 16, align 4
              a: char @0
              b: long @4
              c: char @12
            struct pk6: size 12, align 2
              a: char @0
              <unnamed>: int @4.0:0
              b: char @4
              c: long @5.0:3
              d: int @5.3:31
              e: char @10
            union pk7: size 6, align 2
              a: char @0
              b: long @0.0:33
            struct pk8: size 13, align 1
              a: char @0
              <unnamed>: int @4.0:0
              b: char @4
              c: long @5.0:60
        "#]],
    );
    let arm = file_types_of(Arch::Arm, PRAGMA_PACK);
    verify_with_gcc(Arch::Arm, PRAGMA_PACK, &arm, &[]);
}

const GNU_TYPES: &str = r#"
typedef int v4si __attribute__((vector_size(16)));
typedef float v8sf __attribute__((vector_size(32)));
typedef int ti __attribute__((mode(TI)));
typedef unsigned int uqi __attribute__((mode(QI)));
typedef int __attribute__((mode(DI))) di;
struct g1 { char c; __int128 i; unsigned __int128 u; };
struct g2 { char c; long double ld; _Complex float cf; _Complex double cd; };
struct g3 { char c; v4si v; v8sf w; };
typedef union { int *ip; long *lp; } tu __attribute__((transparent_union));
struct g4 { char c; typeof(((struct g1 *)0)->i) x; __typeof__(int[3]) y; };
static int arr[] = { 1, 2, [9] = 3 };
struct g5 { char c[sizeof(arr)]; char d[sizeof("hello")];
  char e[__builtin_offsetof(struct g1, i)]; };
__auto_type av = (short)1;
struct g6 { typeof(av) s; char c; _Float128 f; };
struct g7 { struct g1 a[2]; char s[] ; };
static const char names[][8] = { "a", "b", "c" };
struct g8 { char c[sizeof(names)]; char d[sizeof(names[0])]; };
struct g9 { int x; } const g9s[] = { { 1 }, 2, 3 };
struct g10 { char c[sizeof(g9s) / sizeof(g9s[0])]; };
typedef __builtin_va_list va;
struct g11 { char c; va ap; };
"#;

#[test]
fn gnu_types() {
    check_both(
        GNU_TYPES,
        &[],
        expect![[r#"
        struct g1: size 48, align 16
          c: char @0
          i: __int128 @16
          u: unsigned __int128 @32
        struct g2: size 64, align 16
          c: char @0
          ld: long double @16
          cf: _Complex float @32
          cd: _Complex double @40
        struct g3: size 64, align 16
          c: char @0
          v: int __attribute__((vector_size(16))) @16
          w: float __attribute__((vector_size(32))) @32
        struct g4: size 48, align 16
          c: char @0
          x: __int128 @16
          y: int[3] @32
        struct g5: size 62, align 1
          c: char[40] @0
          d: char[6] @40
          e: char[16] @46
        struct g6: size 32, align 16
          s: short @0
          c: char @2
          f: _Float128 @16
        struct g7: size 96, align 16
          a: struct g1[2] @0
          s: char[] @96
        struct g8: size 32, align 1
          c: char[24] @0
          d: char[8] @24
        struct g9: size 4, align 4
          x: int @0
        struct g10: size 3, align 1
          c: char[3] @0
        struct g11: size 32, align 8
          c: char @0
          ap: struct __va_list_tag[1] @8
        typedef v4si: int __attribute__((vector_size(16))): size 16, align 16
        typedef v8sf: float __attribute__((vector_size(32))): size 32, align 16
        typedef ti: __int128: size 16, align 16
        typedef uqi: unsigned char: size 1, align 1
        typedef di: long: size 8, align 8
        typedef tu: union <anonymous>: size 8, align 8
        typedef va: struct __va_list_tag[1]: size 24, align 8
    "#]],
        expect![[r#"
            x86_64:  struct g11: size 32, align 8
            aarch64: struct g11: size 40, align 8
            x86_64:    ap: struct __va_list_tag[1] @8
            aarch64:   ap: struct __va_list @8
            x86_64:  typedef va: struct __va_list_tag[1]: size 24, align 8
            aarch64: typedef va: struct __va_list: size 32, align 8
        "#]],
    );
}

const CONSTANTS: &str = r#"
enum { X = 3 };
struct s { int a; char b[10]; struct { short c; } in[4]; };
static int arr[5];
extern char unknown_size[];
"#;

#[test]
fn constant_expressions() {
    let exprs = [
        "sizeof(struct s)",
        "__builtin_offsetof(struct s, b[3])",
        "__builtin_offsetof(struct s, in[2].c)",
        "(unsigned char)-1",
        "(signed char)200",
        "-1 < 0u",
        "-1 < 0l",
        "1 ? 2 : 3.0",
        "0 ? 2 : 3u",
        "__builtin_choose_expr(1, 4, 5.0)",
        "__builtin_types_compatible_p(int, const int)",
        "__builtin_types_compatible_p(int, long)",
        "__builtin_types_compatible_p(typeof(arr), int[5])",
        "__builtin_constant_p(X)",
        "__builtin_constant_p(arr[0])",
        "sizeof(int[X][2])",
        "(long)&((struct s *)0)->b[2]",
        "'\\xff'",
        "'ab'",
        "L'a'",
        "u'a'",
        "sizeof(L\"ab\")",
        "sizeof(\"a\\n\\x41\")",
        "__builtin_clzll(1)",
        "__builtin_ctz(8)",
        "__builtin_popcountl(255)",
        "__builtin_bswap32(0x12345678)",
        "_Alignof(long double)",
        "__alignof__(double)",
        "__alignof__(arr)",
        "sizeof(__int128)",
        "(int)2.9",
        "(int)-2.9",
        "1 << 31",
        "1u << 31 >> 30",
        "-7 / 2",
        "-7 % 2",
        "7u / 2",
        "sizeof(*(8 ? ((void *)((long)(X) * 0l)) : (int *)8))",
        "sizeof(*(8 ? ((void *)((long)(arr[0]) * 0l)) : (int *)8))",
        "_Generic(1UL, unsigned long: 1, default: 0)",
        "_Generic(arr, int *: 2, default: 0)",
        "sizeof(struct { int :-!!(0); })",
        "sizeof(arr) / sizeof((arr)[0])",
        "sizeof(arr[0] + 1L)",
        "sizeof(&arr)",
        "sizeof(*&arr)",
        "X * 2 + (X > 2)",
        "0x7fffffff + 1",
        "~0u",
        "!5",
        "sizeof(int (*)(void))",
        "sizeof(unknown_size)",
        "1 / 0",
        "(char)-1 < 0",
        "sizeof(wchar_t_unknown)",
    ];
    check(
        Arch::X86,
        CONSTANTS,
        &exprs,
        expect![[r#"
            struct s: size 24, align 4
              a: int @0
              b: char[10] @4
              in: struct <anonymous>[4] @14
            --
            sizeof(struct s) = 24 (unsigned long)
            __builtin_offsetof(struct s, b[3]) = 7 (unsigned long)
            __builtin_offsetof(struct s, in[2].c) = 18 (unsigned long)
            (unsigned char)-1 = 255 (unsigned char)
            (signed char)200 = -56 (signed char)
            -1 < 0u = 0 (int)
            -1 < 0l = 1 (int)
            1 ? 2 : 3.0 = 2.0 (double)
            0 ? 2 : 3u = 3 (unsigned int)
            __builtin_choose_expr(1, 4, 5.0) = 4 (int)
            __builtin_types_compatible_p(int, const int) = 1 (int)
            __builtin_types_compatible_p(int, long) = 0 (int)
            __builtin_types_compatible_p(typeof(arr), int[5]) = 1 (int)
            __builtin_constant_p(X) = 1 (int)
            __builtin_constant_p(arr[0]) = 0 (int)
            sizeof(int[X][2]) = 24 (unsigned long)
            (long)&((struct s *)0)->b[2] = 6 (long)
            '\xff' = -1 (int)
            'ab' = 24930 (int)
            L'a' = 97 (int)
            u'a' = 97 (unsigned short)
            sizeof(L"ab") = 12 (unsigned long)
            sizeof("a\n\x41") = 4 (unsigned long)
            __builtin_clzll(1) = 63 (int)
            __builtin_ctz(8) = 3 (int)
            __builtin_popcountl(255) = 8 (int)
            __builtin_bswap32(0x12345678) = 2018915346 (unsigned int)
            _Alignof(long double) = 16 (unsigned long)
            __alignof__(double) = 8 (unsigned long)
            __alignof__(arr) = 4 (unsigned long)
            sizeof(__int128) = 16 (unsigned long)
            (int)2.9 = 2 (int)
            (int)-2.9 = -2 (int)
            1 << 31 = -2147483648 (int)
            1u << 31 >> 30 = 2 (unsigned int)
            -7 / 2 = -3 (int)
            -7 % 2 = -1 (int)
            7u / 2 = 3 (unsigned int)
            sizeof(*(8 ? ((void *)((long)(X) * 0l)) : (int *)8)) = 4 (unsigned long)
            sizeof(*(8 ? ((void *)((long)(arr[0]) * 0l)) : (int *)8)) = 1 (unsigned long)
            _Generic(1UL, unsigned long: 1, default: 0) = 1 (int)
            _Generic(arr, int *: 2, default: 0) = 2 (int)
            sizeof(struct { int :-!!(0); }) = 0 (unsigned long)
            sizeof(arr) / sizeof((arr)[0]) = 5 (unsigned long)
            sizeof(arr[0] + 1L) = 8 (unsigned long)
            sizeof(&arr) = 8 (unsigned long)
            sizeof(*&arr) = 20 (unsigned long)
            X * 2 + (X > 2) = 7 (int)
            0x7fffffff + 1 = -2147483648 (int)
            ~0u = 4294967295 (unsigned int)
            !5 = 0 (int)
            sizeof(int (*)(void)) = 8 (unsigned long)
            sizeof(unknown_size): error: type `char[]` is incomplete
            1 / 0: error: division by zero in a constant expression
            (char)-1 < 0 = 1 (int)
            sizeof(wchar_t_unknown): error: `wchar_t_unknown` undeclared
        "#]],
    );
    let arm = file_types_of(Arch::Arm, CONSTANTS);
    let (_, asserts) = evaluate(&arm, &exprs);
    verify_with_gcc(Arch::Arm, CONSTANTS, &arm, &asserts);
}

/// Integer constants beyond `long long` as gcc reads them: a decimal one without `u` is
/// `__int128` (C99 and later), one beyond 64 bits keeps its low 64 bits and the type they
/// need (gcc warns about both, klp-ccp about the first: see `check_constants`).
#[test]
fn integer_constants_beyond_long_long() {
    let exprs = [
        "9223372036854775807",
        "9223372036854775808",
        "18446744073709551615",
        "9223372036854775808LL",
        "18446744073709551615u",
        "0xffffffffffffffff",
        "18446744073709551617",
        "36893488147419103231",
        "0x1ffffffffffffffff",
        "340282366920938463463374607431768211457",
        "sizeof(18446744073709551615)",
        "18446744073709551615 > -1",
    ];
    check(
        Arch::X86,
        "",
        &exprs,
        expect![[r#"
            --
            9223372036854775807 = 9223372036854775807 (long)
            9223372036854775808 = 9223372036854775808 (__int128)
            18446744073709551615 = 18446744073709551615 (__int128)
            9223372036854775808LL = 9223372036854775808 (__int128)
            18446744073709551615u = 18446744073709551615 (unsigned long)
            0xffffffffffffffff = 18446744073709551615 (unsigned long)
            18446744073709551617 = 1 (int)
            36893488147419103231 = 18446744073709551615 (__int128)
            0x1ffffffffffffffff = 18446744073709551615 (unsigned long)
            340282366920938463463374607431768211457 = 1 (int)
            sizeof(18446744073709551615) = 16 (unsigned long)
            18446744073709551615 > -1 = 1 (int)
        "#]],
    );
}

/// Nesting beyond what C code does is an error value, not a stack overflow (in a debug
/// build on a test thread's 2 MiB stack).
#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let parens = format!("int a[{}1{}];", "(".repeat(3000), ")".repeat(3000));
    let pointers = format!("typedef int {}p;", "*".repeat(1000));
    let arrays = format!("typedef int m{};", "[1]".repeat(3000));
    let structs = format!("{}int x;{}", "struct { ".repeat(600), " } s;".repeat(600));
    for source in [parens, pointers, arrays, structs] {
        let ft = file_types_of(Arch::X86, &source);
        assert!(!ft.errors.is_empty(), "{}", &source[..40]);
    }
}

const EXPRESSIONS: &str = r#"
struct s { int a; const char *p; unsigned bf:3; long wide:40; struct in { long l; } in;
  int arr[4]; };
extern struct s gs, *gp;
extern int f(int, ...);
extern short sh;
extern const volatile int cvi;
extern int arr2[3][5];
extern _Complex double cd;
enum e { E1 };
extern enum e ge;
typedef int v4si __attribute__((vector_size(16)));
extern v4si gv;
"#;

/// The types of expressions, checked with gcc: `typeof (e) *` and `typeof (T) *` are
/// compatible (pointers, so that qualifiers count).
#[test]
fn expression_types() {
    let exprs = [
        "gs.a",
        "gp->p",
        "gs.in.l",
        "gp->arr",
        "&gs.arr",
        "*gp",
        "gp->arr[1]",
        "1[gp->arr]",
        "arr2[1]",
        "&arr2",
        "f",
        "&f",
        "*f",
        "f(1)",
        "sh + sh",
        "sh + 1L",
        "1u + 1",
        "1.0f + 1",
        "1.0f + 1.0",
        "gp + 1",
        "gp - gp",
        "cvi",
        "(int)cvi",
        "+cvi",
        "-sh",
        "!sh",
        "~1ull",
        "1 ? gp : 0",
        "1 ? (void *)gp : gp",
        "1 ? (const int *)0 : (int *)0",
        "1 ? (const void *)0 : (volatile int *)0",
        "E1",
        "ge",
        "(enum e)0",
        "ge + 0",
        "sizeof(int)",
        "gs.bf + 0",
        "sh++",
        "--gp",
        "gs.a = 1.5",
        "(sh, cd)",
        "cd * 2",
        "__real__ cd",
        "(struct in){ 1 }",
        "(int[]){ 1, 2, 3 }",
        "\"abc\"",
        "L\"ab\"",
        "sh << 1L",
        "gv + 1",
        "gp->in",
        "&gp->in.l",
        "__builtin_offsetof(struct s, in)",
        "_Generic(sh, short: cd, default: 1)",
        "__builtin_choose_expr(0, sh, gp)",
        "__builtin_expect(sh, 1)",
        "(char)1 == 1",
        "sh < 1 && gp",
        "&*gp",
        "&gp[1]",
    ];
    let ft = file_types_of(Arch::X86, EXPRESSIONS);
    let mut rendered = String::new();
    let mut asserts = Vec::new();
    for expr in exprs {
        match ft.type_of_text(expr) {
            Ok(ty) => {
                let _ = writeln!(rendered, "{expr}: {ty}");
                asserts.push(format!(
                    "_Static_assert(__builtin_types_compatible_p(\
                     __typeof__({expr}) *, __typeof__({ty}) *), \"{}\");",
                    expr.replace('"', "\\\"")
                ));
            }
            Err(e) => {
                let _ = writeln!(rendered, "{expr}: error: {}", e.message);
            }
        }
    }
    expect![[r#"
        gs.a: int
        gp->p: const char *
        gs.in.l: long
        gp->arr: int[4]
        &gs.arr: int (*)[4]
        *gp: struct s
        gp->arr[1]: int
        1[gp->arr]: int
        arr2[1]: int[5]
        &arr2: int (*)[3][5]
        f: int(int, ...)
        &f: int (*)(int, ...)
        *f: int(int, ...)
        f(1): int
        sh + sh: int
        sh + 1L: long
        1u + 1: unsigned int
        1.0f + 1: float
        1.0f + 1.0: double
        gp + 1: struct s *
        gp - gp: long
        cvi: const volatile int
        (int)cvi: int
        +cvi: int
        -sh: int
        !sh: int
        ~1ull: unsigned long long
        1 ? gp : 0: struct s *
        1 ? (void *)gp : gp: void *
        1 ? (const int *)0 : (int *)0: const int *
        1 ? (const void *)0 : (volatile int *)0: const volatile void *
        E1: int
        ge: enum e
        (enum e)0: enum e
        ge + 0: unsigned int
        sizeof(int): unsigned long
        gs.bf + 0: int
        sh++: short
        --gp: struct s *
        gs.a = 1.5: int
        (sh, cd): _Complex double
        cd * 2: _Complex double
        __real__ cd: double
        (struct in){ 1 }: struct in
        (int[]){ 1, 2, 3 }: int[3]
        "abc": char[4]
        L"ab": int[3]
        sh << 1L: int
        gv + 1: int __attribute__((vector_size(16)))
        gp->in: struct in
        &gp->in.l: long *
        __builtin_offsetof(struct s, in): unsigned long
        _Generic(sh, short: cd, default: 1): _Complex double
        __builtin_choose_expr(0, sh, gp): struct s *
        __builtin_expect(sh, 1): long
        (char)1 == 1: int
        sh < 1 && gp: int
        &*gp: struct s *
        &gp[1]: struct s *
    "#]]
    .assert_eq(&rendered);
    verify_with_gcc(Arch::X86, EXPRESSIONS, &ft, &asserts);
}

/// Function bodies are not part of the file scope's types: editing one gives an equal result,
/// which salsa backdates, so that what depends on `file_types` does not re-run.
#[test]
fn editing_a_function_body_leaves_file_types_equal() {
    let text = |body: &str| format!("struct s {{ int a; }};\nint f(void) {{ {body} }}\n");
    let mut db = Db::with_files([("/t.c", text("return 1;"))]);
    let args = vec!["-nostdinc".to_owned(), "/t.c".to_owned()];
    let invocation = parse_invocation(Arch::X86.spec(), &args, Path::new("/")).expect("invocation");
    let tu = Tu::new(
        &db,
        PpConfig::from_invocation(&invocation, &BuildClock::from_epoch(0)),
    );
    let before = file_types(&db, tu);
    db.set_file_text("/t.c", Some(text("int x = 2; return x + 3;")));
    assert_eq!(file_types(&db, tu), before);
    db.set_file_text("/t.c", Some(text("return 1;").replace("int a", "long a")));
    assert_ne!(file_types(&db, tu), before);
}

#[test]
fn redeclarations() {
    let source = r#"
typedef int t;
typedef int t;
typedef long t;
extern int x[];
int x[3];
int y;
long y;
int f();
int f(int a) { return a; }
static const char s[] = "abc";
struct later *p;
struct later { int a; };
enum { Z = 1 ? sizeof(struct q2 { char c; }) : 0 };
"#;
    let ft = file_types_of(Arch::X86, source);
    let mut out = render(&ft);
    for &(name, ty) in &ft.objects {
        let _ = writeln!(out, "{}: {}", ft.name(name), ft.types.display(ty));
    }
    expect![[r#"
        struct later: size 4, align 4
          a: int @0
        struct q2: size 1, align 1
          c: char @0
        typedef t: long: size 8, align 8
        error: conflicting types for `t`
        error: conflicting types for `y`
        x: int[3]
        y: long
        f: int(int)
        s: const char[4]
        p: struct later *
    "#]]
    .assert_eq(&out);
}

#[test]
fn every_builtin_with_a_signature_has_a_function_type() {
    let ft = file_types_of(Arch::X86, "int x;\n");
    let table = include_str!("../../src/types/gcc-builtin-signatures.tsv");
    let mut untyped = Vec::new();
    let mut count = 0;
    for line in table.lines().filter(|l| !l.starts_with('#')) {
        let Some((name, _)) = line.split_once('\t') else {
            continue;
        };
        count += 1;
        match ft.type_of_text(name) {
            Ok(ty) if ty.contains('(') => {}
            other => untyped.push(format!("{name}: {other:?}")),
        }
    }
    assert!(count > 500, "only {count} signatures");
    assert!(untyped.is_empty(), "{untyped:#?}");
    let calls = [
        "__builtin_memcpy",
        "__builtin_isdigit('1')",
        "__builtin_strlen(\"ab\")",
        "__builtin_vsnprintf",
        "__builtin_popcountl(3)",
    ];
    let types: Vec<String> = calls
        .iter()
        .map(|c| ft.type_of_text(c).unwrap_or_else(|e| e.message.to_string()))
        .collect();
    expect![[r#"
        void *(void *, const void *, unsigned long)
        int
        unsigned long
        int(char *, unsigned long, const char *, struct __va_list_tag *)
        int"#]]
    .assert_eq(&types.join("\n"));
}
