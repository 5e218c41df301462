//! Checks of implicit conversions as if by assignment (6.5.16.1): simple assignments,
//! initializers, arguments of calls to prototyped functions, and `return`, each reported at
//! the converted expression. What klp-ccp reports of them: an integer where a pointer is
//! wanted or the reverse, pointers to types that differ, and qualifiers lost; conversions
//! gcc rejects outright (a struct to an integer) are left to gcc.

use syntax::ast::{AstNode, BinExpr, BinOp, CallExpr, Expr, ReturnStmt};
use syntax::syntax_kind::SyntaxNode;

use crate::types::cx::TypeCx;
use crate::types::ty::{FnType, IntKind, TypeId, TypeKind};

/// What is wrong with a conversion as if by assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mismatch {
    PointerFromInteger,
    IntegerFromPointer,
    BitFieldFromPointer,
    IncompatiblePointers,
    IntegerPointeeWidths,
    IntegerPointeeTypes,
    QualifiersLost,
}

impl Mismatch {
    fn message(self) -> &'static str {
        match self {
            Mismatch::PointerFromInteger => "assignment to pointer from integer which is not NULL",
            Mismatch::IntegerFromPointer => "assignment to integer from pointer",
            Mismatch::BitFieldFromPointer => "assignment from pointer to non-boolean bitfield type",
            Mismatch::IncompatiblePointers => "incompatible pointer types in assignment",
            Mismatch::IntegerPointeeWidths => {
                "assigning pointers to integer types of different width"
            }
            Mismatch::IntegerPointeeTypes => "pointers to different integer types in assignment",
            Mismatch::QualifiersLost => {
                "assignment's source qualifiers are not a subset of target ones"
            }
        }
    }
}

/// What a value is converted to: a type, and whether it is stored in a bit-field.
#[derive(Debug, Clone, Copy)]
struct Target {
    ty: TypeId,
    bit_field: bool,
}

