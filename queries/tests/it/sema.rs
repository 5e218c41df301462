//! Name resolution, read off small TUs: the file-scope table (entities with their linkage,
//! declarations and inline state, tags), what every use denotes, and klp-ccp's "not declared"
//! diagnostics. Positions are `line:column` in the source (columns from 0, as klp-ccp counts).

use std::fmt::Write;

use expect_test::{Expect, expect};
use queries::sema::{
    Anchor, Definition, FileScope, Inline, Local, LocalKind, Namespace, Resolution, Target,
    body_resolution, file_resolution, file_scope, functions,
};
use queries::{Db, Tu, parse, preprocess, sema_diagnostics};
use syntax::parse_tu::ParsedTu;
use syntax::pp::{PpConfig, PreprocessedTu};
use syntax::syntax_kind::SyntaxNode;

const MAIN: &str = "/src/t.c";

fn tu(db: &Db, gnu89: bool) -> Tu {
    let builtin_defines = if gnu89 {
        "#define __GNUC_GNU_INLINE__ 1\n"
    } else {
        "#define __GNUC_STDC_INLINE__ 1\n"
    };
    Tu::new(
        db,
        PpConfig {
            main_file: MAIN.into(),
            gcc_major: 12,
            builtin_defines: builtin_defines.into(),
            ..PpConfig::default()
        },
    )
}

/// Maps item-relative anchors to source positions and texts.
struct Positions {
    pp: std::sync::Arc<PreprocessedTu>,
    parsed: std::sync::Arc<ParsedTu>,
    root: SyntaxNode,
    item_starts: Vec<u32>,
    token_starts: Vec<u32>,
}

impl Positions {
    fn new(db: &Db, tu: Tu) -> Positions {
        let pp = preprocess(db, tu);
        let parsed = parse(db, tu);
        let root = parsed.parse.syntax_node();
        let item_starts = root
            .children_with_tokens()
            .map(|e| e.text_range().start().into())
            .collect();
        let token_starts = root
            .descendants_with_tokens()
            .filter_map(|e| e.into_token())
            .map(|t| t.text_range().start().into())
            .collect();
        Positions {
            pp,
            parsed,
            root,
            item_starts,
            token_starts,
        }
    }

    /// `text@line:column`.
    fn at(&self, at: Anchor) -> String {
        let start = self.item_starts[at.item.0 as usize] + at.offset;
        let text = self
            .root
            .token_at_offset(start.into())
            .right_biased()
            .map_or_else(String::new, |t| t.text().to_owned());
        let Ok(index) = self.token_starts.binary_search(&start) else {
            return format!("{text}@?");
        };
        let Some(pp_token) = self.parsed.pp_token(index) else {
            return format!("{text}@?");
        };
        let origin = self.pp.tokens[pp_token].origin;
        let (file, offset, _) = self.pp.provenance.expansion_point(origin);
        let (line, column) = self.pp.files[file.0 as usize].line_col(offset);
        format!("{text}@{line}:{column}")
    }
}

/// The file-scope table: entities, then tags, then conflicts.
fn render_scope(scope: &FileScope, pos: &Positions, out: &mut String) {
    for entity in &scope.entities {
        let definition = match entity.definition {
            Definition::None => "declared".to_owned(),
            Definition::Tentative => "tentative".to_owned(),
            Definition::Defined(d) => format!("defined {}", pos.at(scope.decl(d).at)),
        };
        let inline = match entity.inline {
            Inline::No => String::new(),
            other => format!(" inline={other:?}"),
        };
        let _ = writeln!(
            out,
            "{} {:?} {:?} {definition}{inline}",
            scope.name(entity.name),
            entity.kind,
            entity.linkage
        );
        for &decl in &entity.decls {
            let decl = scope.decl(decl);
            let flags = [
                (decl.inline, " inline"),
                (decl.gnu_inline, " gnu_inline"),
                (decl.thread_local, " thread_local"),
            ];
            let flags: String = flags.iter().filter(|f| f.0).map(|f| f.1).collect();
            let _ = writeln!(
                out,
                "  {} {:?} {:?}{flags}",
                pos.at(decl.at),
                decl.role,
                decl.storage
            );
        }
    }
    for tag in &scope.tags {
        let name = tag.name.map_or("<anonymous>", |n| scope.name(n));
        let decls: Vec<String> = tag
            .decls
            .iter()
            .map(|d| format!("{:?} {}", d.role, pos.at(d.at)))
            .collect();
        let _ = writeln!(out, "{:?} {name}: {}", tag.kind, decls.join(", "));
    }
    for conflict in &scope.conflicts {
        let _ = writeln!(
            out,
            "conflict {:?} at {}",
            conflict.kind,
            pos.at(conflict.at)
        );
    }
}

