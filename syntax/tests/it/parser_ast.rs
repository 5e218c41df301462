//! The typed AST accessors, on small parsed cases.

use syntax::ast::*;
use syntax::syntax_kind::{SyntaxKind, SyntaxNode};

use crate::support::parser;

fn root(text: &str) -> TranslationUnit {
    let parse = parser::parse_text(text);
    assert!(parse.errors.is_empty(), "{:?}", parse.errors);
    TranslationUnit::cast(parse.syntax_node()).expect("the root is a translation unit")
}

/// The first descendant of type `N`.
fn find<N: AstNode>(node: &SyntaxNode) -> N {
    node.descendants()
        .find_map(N::cast)
        .expect("a node of the wanted type")
}

fn text<N: AstNode>(node: &N) -> String {
    node.syntax().text().to_string()
}

#[test]
fn declarations_and_declarators() {
    let tu = root("static const int *a[3] asm(\"b\") __attribute__((unused)) = { 0 }, c;");
    let items: Vec<_> = tu.items().collect();
    let ExternalDecl::Declaration(decl) = &items[0] else {
        panic!("not a declaration")
    };
    let specs = decl.specs().expect("specifiers");
    let keywords: Vec<_> = specs.keywords().map(|t| t.kind()).collect();
    assert_eq!(
        keywords,
        [
            SyntaxKind::STATIC_KW,
            SyntaxKind::CONST_KW,
            SyntaxKind::INT_KW
        ]
    );
    let inits: Vec<_> = decl.init_declarators().collect();
    assert_eq!(inits.len(), 2);
    let declarator = inits[0].declarator().expect("a declarator");
    let Declarator::Pointer(pointer) = &declarator else {
        panic!("not a pointer")
    };
    let Some(Declarator::Array(array)) = pointer.inner() else {
        panic!("not an array")
    };
    assert_eq!(array.size().map(|e| text(&e)).as_deref(), Some("3"));
    assert_eq!(declarator.name().map(|n| n.text()).as_deref(), Some("a"));
    assert_eq!(
        inits[0]
            .asm_label()
            .and_then(|l| l.name())
            .map(|s| text(&s))
            .as_deref(),
        Some("\"b\"")
    );
    assert_eq!(inits[0].attributes().count(), 1);
    assert!(matches!(inits[0].initializer(), Some(Initializer::List(_))));
    assert_eq!(
        inits[1]
            .declarator()
            .and_then(|d| d.name())
            .map(|n| n.text())
            .as_deref(),
        Some("c")
    );
}

#[test]
fn function_definitions() {
    let tu = root("int f(a, b) int a; char *b; { return a; }\nint g(int x, ...) { return x; }");
    let defs: Vec<_> = tu
        .items()
        .filter_map(|i| match i {
            ExternalDecl::FunctionDef(f) => Some(f),
            _ => None,
        })
        .collect();
    assert_eq!(defs.len(), 2);
    let kr = &defs[0];
    assert_eq!(kr.kr_declarations().count(), 2);
    let Some(Declarator::Function(f)) = kr.declarator() else {
        panic!("not a function")
    };
    let params = f.params().expect("a parameter list");
    let names: Vec<_> = params.identifiers().map(|n| n.text()).collect();
    assert_eq!(names, ["a", "b"]);
    let body = kr.body().expect("a body");
    let Some(BlockItem::Stmt(Stmt::Return(ret))) = body.items().next() else {
        panic!()
    };
    assert_eq!(ret.expr().map(|e| text(&e)).as_deref(), Some("a"));

    let Some(Declarator::Function(g)) = defs[1].declarator() else {
        panic!("not a function")
    };
    let params = g.params().expect("a parameter list");
    assert!(params.is_variadic());
    let param = params.params().next().expect("a parameter");
    assert_eq!(
        param
            .declarator()
            .and_then(|d| d.name())
            .map(|n| n.text())
            .as_deref(),
        Some("x")
    );
}

