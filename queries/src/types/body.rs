//! Function bodies: their statements walked in order, block scopes opened and closed, local
//! declarations declared, and every full expression typed and checked (`check`).
//!
//! The walk runs on a `TypeCx` whose environment shows the file scope as it stood at the
//! function definition. Scopes are name resolution's: the walk opens and closes none, each
//! declaration records its type under the local name resolution made of it.

use syntax::ast::{
    AstNode, AttributeSpec, BlockItem, CompoundStmt, Declaration, Expr, FunctionDef, IfStmt, Stmt,
    StmtExpr,
};

use super::attrs::attribute_name;
use syntax::syntax_kind::SyntaxKind;

use super::cx::{TypeCx, start_of};
use super::declare::{Declared, defined_fn_declarator};
use super::env::Ordinary;
use super::error::{TypeError, TypeResult};
use super::lower::Storage;
use super::ty::TypeId;
use super::typing::Typed;

impl TypeCx<'_> {
    /// Walks the body of function definition `f`, whose type is `fn_ty`.
    pub fn check_function_body(&mut self, f: &FunctionDef, fn_ty: TypeId) {
        let Some(body) = f.body() else {
            return;
        };
        let saved = self.return_type.replace(
            self.types
                .fn_type(fn_ty)
                .map(|f| f.ret)
                .unwrap_or_else(|| self.types.void()),
        );
        if let Err(e) = self.declare_parameters(f) {
            self.report(e.or_at(f.syntax()));
        }
        for item in body.items() {
            self.check_block_item(&item);
        }
        self.return_type = saved;
    }

    /// Declares the parameters of a definition in the current scope: those of its prototype,
    /// or the identifiers of an old-style list with the declarations after it (`int` when
    /// undeclared).
    fn declare_parameters(&mut self, f: &FunctionDef) -> TypeResult<()> {
        let Some(fn_declarator) = f.declarator().as_ref().and_then(defined_fn_declarator) else {
            return Ok(());
        };
        let Some(list) = fn_declarator.params() else {
            return Ok(());
        };
        let params: Vec<_> = list.params().collect();
        self.declare_params(&params)?;
        let int = self.types.int(super::ty::IntKind::Int);
        for name in list.identifiers() {
            self.declare_ordinary(
                start_of(name.syntax()),
                Ordinary::Object {
                    ty: int,
                    align: None,
                    constant: None,
                },
            );
        }
        for d in f.kr_declarations() {
            self.check_declaration(&d);
        }
        Ok(())
    }

    /// The type of statement expression `s`: its statements walked in a scope of their own,
    /// the value that of its last expression statement (`void` when there is none).
    pub(super) fn stmt_expr_type(&mut self, s: &StmtExpr) -> TypeResult<Typed> {
        let body = s
            .body()
            .ok_or_else(|| TypeError::at("statement expression without body", s.syntax()))?;
        let items: Vec<BlockItem> = body.items().collect();
        let (last, rest) = match items.split_last() {
            Some((BlockItem::Stmt(Stmt::Expr(last)), rest)) => (last.expr(), rest),
            _ => (None, &items[..]),
        };
        for item in rest {
            self.check_block_item(item);
        }
        match last {
            Some(e) => {
                self.check_expr(&e);
                self.value_type(&e).map(Typed::rvalue)
            }
            None => Ok(Typed::rvalue(self.types.void())),
        }
    }

    fn check_block_item(&mut self, item: &BlockItem) {
        match item {
            BlockItem::Stmt(s) => self.check_stmt(s),
            BlockItem::Declaration(d) => self.check_declaration(d),
            BlockItem::FunctionDef(f) => self.check_nested_function(f),
            BlockItem::StaticAssert(assert) => self.check_static_assert(assert),
            BlockItem::LabelDecl(_) | BlockItem::Pragma(_) => {}
        }
    }

    fn check_block(&mut self, block: &CompoundStmt) {
        for item in block.items() {
            self.check_block_item(&item);
        }
    }

    /// A GNU nested function: declared in the enclosing block, its body walked.
    fn check_nested_function(&mut self, f: &FunctionDef) {
        match self.function_definition(f) {
            Ok(entity) => {
                let ty = entity.ty;
                self.declare_local(&entity);
                self.check_function_body(f, ty);
            }
            Err(e) => self.report(e.or_at(f.syntax())),
        }
    }

    fn check_stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Compound(c) => self.check_block(c),
            Stmt::Labeled(l) => {
                if let Some(body) = l.body() {
                    self.check_block_item(&body);
                }
            }
            Stmt::Case(c) => {
                for e in c.value().into_iter().chain(c.range_end()) {
                    self.check_expr(&e);
                }
                if let Some(body) = c.body() {
                    self.check_block_item(&body);
                }
            }
            Stmt::Default(d) => {
                if let Some(body) = d.body() {
                    self.check_block_item(&body);
                }
            }
            Stmt::Expr(e) => self.check_opt_expr(e.expr()),
            Stmt::If(i) => {
                self.check_opt_expr(i.condition());
                self.check_opt_stmt(i.then_branch());
                self.check_opt_stmt(i.else_branch());
                self.check_guarded_error_call(i);
            }
            Stmt::Switch(w) => {
                self.check_opt_expr(w.condition());
                self.check_opt_stmt(w.body());
            }
            Stmt::While(w) => {
                self.check_opt_expr(w.condition());
                self.check_opt_stmt(w.body());
            }
            Stmt::Do(d) => {
                self.check_opt_stmt(d.body());
                self.check_opt_expr(d.condition());
            }
            Stmt::For(f) => {
                if let Some(d) = f.init_declaration() {
                    self.check_declaration(&d);
                }
                self.check_opt_expr(f.init_expr());
                self.check_opt_expr(f.condition());
                self.check_opt_expr(f.step());
                self.check_opt_stmt(f.body());
            }
            Stmt::Goto(g) => {
                if let Some(target) = g.target() {
                    self.check_expr(&target);
                    self.check_goto_target(&target);
                }
            }
            Stmt::Return(r) => {
                if let Some(e) = r.expr() {
                    self.check_expr(&e);
                }
                self.check_return(r);
            }
            Stmt::Asm(asm) => {
                for e in asm.syntax().children().filter_map(Expr::cast) {
                    self.check_expr(&e);
                }
            }
            Stmt::Attribute(a) => self.check_opt_stmt(a.statement()),
            Stmt::Empty(_) | Stmt::Continue(_) | Stmt::Break(_) => {}
        }
    }

    fn check_opt_expr(&mut self, e: Option<Expr>) {
        if let Some(e) = e {
            self.check_expr(&e);
        }
    }

    fn check_opt_stmt(&mut self, s: Option<Stmt>) {
        if let Some(s) = s {
            self.check_stmt(&s);
        }
    }

    /// `if (c) f();` where `f` is declared with `__attribute__((error))`: gcc fails when the
    /// call survives, so `c` must be false; the kernel's `BUILD_BUG_ON` and
    /// `compiletime_assert` are made so. `c` is evaluated as a constant: true is an error (an
    /// assertion klp-ccp finds false that gcc found true), and one that is no constant
    /// expression (gcc's optimizer may still fold it) is counted as undecided.
    fn check_guarded_error_call(&mut self, i: &IfStmt) {
        let Some(Stmt::Expr(then)) = i.then_branch() else {
            return;
        };
        let Some(Expr::Call(call)) = then.expr() else {
            return;
        };
        let Some(Expr::Ident(callee)) = call.callee() else {
            return;
        };
        let Some(name) = callee.ident_token() else {
            return;
        };
        let name = self.name(name.text());
        if !self.error_functions.contains(&name) {
            return;
        }
        let Some(condition) = i.condition() else {
            return;
        };
        match self.eval_int(&condition) {
            Ok(value) if value.is_zero() => self.assertions.held += 1,
            // `BUILD_BUG()`: a condition of literals only asserts nothing about the code, it
            // marks code gcc must find unreachable.
            Ok(_) if is_literal_only(&condition) => self.assertions.unreachable += 1,
            Ok(_) => self.report(TypeError::at(
                "a call to a function declared with `error` is reached",
                i.syntax(),
            )),
            Err(_) => self.assertions.undecided += 1,
        }
    }

    /// Notes the functions a declaration declares with `__attribute__((error))`.
    fn note_error_functions(&mut self, d: &Declaration) {
        let is_error = |spec: AttributeSpec| {
            spec.attributes()
                .any(|a| attribute_name(&a).as_deref() == Some("error"))
        };
        let in_specs = d.specs().is_some_and(|s| s.attributes().any(is_error));
        for init in d.init_declarators() {
            if !in_specs && !init.attributes().any(is_error) {
                continue;
            }
            if let Some(name) = init.declarator().and_then(|d| d.name()) {
                let id = self.name(&name.text());
                self.error_functions.insert(id);
            }
        }
    }

    /// A declaration in a block: its entities declared, their initializers checked.
    pub(super) fn check_declaration(&mut self, d: &Declaration) {
        self.note_error_functions(d);
        let entities = match self.declaration(d) {
            Ok(entities) => entities,
            Err(e) => {
                self.report(e.or_at(d.syntax()));
                return;
            }
        };
        for entity in &entities {
            self.declare_local(entity);
            if let Some(init) = &entity.initializer {
                self.check_initializer(entity.ty, init);
            }
        }
    }

    fn declare_local(&mut self, entity: &Declared) {
        let what = match entity.storage {
            Storage::Typedef => Ordinary::Typedef(entity.ty),
            _ if self.types.fn_type(entity.ty).is_some() => Ordinary::Function(entity.ty),
            _ => Ordinary::Object {
                ty: entity.ty,
                align: entity.align,
                constant: entity.constant,
            },
        };
        self.declare_ordinary(entity.at, what);
    }
}

/// Whether an expression is made of integer constants and operators only.
fn is_literal_only(e: &Expr) -> bool {
    e.syntax()
        .descendants_with_tokens()
        .filter_map(|element| element.into_token())
        .all(|t| {
            let kind = t.kind();
            kind.is_trivia() || kind == SyntaxKind::NUMBER || kind.is_punct()
        })
}