impl TypeCx<'_> {
    /// Checks operation `e` (an assignment, a call) for its conversions.
    pub(super) fn check_conversion(&mut self, e: &Expr) {
        match e {
            Expr::Bin(bin) if bin.op() == Some(BinOp::Assign) => self.check_simple_assignment(bin),
            Expr::Call(call) => self.check_call(call),
            _ => {}
        }
    }

    /// Checks a `return` statement against the function's return type (`self.return_type`).
    pub(in crate::types) fn check_return(&mut self, r: &ReturnStmt) {
        let Some(ret) = self.return_type else {
            return;
        };
        let returns_void = self.types.is_void(ret);
        let Some(e) = r.expr() else {
            if !returns_void {
                self.warn(
                    r.syntax(),
                    "return without value in function returning non-void",
                );
            }
            return;
        };
        if !returns_void {
            self.check_assignment(ret, &e, e.syntax());
        } else if self.value_type(&e).is_ok_and(|ty| !self.types.is_void(ty)) {
            // `return f ();` of a `void` function `f` is fine: a value of type `void` is none.
            self.warn(r.syntax(), "return with value in function returning void");
        }
    }

    /// Checks the conversion of `source` to `target` as if by assignment, reporting at `at`.
    pub fn check_assignment(&mut self, target: TypeId, source: &Expr, at: &SyntaxNode) {
        let target = Target {
            ty: target,
            bit_field: false,
        };
        self.check_converted(target, source, at);
    }

    fn check_simple_assignment(&mut self, bin: &BinExpr) {
        let (Some(lhs), Some(rhs)) = (bin.lhs(), bin.rhs()) else {
            return;
        };
        let Ok(typed) = self.type_of(&lhs) else {
            return;
        };
        let target = Target {
            ty: typed.ty,
            bit_field: typed.bit_width.is_some(),
        };
        self.check_converted(target, &rhs, rhs.syntax());
    }

    /// Checks the arguments of a call to a function with a prototype: their number, and each
    /// one's conversion to its parameter's type (those matching `...` have none).
    fn check_call(&mut self, call: &CallExpr) {
        let Some(callee) = call.callee().and_then(|c| self.callee_type(&c)) else {
            return;
        };
        let args: Vec<Expr> = call.args().collect();
        let count_agrees = match callee.defined_arity {
            // Without a prototype, only a definition's identifier list says how many.
            Some(arity) if !callee.prototype => args.len() == arity as usize,
            _ if !callee.prototype => return,
            _ if callee.variadic => args.len() >= callee.params.len(),
            _ => args.len() == callee.params.len(),
        };
        let params = callee.params;
        if !count_agrees {
            self.warn(
                call.syntax(),
                "wrong number of arguments to function invocation",
            );
            return;
        }
        for (&param, arg) in params.iter().zip(&args) {
            self.check_assignment(param, arg, arg.syntax());
        }
    }

    /// The type of the function a call of `callee` calls; `None` for a GNU builtin (klp-ccp
    /// never checked their arguments).
    fn callee_type(&mut self, callee: &Expr) -> Option<FnType> {
        if self.builtin_callee(callee).is_some() {
            return None;
        }
        let ty = self.value_type(callee).ok()?;
        let f = self.types.pointee(ty).and_then(|f| self.types.fn_type(f))?;
        Some(f.clone())
    }

    fn check_converted(&mut self, target: Target, source: &Expr, at: &SyntaxNode) {
        // A builtin has no type a value could be converted from: it can only be called.
        if self.builtin_callee(&strip_parens(source)).is_some() {
            self.error(at, "invalid type for assignment target");
            return;
        }
        let Some(source_ty) = self.converted_type(source) else {
            return;
        };
        if let Some(mismatch) = self.assignment_mismatch(target, source_ty, source) {
            self.warn(at, mismatch.message());
        }
    }

    /// The type of the value `source` converts from. A call of an undeclared function has
    /// the `int` of C90's implicit declaration `extern int f ();`, which typing does not make.
    fn converted_type(&mut self, source: &Expr) -> Option<TypeId> {
        if let Ok(ty) = self.value_type(source) {
            return Some(ty);
        }
        let Expr::Call(call) = strip_parens(source) else {
            return None;
        };
        let implicit = self.names_undeclared_function(&call.callee()?);
        implicit.then(|| self.types.int(IntKind::Int))
    }

    /// Whether `callee` is an identifier that names neither a declared entity nor a builtin.
    fn names_undeclared_function(&mut self, callee: &Expr) -> bool {
        let Expr::Ident(ident) = callee else {
            return false;
        };
        let (_, denotes) = self.lookup_ordinary(ident.syntax(), ident.ident_token());
        denotes.is_none() && self.builtin_callee(callee).is_none()
    }

    /// What is wrong with converting `source`, of value type `from`, to `target`.
    fn assignment_mismatch(
        &mut self,
        target: Target,
        from: TypeId,
        source: &Expr,
    ) -> Option<Mismatch> {
        let to = target.ty;
        match (self.types.pointee(to), self.types.pointee(from)) {
            (Some(to), Some(from)) => self.pointer_mismatch(to, from),
            (Some(_), None) if self.types.is_integer(from) => {
                let null = self.is_null_pointer_constant(source);
                (!null).then_some(Mismatch::PointerFromInteger)
            }
            // Any pointer converts to `_Bool` (6.3.1.2).
            (None, Some(_)) if self.is_non_bool_integer(to) => Some(if target.bit_field {
                Mismatch::BitFieldFromPointer
            } else {
                Mismatch::IntegerFromPointer
            }),
            _ => None,
        }
    }

    fn is_non_bool_integer(&self, ty: TypeId) -> bool {
        self.types.is_integer(ty) && !matches!(self.types.kind(ty), TypeKind::Int(IntKind::Bool))
    }

    /// What is wrong with converting a pointer to `from` to a pointer to `to`: a `void *`
    /// converts to and from any pointer, others need compatible types; either way the
    /// qualifiers of `from` must be kept.
    fn pointer_mismatch(&mut self, to: TypeId, from: TypeId) -> Option<Mismatch> {
        let void = self.types.is_void(to) || self.types.is_void(from);
        if !void && !self.pointees_compatible(to, from) {
            return Some(self.different_pointees(to, from));
        }
        // Qualifiers of functions are promises about them, not about objects.
        let functions = self.types.fn_type(to).is_some() || self.types.fn_type(from).is_some();
        let kept = self.pointee_quals(to).contains(self.pointee_quals(from));
        (!functions && !kept).then_some(Mismatch::QualifiersLost)
    }

    /// How incompatible pointed-to types differ: integer types of other widths, integer types
    /// of one width (another signedness, `long` and `long long`), or anything else.
    fn different_pointees(&self, to: TypeId, from: TypeId) -> Mismatch {
        match (self.types.int_kind(to), self.types.int_kind(from)) {
            (Some(a), Some(b)) if a.size() != b.size() => Mismatch::IntegerPointeeWidths,
            (Some(_), Some(_)) => Mismatch::IntegerPointeeTypes,
            _ => Mismatch::IncompatiblePointers,
        }
    }
}

/// `e` without the parentheses around it.
fn strip_parens(e: &Expr) -> Expr {
    let mut e = e.clone();
    while let Expr::Paren(p) = &e {
        match p.expr() {
            Some(inner) => e = inner,
            None => break,
        }
    }
    e
}