fn render_local(res: &Resolution, local: &Local, pos: &Positions) -> String {
    let kind = match local.kind {
        LocalKind::Tag(kind, role) => format!("{kind:?} {role:?}"),
        other => format!("{other:?}"),
    };
    let scope = local.scope.map_or("function".to_owned(), |s| {
        format!("{:?}", res.scope(s).kind)
    });
    let previous = local.previous.map_or(String::new(), |p| {
        format!(", redeclares {}", pos.at(res.local(p).at))
    });
    format!("{} {kind} in {scope}{previous}", pos.at(local.at))
}

/// Locals then uses of one resolution.
fn render_resolution(res: &Resolution, scope: &FileScope, pos: &Positions, out: &mut String) {
    for local in &res.locals {
        let _ = writeln!(out, "  local {}", render_local(res, local, pos));
    }
    for u in &res.uses {
        let target = match u.target {
            Target::Local(l) => format!("local {}", pos.at(res.local(l).at)),
            Target::Entity(e) => {
                let decl = scope.entity(e).decls.first().map(|&d| scope.decl(d).at);
                format!("file {}", decl.map_or("?".to_owned(), |at| pos.at(at)))
            }
            Target::Tag(t) => {
                let decl = scope.tag(t).decls.first().map(|d| d.at);
                format!("file tag {}", decl.map_or("?".to_owned(), |at| pos.at(at)))
            }
            other => format!("{other:?}"),
        };
        let namespace = match u.namespace {
            Namespace::Ordinary => "",
            Namespace::Tag => "tag ",
            Namespace::Label => "label ",
        };
        let _ = writeln!(out, "  {namespace}{} -> {target}", pos.at(u.at));
    }
}

/// The diagnostics, one a line, as `--message-format=short` prints them (without the path).
fn render_diagnostics(db: &Db, tu: Tu, pos: &Positions, out: &mut String) {
    for d in sema_diagnostics(db, tu) {
        let place = d.origin.map_or("-".to_owned(), |origin| {
            let (file, offset, _) = pos.pp.provenance.expansion_point(origin);
            let (line, column) = pos.pp.files[file.0 as usize].line_col(offset);
            format!("{line}:{column} {:?}", d.extent)
        });
        let _ = writeln!(out, "{:?} {place}: {}", d.severity, d.message);
    }
}

fn resolve(source: &str, gnu89: bool) -> String {
    let db = Db::with_files([(MAIN, source)]);
    let tu = tu(&db, gnu89);
    let pos = Positions::new(&db, tu);
    assert!(
        pos.parsed.parse.errors.is_empty(),
        "{:?}",
        pos.parsed.parse.errors
    );
    let scope = file_scope(&db, tu);
    let mut out = String::new();
    render_scope(&scope, &pos, &mut out);
    out.push_str("outside bodies:\n");
    render_resolution(&file_resolution(&db, tu), &scope, &pos, &mut out);
    for function in functions(&db, tu) {
        let _ = writeln!(
            out,
            "body {} #{}:",
            function.name(&db),
            function.occurrence(&db)
        );
        render_resolution(&body_resolution(&db, function), &scope, &pos, &mut out);
    }
    render_diagnostics(&db, tu, &pos, &mut out);
    out
}

fn check(source: &str, expected: Expect) {
    expected.assert_eq(&resolve(source, false));
}

fn check_gnu89(source: &str, expected: Expect) {
    expected.assert_eq(&resolve(source, true));
}