#[test]
fn structs_and_enums() {
    let tu = root(
        "struct S { int a : 3; union { int b; }; } __attribute__((packed)) s;\nenum E { A = 1, B } e;",
    );
    let st: StructSpec = find(tu.syntax());
    assert_eq!(st.tag().map(|n| n.text()).as_deref(), Some("S"));
    assert!(!st.is_union());
    assert_eq!(st.attributes().count(), 1);
    let members: Vec<_> = st.members().expect("members").items().collect();
    let MemberItem::Member(first) = &members[0] else {
        panic!()
    };
    let declarator = first.declarators().next().expect("a member declarator");
    assert_eq!(
        declarator.bit_width().map(|e| text(&e)).as_deref(),
        Some("3")
    );
    let MemberItem::Member(anonymous) = &members[1] else {
        panic!()
    };
    assert_eq!(anonymous.declarators().count(), 0);

    let en: EnumSpec = find(tu.syntax());
    let enumerators: Vec<_> = en
        .enumerators()
        .expect("enumerators")
        .enumerators()
        .collect();
    assert_eq!(enumerators.len(), 2);
    assert_eq!(
        enumerators[0].value().map(|e| text(&e)).as_deref(),
        Some("1")
    );
    assert!(enumerators[1].value().is_none());
}

#[test]
fn attributes() {
    let tu =
        root("void f(const char *, ...) __attribute__((format(printf, 1, 2), gnu::cold, const));");
    let spec: AttributeSpec = find(tu.syntax());
    let attrs: Vec<_> = spec.attributes().collect();
    assert_eq!(attrs.len(), 3);
    assert_eq!(
        attrs[0]
            .name_token()
            .map(|t| t.text().to_owned())
            .as_deref(),
        Some("format")
    );
    let args: Vec<_> = attrs[0].args().expect("arguments").args().collect();
    assert_eq!(args.len(), 3);
    assert!(matches!(&args[0], AttributeArg::Expr(Expr::Ident(_))));
    assert_eq!(
        attrs[1]
            .scope_token()
            .map(|t| t.text().to_owned())
            .as_deref(),
        Some("gnu")
    );
    assert_eq!(
        attrs[1]
            .name_token()
            .map(|t| t.text().to_owned())
            .as_deref(),
        Some("cold")
    );
    assert_eq!(
        attrs[2].name_token().map(|t| t.kind()),
        Some(SyntaxKind::CONST_KW)
    );
}

#[test]
fn statements() {
    let tu = root(
        "void f(int n) { for (int i = 0; i < n; i++) ; for (n = 0; ; ) break;\n\
         if (n) ; else n--; switch (n) { case 1 ... 2: default: ; } goto *&&l; l: ; }",
    );
    let fors: Vec<ForStmt> = tu
        .syntax()
        .descendants()
        .filter_map(ForStmt::cast)
        .collect();
    assert!(fors[0].init_declaration().is_some());
    assert_eq!(
        fors[0].condition().map(|e| text(&e)).as_deref(),
        Some("i < n")
    );
    assert_eq!(fors[0].step().map(|e| text(&e)).as_deref(), Some("i++"));
    assert_eq!(
        fors[1].init_expr().map(|e| text(&e)).as_deref(),
        Some("n = 0")
    );
    assert!(fors[1].condition().is_none() && fors[1].step().is_none());
    assert!(matches!(fors[1].body(), Some(Stmt::Break(_))));

    let if_stmt: IfStmt = find(tu.syntax());
    assert_eq!(if_stmt.condition().map(|e| text(&e)).as_deref(), Some("n"));
    assert!(matches!(if_stmt.then_branch(), Some(Stmt::Empty(_))));
    assert!(matches!(if_stmt.else_branch(), Some(Stmt::Expr(_))));

    let case: CaseStmt = find(tu.syntax());
    assert_eq!(case.value().map(|e| text(&e)).as_deref(), Some("1"));
    assert_eq!(case.range_end().map(|e| text(&e)).as_deref(), Some("2"));
    assert!(matches!(
        case.body(),
        Some(BlockItem::Stmt(Stmt::Default(_)))
    ));

    let goto: GotoStmt = find(tu.syntax());
    assert!(goto.is_computed());
    assert!(matches!(goto.target(), Some(Expr::LabelAddr(_))));
    let label: LabeledStmt = find(tu.syntax());
    assert_eq!(label.label().map(|n| n.text()).as_deref(), Some("l"));
}