#[test]
fn declarations_take_effect_after_their_declarator_and_inner_scopes_shadow() {
    check(
        r#"
int x;
int f(int x)
{
  { int x = x + 1; }
  for (int x = 0; x < 2; x++)
    ;
  return x;
}
"#,
        expect![[r#"
            x Object External tentative
              x@2:4 Tentative None
            f Function External defined f@3:4
              f@3:4 Definition None
            outside bodies:
            body f #0:
              local x@3:10 Param in Function
              local x@5:8 Object(Automatic) in Block
              local x@6:11 Object(Automatic) in Statement
              x@5:12 -> local x@5:8
              x@6:18 -> local x@6:11
              x@6:25 -> local x@6:11
              x@8:9 -> local x@3:10
        "#]],
    );
}

#[test]
fn block_scope_extern_links_to_the_file_scope_entity_and_ends_with_its_block() {
    check(
        r#"
static int counter;
void f(void)
{
  int counter = 0;
  {
    extern int counter;
    extern int later;
    counter++;
    later++;
  }
}
void g(void) { later = 1; }
"#,
        expect![[r#"
            counter Object Internal tentative
              counter@2:11 Tentative Static
            f Function External defined f@3:5
              f@3:5 Definition None
            g Function External defined g@13:5
              g@13:5 Definition None
            outside bodies:
            body f #0:
              local counter@5:6 Object(Automatic) in Function
              local counter@7:15 Extern { function: false, entity: Some(EntityId(0)) } in Block
              local later@8:15 Extern { function: false, entity: None } in Block
              counter@9:4 -> local counter@7:15
              later@10:4 -> local later@8:15
            body g #0:
              later@13:15 -> Undeclared
            Warning 13:15 Start: identifier "later" not declared
        "#]],
    );
}

#[test]
fn tentative_definitions_and_linkage_of_objects() {
    check(
        r#"
int a;
int a;
int a = 1;
static int b;
extern int b;
extern int c;
int d;
static int d;
static int e;
int e;
extern int f = 2;
_Thread_local int t;
"#,
        expect![[r#"
            a Object External defined a@4:4
              a@2:4 Tentative None
              a@3:4 Tentative None
              a@4:4 Definition None
            b Object Internal tentative
              b@5:11 Tentative Static
              b@6:11 Declaration Extern
            c Object External declared
              c@7:11 Declaration Extern
            d Object Internal tentative
              d@8:4 Tentative None
              d@9:11 Tentative Static
            e Object Internal tentative
              e@10:11 Tentative Static
              e@11:4 Tentative None
            f Object External defined f@12:11
              f@12:11 Definition Extern
            t Object External tentative
              t@13:18 Tentative None thread_local
            conflict StaticFollowsNonStatic at d@9:11
            conflict NonStaticFollowsStatic at e@11:4
            outside bodies:
        "#]],
    );
}

#[test]
fn functions_inherit_linkage_and_static_may_not_follow_extern() {
    check(
        r#"
static int s(void);
int s(void);
extern int s(void) { return 0; }
int n(void);
static int n(void) { return 1; }
int twice(void) { return 0; }
int twice(void) { return 1; }
"#,
        expect![[r#"
            s Function Internal defined s@4:11
              s@2:11 Declaration Static
              s@3:4 Declaration None
              s@4:11 Definition Extern
            n Function Internal defined n@6:11
              n@5:4 Declaration None
              n@6:11 Definition Static
            twice Function External defined twice@8:4
              twice@7:4 Definition None
              twice@8:4 Definition None
            conflict StaticFollowsNonStatic at n@6:11
            conflict Redefinition at twice@8:4
            outside bodies:
            body s #0:
            body n #0:
            body twice #0:
            body twice #1:
            Error 8:4 Start: redefinition of 'twice'
        "#]],
    );
}

#[test]
fn inline_variants_with_c99_semantics() {
    check(
        r#"
inline int only_inline(void) { return 0; }
inline int then_plain(void);
int then_plain(void) { return 0; }
extern inline int extern_inline(void) { return 0; }
static inline int static_inline(void) { return 0; }
extern inline __attribute__((gnu_inline)) int gnu(void) { return 0; }
int gnu(void) { return 1; }
"#,
        expect![[r#"
            only_inline Function External defined only_inline@2:11 inline=InlineOnly { gnu: false }
              only_inline@2:11 Definition None inline
            then_plain Function External defined then_plain@4:4 inline=External
              then_plain@3:11 Declaration None inline
              then_plain@4:4 Definition None
            extern_inline Function External defined extern_inline@5:18 inline=External
              extern_inline@5:18 Definition Extern inline
            static_inline Function Internal defined static_inline@6:18 inline=Static
              static_inline@6:18 Definition Static inline
            gnu Function External defined gnu@8:4 inline=External
              gnu@7:46 Definition Extern inline gnu_inline
              gnu@8:4 Definition None
            outside bodies:
            body only_inline #0:
            body then_plain #0:
            body extern_inline #0:
            body static_inline #0:
            body gnu #0:
            body gnu #1:
        "#]],
    );
}

#[test]
fn inline_variants_with_gnu89_semantics() {
    check_gnu89(
        r#"
inline int plain_inline(void) { return 0; }
extern inline int extern_inline(void) { return 0; }
int extern_inline(void) { return 1; }
static inline int static_inline(void) { return 0; }
"#,
        expect![[r#"
            plain_inline Function External defined plain_inline@2:11 inline=External
              plain_inline@2:11 Definition None inline
            extern_inline Function External defined extern_inline@4:4 inline=External
              extern_inline@3:18 Definition Extern inline
              extern_inline@4:4 Definition None
            static_inline Function Internal defined static_inline@5:18 inline=Static
              static_inline@5:18 Definition Static inline
            outside bodies:
            body plain_inline #0:
            body extern_inline #0:
            body extern_inline #1:
            body static_inline #0:
        "#]],
    );
}

#[test]
fn labels_are_function_wide_unless_declared_local() {
    check(
        r#"
void f(int n)
{
  goto out;
  {
    __label__ out;
    goto out;
  out:
    ;
  }
  void *p = &&out;
  if (n)
    goto missing;
out:
  return;
}
"#,
        expect![[r#"
            f Function External defined f@2:5
              f@2:5 Definition None
            outside bodies:
            body f #0:
              local n@2:11 Param in Function
              local out@6:14 Label { declared: true } in Block
              local out@8:2 Label { declared: false } in Block, redeclares out@6:14
              local p@11:8 Object(Automatic) in Function
              local out@14:0 Label { declared: false } in function
              label out@4:7 -> local out@14:0
              label out@7:9 -> local out@6:14
              label out@11:14 -> local out@14:0
              n@12:6 -> local n@2:11
              label missing@13:9 -> Undeclared
        "#]],
    );
}

#[test]
fn tags_forward_declarations_definitions_and_implicit_declarations() {
    check(
        r#"
struct S { struct S *next; int v; };
struct T;
union V *v;
void f(void)
{
  struct S s;
  struct S;
  struct S { int w; } t;
  struct U *u;
  s.v = t.w;
}
struct T { int x; };
"#,
        expect![[r#"
            v Object External tentative
              v@4:9 Tentative None
            f Function External defined f@5:5
              f@5:5 Definition None
            Struct S: Definition S@2:7
            Struct T: Forward T@3:7, Definition T@13:7
            Union V: Implicit V@4:6
            outside bodies:
              tag S@2:18 -> file tag S@2:7
            body f #0:
              local s@7:11 Object(Automatic) in Function
              local S@8:9 Struct Forward in Function
              local S@9:9 Struct Definition in Function, redeclares S@8:9
              local t@9:22 Object(Automatic) in Function
              local U@10:9 Struct Implicit in Function
              local u@10:12 Object(Automatic) in Function
              tag S@7:9 -> file tag S@2:7
              s@11:2 -> local s@7:11
              t@11:8 -> local t@9:22
        "#]],
    );
}

#[test]
fn enumeration_constants_begin_after_their_enumerator() {
    check(
        r#"
enum E { A, B = A + 1, C = sizeof(enum E) };
int f(void)
{
  enum { A = B, D = A } e;
  return A + C + D;
}
"#,
        expect![[r#"
            A Enumerator { tag: TagId(0) } None declared
              A@2:9 Definition None
            B Enumerator { tag: TagId(0) } None declared
              B@2:12 Definition None
            C Enumerator { tag: TagId(0) } None declared
              C@2:23 Definition None
            f Function External defined f@3:4
              f@3:4 Definition None
            Enum E: Definition E@2:5
            outside bodies:
              A@2:16 -> file A@2:9
              tag E@2:39 -> file tag E@2:5
            body f #0:
              local A@5:9 Enumerator in Function
              local D@5:16 Enumerator in Function
              local e@5:24 Object(Automatic) in Function
              B@5:13 -> file B@2:12
              A@5:20 -> local A@5:9
              A@6:9 -> local A@5:9
              C@6:13 -> file C@2:23
              D@6:17 -> local D@5:16
        "#]],
    );
}

#[test]
fn typedef_redefinition_and_functions_declared_by_typedef() {
    check(
        r#"
typedef int T;
typedef int T;
typedef int F(void);
F g;
F *pg;
T v;
typeof(g) h;
void k(void)
{
  typedef long T;
  T x;
  F local;
}
"#,
        expect![[r#"
            T Typedef { function_type: false } None declared
              T@2:12 Definition Typedef
              T@3:12 Definition Typedef
            F Typedef { function_type: true } None declared
              F@4:12 Definition Typedef
            g Function External declared
              g@5:2 Declaration None
            pg Object External tentative
              pg@6:3 Tentative None
            v Object External tentative
              v@7:2 Tentative None
            h Function External declared
              h@8:10 Declaration None
            k Function External defined k@9:5
              k@9:5 Definition None
            outside bodies:
              F@5:0 -> file F@4:12
              F@6:0 -> file F@4:12
              T@7:0 -> file T@2:12
              g@8:7 -> file g@5:2
            body k #0:
              local T@11:15 Typedef { function_type: false } in Function
              local x@12:4 Object(Automatic) in Function
              local local@13:4 Extern { function: true, entity: None } in Function
              T@12:2 -> local T@11:15
              F@13:2 -> file F@4:12
        "#]],
    );
}

#[test]
fn members_designators_and_offsetof_steps_are_no_uses() {
    check(
        r#"
struct P { int a, b[2]; };
struct P p = { .a = 1, .b = { 2 } };
int o = __builtin_offsetof(struct P, b[1]) + sizeof p + sizeof(undeclared_in_sizeof);
typeof(p) q;
void pr(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int g(void) { return __builtin_expect(o, 0) + __func__[0] + q.a + p.b[0]; }
"#,
        expect![[r#"
            p Object External defined p@3:9
              p@3:9 Definition None
            o Object External defined o@4:4
              o@4:4 Definition None
            q Object External tentative
              q@5:10 Tentative None
            pr Function External declared
              pr@6:5 Declaration None
            g Function External defined g@7:4
              g@7:4 Definition None
            Struct P: Definition P@2:7
            outside bodies:
              local fmt@6:20 Param in Prototype
              tag P@3:7 -> file tag P@2:7
              tag P@4:34 -> file tag P@2:7
              p@4:52 -> file p@3:9
              undeclared_in_sizeof@4:63 -> Undeclared
              p@5:7 -> file p@3:9
            body g #0:
              __builtin_expect@7:21 -> Builtin
              o@7:38 -> file o@4:4
              __func__@7:46 -> FunctionName
              q@7:60 -> file q@5:10
              p@7:66 -> file p@3:9
            Warning 4:63 Start: identifier "undeclared_in_sizeof" not declared
        "#]],
    );
}

#[test]
fn prototype_scopes_end_with_their_parameter_list() {
    check(
        r#"
int f(int n, int a[n]);
int g(int m, int b[n]);
int h(int k, int c[k]) { return c[0] + k; }
int kr(a, b) int a; { return a + b; }
"#,
        expect![[r#"
            f Function External declared
              f@2:4 Declaration None
            g Function External declared
              g@3:4 Declaration None
            h Function External defined h@4:4
              h@4:4 Definition None
            kr Function External defined kr@5:4
              kr@5:4 Definition None
            outside bodies:
              local n@2:10 Param in Prototype
              local a@2:17 Param in Prototype
              local m@3:10 Param in Prototype
              local b@3:17 Param in Prototype
              n@2:19 -> local n@2:10
              n@3:19 -> Undeclared
            body h #0:
              local k@4:10 Param in Function
              local c@4:17 Param in Function
              k@4:19 -> local k@4:10
              c@4:32 -> local c@4:17
              k@4:39 -> local k@4:10
            body kr #0:
              local a@5:7 Param in Function
              local b@5:10 Param in Function
              local a@5:17 Param in Function, redeclares a@5:7
              a@5:29 -> local a@5:17
              b@5:33 -> local b@5:10
            Warning 3:19 Start: identifier "n" not declared
        "#]],
    );
}

#[test]
fn nested_functions_are_declared_in_their_block() {
    check(
        r#"
int outer(int x)
{
  int inner(int y) { return x + y + later(); }
  return inner(1);
}
"#,
        expect![[r#"
            outer Function External defined outer@2:4
              outer@2:4 Definition None
            outside bodies:
            body outer #0:
              local x@2:14 Param in Function
              local inner@4:6 NestedFunction in Function
              local y@4:16 Param in Function
              x@4:28 -> local x@2:14
              y@4:32 -> local y@4:16
              later@4:36 -> Undeclared
              inner@5:9 -> local inner@4:6
            Warning 4:36 Start: identifier "later" not declared
        "#]],
    );
}

#[test]
fn undeclared_identifiers_are_reported_at_each_use_or_at_the_macro_invocation() {
    check(
        r#"
#define CALL(f) f()
#define FAIL abort()
void t(void)
{
  CALL(missing);
  FAIL;
  exit(0);
  exit(1);
  __builtin_trap();
}
"#,
        expect![[r#"
            t Function External defined t@4:5
              t@4:5 Definition None
            outside bodies:
            body t #0:
              missing@6:7 -> Undeclared
              abort@7:2 -> Undeclared
              exit@8:2 -> Undeclared
              exit@9:2 -> Undeclared
              __builtin_trap@10:2 -> Builtin
            Warning 6:2 Through(OriginId(29)): identifier "missing" not declared
            Warning 7:2 Token: identifier "abort" not declared
            Warning 8:2 Start: identifier "exit" not declared
            Warning 9:2 Start: identifier "exit" not declared
        "#]],
    );
}