#[test]
fn expressions_and_operators() {
    let tu = root("int x = a = b ? c : d, y = e ?: f, z = -(int)g[1]->h.i(2, 3)++;");
    let inits: Vec<InitDeclarator> = tu
        .syntax()
        .descendants()
        .filter_map(InitDeclarator::cast)
        .collect();
    let expr = |i: usize| match inits[i].initializer() {
        Some(Initializer::Expr(e)) => e,
        other => panic!("not an expression: {other:?}"),
    };
    let Expr::Bin(assign) = expr(0) else { panic!() };
    assert_eq!(assign.op(), Some(BinOp::Assign));
    assert!(assign.op().is_some_and(BinOp::is_assignment));
    let Some(Expr::Cond(cond)) = assign.rhs() else {
        panic!()
    };
    assert_eq!(cond.then_expr().map(|e| text(&e)).as_deref(), Some("c"));
    assert_eq!(cond.else_expr().map(|e| text(&e)).as_deref(), Some("d"));
    let Expr::Cond(gnu) = expr(1) else { panic!() };
    assert!(gnu.then_expr().is_none());
    assert_eq!(gnu.else_expr().map(|e| text(&e)).as_deref(), Some("f"));

    let Expr::Prefix(neg) = expr(2) else { panic!() };
    assert_eq!(neg.op(), Some(PrefixOp::Neg));
    let Some(Expr::Cast(cast)) = neg.operand() else {
        panic!()
    };
    assert_eq!(cast.type_name().map(|t| text(&t)).as_deref(), Some("int"));
    let Some(Expr::Postfix(post)) = cast.expr() else {
        panic!()
    };
    assert_eq!(post.op(), Some(PostfixOp::Inc));
    let Some(Expr::Call(call)) = post.operand() else {
        panic!()
    };
    assert_eq!(call.args().count(), 2);
    let Some(Expr::Member(member)) = call.callee() else {
        panic!()
    };
    assert!(!member.is_arrow());
    assert_eq!(member.member().map(|n| n.text()).as_deref(), Some("i"));
    let Some(Expr::Member(arrow)) = member.base() else {
        panic!()
    };
    assert!(arrow.is_arrow());
    let Some(Expr::Index(index)) = arrow.base() else {
        panic!()
    };
    assert_eq!(index.index().map(|e| text(&e)).as_deref(), Some("1"));
}

#[test]
fn builtins_and_special_forms() {
    let tu = root(
        "int a = __builtin_offsetof(struct S, b.c[1]);\n\
         int d = _Generic(1, int: 2, default: 3);\n\
         int e = sizeof(int) + sizeof e + _Alignof(long);\n\
         int f = ({ 1; });\n\
         int g = __builtin_types_compatible_p(int, long) + __builtin_choose_expr(1, 2, 3);\n\
         int h = __builtin_has_attribute(g, aligned(4));",
    );
    let offsetof: OffsetofExpr = find(tu.syntax());
    assert_eq!(
        offsetof.type_name().map(|t| text(&t)).as_deref(),
        Some("struct S")
    );
    let steps: Vec<_> = offsetof.designator().expect("designator").steps().collect();
    assert_eq!(steps.len(), 3);
    assert!(matches!(&steps[2], OffsetofStep::Index(_)));
    let generic: GenericSelection = find(tu.syntax());
    let assocs: Vec<_> = generic.assocs().collect();
    assert!(!assocs[0].is_default() && assocs[1].is_default());
    assert_eq!(assocs[0].expr().map(|e| text(&e)).as_deref(), Some("2"));
    let sizes: Vec<SizeofExpr> = tu
        .syntax()
        .descendants()
        .filter_map(SizeofExpr::cast)
        .collect();
    assert!(sizes[0].type_name().is_some() && sizes[0].expr().is_none());
    assert!(sizes[1].type_name().is_none() && sizes[1].expr().is_some());
    let stmt_expr: StmtExpr = find(tu.syntax());
    assert_eq!(stmt_expr.body().map(|b| b.items().count()), Some(1));
    let compatible: TypesCompatibleExpr = find(tu.syntax());
    assert_eq!(compatible.types().count(), 2);
    let choose: ChooseExpr = find(tu.syntax());
    assert_eq!(choose.second().map(|e| text(&e)).as_deref(), Some("3"));
    let has: HasAttributeExpr = find(tu.syntax());
    assert!(matches!(has.operand(), Some(TypeOrExpr::Expr(_))));
    let attribute = has.attribute().and_then(|a| a.name_token());
    assert_eq!(
        attribute.map(|t| t.text().to_owned()).as_deref(),
        Some("aligned")
    );
}

#[test]
fn initializers() {
    let tu = root("int a[] = { [1 ... 2] = 3, [4] 5, 6 }; struct S s = { .x.y = 1, z: 2 };");
    let lists: Vec<InitList> = tu
        .syntax()
        .descendants()
        .filter_map(InitList::cast)
        .collect();
    let items: Vec<_> = lists[0].items().collect();
    let InitItem::Designated(range) = &items[0] else {
        panic!()
    };
    let Some(Designator::Index(index)) = range.designators().next() else {
        panic!()
    };
    assert_eq!(index.index().map(|e| text(&e)).as_deref(), Some("1"));
    assert_eq!(index.range_end().map(|e| text(&e)).as_deref(), Some("2"));
    let InitItem::Designated(no_eq) = &items[1] else {
        panic!()
    };
    assert!(no_eq.eq_token().is_none());
    assert!(matches!(&items[2], InitItem::Plain(Initializer::Expr(_))));
    let items: Vec<_> = lists[1].items().collect();
    let InitItem::Designated(path) = &items[0] else {
        panic!()
    };
    assert_eq!(path.designators().count(), 2);
    let InitItem::Designated(old) = &items[1] else {
        panic!()
    };
    assert!(old.is_old_style());
}

#[test]
fn asm_and_pragmas() {
    let tu = root(
        "#pragma pack(1)\nvoid f(int x) { asm volatile (\"\" : [r] \"=r\" (x) : \"0\" (x) : \"memory\"); }",
    );
    let Some(ExternalDecl::Pragma(pragma)) = tu.items().next() else {
        panic!()
    };
    assert_eq!(
        pragma
            .pragma_token()
            .map(|t| t.text().to_owned())
            .as_deref(),
        Some("#pragma pack(1)")
    );
    let asm: AsmStmt = find(tu.syntax());
    assert_eq!(
        asm.qualifiers().map(|t| t.kind()).collect::<Vec<_>>(),
        [SyntaxKind::VOLATILE_KW]
    );
    let output = asm
        .outputs()
        .and_then(|o| o.operands().next())
        .expect("an output");
    assert_eq!(
        output.symbolic_name().map(|n| n.text()).as_deref(),
        Some("r")
    );
    assert_eq!(
        output.constraint().map(|c| text(&c)).as_deref(),
        Some("\"=r\"")
    );
    assert_eq!(output.expr().map(|e| text(&e)).as_deref(), Some("x"));
    assert_eq!(asm.inputs().map(|i| i.operands().count()), Some(1));
    assert_eq!(asm.clobbers().map(|c| c.clobbers().count()), Some(1));
    assert!(asm.labels().is_none());
}

#[test]
fn type_names_and_specifiers() {
    let tu = root(
        "typedef int T; _Static_assert(sizeof(T (*)[2]) == 8, \"x\"); _Atomic(T) a; typeof(a) b;",
    );
    let sa: StaticAssert = find(tu.syntax());
    assert!(sa.condition().is_some());
    assert_eq!(sa.message().map(|m| text(&m)).as_deref(), Some("\"x\""));
    let type_name: TypeName = find(sa.syntax());
    let specs: Vec<_> = type_name
        .specs()
        .expect("specifiers")
        .specifiers()
        .collect();
    assert!(matches!(&specs[0], DeclSpecifier::TypedefName(_)));
    let Some(Declarator::Array(array)) = type_name.declarator() else {
        panic!()
    };
    assert!(array.inner().is_some_and(|d| d.name().is_none()));
    let atomic: AtomicTypeSpec = find(tu.syntax());
    assert!(atomic.type_name().is_some());
    let typeof_spec: TypeofSpec = find(tu.syntax());
    assert!(matches!(typeof_spec.operand(), Some(TypeOrExpr::Expr(_))));
}
