//! The types of expressions, as far as constant expressions, `typeof`, `sizeof` and
//! `__auto_type` outside function bodies need them: constants, identifiers of file-scope
//! entities, member access, address-of and indirection, casts, arithmetic with the usual
//! conversions and pointer arithmetic, conditionals (with null pointer constants), calls,
//! `_Generic` and the GNU builtins. Statement expressions are left to whoever types bodies.

use syntax::ast::{
    AstNode, BinExpr, BinOp, CallExpr, CondExpr, Expr, GenericSelection, IdentExpr, IndexExpr,
    Literal, LiteralKind, MemberExpr, PrefixExpr, PrefixOp, TypeName,
};

use super::arena::Types;
use super::cx::TypeCx;
use super::env::Ordinary;
use super::error::{TypeError, TypeResult};
use super::literal::{self, Encoding, Number};
use super::record::RecordId;
use super::ty::{ArrayLen, IntKind, Quals, TypeId, TypeKind};
use super::value::ConstValue;

/// An expression's type, with what `sizeof`, `typeof`, `&` and `__alignof__` need besides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Typed {
    pub ty: TypeId,
    pub lvalue: bool,
    /// The width of a bit-field member.
    pub bit_width: Option<u32>,
    /// The alignment of the declared object or member the expression designates, in bytes
    /// (what gcc's `__alignof__ (e)` answers).
    pub align: Option<u32>,
}

impl Typed {
    pub(super) fn rvalue(ty: TypeId) -> Typed {
        Typed {
            ty,
            lvalue: false,
            bit_width: None,
            align: None,
        }
    }

    fn lvalue(ty: TypeId) -> Typed {
        Typed {
            ty,
            lvalue: true,
            bit_width: None,
            align: None,
        }
    }
}

/// A member found by name, through anonymous members.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FoundMember {
    pub ty: TypeId,
    /// `None` when the record has no layout.
    pub offset_bits: Option<u64>,
    pub bit_width: Option<u32>,
    pub align_bits: Option<u64>,
}

impl Types {
    /// Member `name` of a record, searched through anonymous structs and unions.
    pub(super) fn find_member(&self, record: RecordId, name: &str) -> Option<FoundMember> {
        let def = self.record(record)?.def.as_ref()?;
        for (i, member) in def.members.iter().enumerate() {
            let field = def.layout.as_ref().ok().and_then(|l| l.fields.get(i));
            let offset = field.map(|f| f.offset_bits);
            match member.name {
                Some(id) if self.name_text(id) == name => {
                    return Some(FoundMember {
                        ty: member.ty,
                        offset_bits: offset,
                        bit_width: member.bit_width,
                        align_bits: field.map(|f| f.align_bits),
                    });
                }
                None if member.bit_width.is_none() => {
                    let inner = self.record_of(member.ty)?;
                    if let Some(mut found) = self.find_member(inner, name) {
                        found.offset_bits = found.offset_bits.zip(offset).map(|(a, b)| a + b);
                        return Some(found);
                    }
                }
                _ => {}
            }
        }
        None
    }
}

fn missing(what: &str, node: &syntax::syntax_kind::SyntaxNode) -> TypeError {
    TypeError::at(format!("{what} is missing"), node)
}

impl TypeCx<'_> {
    pub fn type_of(&mut self, e: &Expr) -> TypeResult<Typed> {
        self.memoized(e.syntax(), |cx| &mut cx.typed, |cx| cx.type_of_inner(e))
    }

    /// The type of the expression's value: lvalue conversion and decay. A bit-field narrower
    /// than `int` has gcc's type of its width, which promotes to `int`: `int` it is here.
    pub fn value_type(&mut self, e: &Expr) -> TypeResult<TypeId> {
        let typed = self.type_of(e)?;
        if typed.bit_width.is_some_and(|w| w < IntKind::Int.bits()) {
            return Ok(self.types.int(IntKind::Int));
        }
        Ok(self.types.decay(typed.ty))
    }

    fn type_of_inner(&mut self, e: &Expr) -> TypeResult<Typed> {
        let node = e.syntax();
        match e {
            Expr::Ident(ident) => self.ident_type(ident),
            Expr::Literal(lit) => self.literal_type(lit),
            Expr::Paren(p) => self.type_of(&p.expr().ok_or_else(|| missing("expression", node))?),
            Expr::Call(call) => self.call_type(call),
            Expr::Index(index) => self.index_type(index),
            Expr::Member(member) => self.member_type(member),
            Expr::Postfix(p) => {
                let operand = p.operand().ok_or_else(|| missing("operand", node))?;
                Ok(Typed::rvalue(self.value_type(&operand)?))
            }
            Expr::Prefix(p) => self.prefix_type(p),
            Expr::Sizeof(s) => {
                // The type is made, for what making it finds (a bit-field's width).
                if let Some(tn) = s.type_name() {
                    self.lower_type_name(&tn)?;
                }
                Ok(Typed::rvalue(self.types.size_t()))
            }
            Expr::Alignof(_) | Expr::Offsetof(_) => Ok(Typed::rvalue(self.types.size_t())),
            Expr::Cast(cast) => {
                let ty = self.required_type_name(cast.type_name(), node)?;
                Ok(Typed::rvalue(self.types.unqualified(ty)))
            }
            Expr::CompoundLiteral(lit) => {
                let ty = self.required_type_name(lit.type_name(), node)?;
                let ty = match lit.init_list() {
                    Some(list) => self.complete_from_list(ty, &list)?,
                    None => ty,
                };
                Ok(Typed::lvalue(ty))
            }
            Expr::Bin(bin) => self.binary_type(bin).map(Typed::rvalue),
            Expr::Cond(cond) => self.cond_type(cond).map(Typed::rvalue),
            Expr::LabelAddr(_) => {
                let void = self.types.void();
                Ok(Typed::rvalue(self.types.pointer(void)))
            }
            Expr::Generic(g) => {
                let chosen = self.generic_choice(g)?;
                self.type_of(&chosen)
            }
            Expr::VaArg(v) => Ok(Typed::rvalue(self.required_type_name(v.type_name(), node)?)),
            Expr::ConvertVector(v) => {
                Ok(Typed::rvalue(self.required_type_name(v.type_name(), node)?))
            }
            Expr::TypesCompatible(_) | Expr::HasAttribute(_) => {
                Ok(Typed::rvalue(self.types.int(IntKind::Int)))
            }
            Expr::Choose(choose) => {
                let condition = choose
                    .condition()
                    .ok_or_else(|| missing("condition", node))?;
                let chosen = if self.eval_int(&condition)?.is_zero() {
                    choose.second()
                } else {
                    choose.first()
                };
                self.type_of(&chosen.ok_or_else(|| missing("operand", node))?)
            }
            Expr::StmtExpr(s) => self.stmt_expr_type(s),
        }
    }

    pub(super) fn required_type_name(
        &mut self,
        tn: Option<TypeName>,
        node: &syntax::syntax_kind::SyntaxNode,
    ) -> TypeResult<TypeId> {
        let tn = tn.ok_or_else(|| missing("type name", node))?;
        self.lower_type_name(&tn)
    }

    fn ident_type(&mut self, ident: &IdentExpr) -> TypeResult<Typed> {
        let (text, ordinary) = self.lookup_ordinary(ident.syntax(), ident.ident_token());
        match ordinary {
            Some(Ordinary::Object { ty, align, .. }) => {
                // A declaration's `aligned` only raises its type's alignment.
                let align = align.map(|a| a.max(self.types.align_of(ty).unwrap_or(1)));
                Ok(Typed {
                    ty,
                    lvalue: true,
                    bit_width: None,
                    align,
                })
            }
            Some(Ordinary::Function(ty)) => Ok(Typed::rvalue(ty)),
            Some(Ordinary::Enumerator(c)) => Ok(Typed::rvalue(c.ty)),
            Some(Ordinary::Typedef(_)) => Err(TypeError::new(format!(
                "typedef name `{text}` used as an expression"
            ))),
            None => match self.builtin_function_type(&text) {
                Some(ty) => Ok(Typed::rvalue(ty)),
                None => Err(TypeError::new(format!("`{text}` undeclared"))),
            },
        }
    }

    fn literal_type(&mut self, lit: &Literal) -> TypeResult<Typed> {
        let token = lit
            .token()
            .ok_or_else(|| missing("constant", lit.syntax()))?;
        match lit.kind() {
            Some(LiteralKind::Number) => {
                let dialect = literal::Dialect::of(self.types.target());
                let ty = match literal::number(token.text(), dialect)? {
                    Number::Int(kind, _) => self.types.int(kind),
                    Number::Float(kind, _) => self.types.float(kind),
                    Number::ImaginaryInt(kind) => {
                        let elem = self.types.int(kind);
                        self.types.mk(TypeKind::Complex(elem))
                    }
                    Number::Imaginary(kind) => {
                        let elem = self.types.float(kind);
                        self.types.mk(TypeKind::Complex(elem))
                    }
                };
                Ok(Typed::rvalue(ty))
            }
            Some(LiteralKind::Char) => {
                let (encoding, _) = literal::split_quoted(token.text())
                    .ok_or_else(|| TypeError::new("malformed character constant"))?;
                let kind = self.char_constant_kind(encoding);
                Ok(Typed::rvalue(self.types.int(kind)))
            }
            Some(LiteralKind::String) => self.string_type(lit).map(Typed::lvalue),
            Some(LiteralKind::Bool(_)) => Ok(Typed::rvalue(self.types.int(IntKind::Bool))),
            Some(LiteralKind::Nullptr) => Ok(Typed::rvalue(self.types.nullptr_type())),
            None => Err(missing("constant", lit.syntax())),
        }
    }

    /// The type of a character constant of `encoding`.
    pub(super) fn char_constant_kind(&self, encoding: Encoding) -> IntKind {
        match encoding {
            Encoding::Plain => IntKind::Int,
            Encoding::Wide => self.types.wchar_kind(),
            Encoding::Utf8 => IntKind::UChar,
            Encoding::Utf16 => IntKind::UShort,
            Encoding::Utf32 => IntKind::UInt,
        }
    }

    /// `char[N]` (or the wide element type) of adjacent string literals, the terminator
    /// counted.
    fn string_type(&mut self, lit: &Literal) -> TypeResult<TypeId> {
        let mut encoding = Encoding::Plain;
        let mut bodies = Vec::new();
        for token in lit.tokens() {
            let (piece_encoding, body) = literal::split_quoted(token.text())
                .ok_or_else(|| TypeError::new("malformed string literal"))?;
            if piece_encoding != Encoding::Plain {
                encoding = piece_encoding;
            }
            bodies.push(body.to_owned());
        }
        let mut len = 1u64;
        for body in &bodies {
            len += literal::code_units(body, encoding)?.len() as u64;
        }
        let elem = match encoding {
            Encoding::Plain | Encoding::Utf8 => IntKind::Char,
            other => self.char_constant_kind(other),
        };
        let elem = self.types.int(elem);
        Ok(self.types.array(elem, ArrayLen::Known(len)))
    }

    fn call_type(&mut self, call: &CallExpr) -> TypeResult<Typed> {
        let node = call.syntax();
        let callee = call.callee().ok_or_else(|| missing("callee", node))?;
        if let Some(name) = self.builtin_callee(&callee) {
            let args: Vec<Expr> = call.args().collect();
            return self.builtin_call_type(&name, &args).map(Typed::rvalue);
        }
        let callee_ty = self.value_type(&callee)?;
        let fn_ty = self
            .types
            .pointee(callee_ty)
            .and_then(|f| self.types.fn_type(f))
            .map(|f| f.ret)
            .ok_or_else(|| TypeError::at("called object is not a function", node))?;
        Ok(Typed::rvalue(fn_ty))
    }

    /// The name of a GNU builtin the callee names (when no declaration hides it).
    pub(super) fn builtin_callee(&mut self, callee: &Expr) -> Option<String> {
        let Expr::Ident(ident) = callee else {
            return None;
        };
        let text = ident.ident_token()?.text().to_owned();
        if !text.starts_with("__builtin_") {
            return None;
        }
        let (_, denotes) = self.lookup_ordinary(ident.syntax(), ident.ident_token());
        denotes.is_none().then_some(text)
    }

    fn index_type(&mut self, index: &IndexExpr) -> TypeResult<Typed> {
        let node = index.syntax();
        let base = index.base().ok_or_else(|| missing("array", node))?;
        let subscript = index.index().ok_or_else(|| missing("subscript", node))?;
        let (a, b) = (self.value_type(&base)?, self.value_type(&subscript)?);
        let elem = self
            .types
            .pointee(a)
            .or_else(|| self.types.pointee(b))
            .ok_or_else(|| TypeError::at("subscripted value is neither array nor pointer", node))?;
        Ok(Typed::lvalue(elem))
    }

    fn member_type(&mut self, member: &MemberExpr) -> TypeResult<Typed> {
        let node = member.syntax();
        let base = member.base().ok_or_else(|| missing("operand", node))?;
        let name = member.member().map(|n| n.text()).unwrap_or_default();
        let (record_ty, lvalue) = if member.is_arrow() {
            let ptr = self.value_type(&base)?;
            let to = self
                .types
                .pointee(ptr)
                .ok_or_else(|| TypeError::at("invalid type argument of `->`", node))?;
            (to, true)
        } else {
            let typed = self.type_of(&base)?;
            (typed.ty, typed.lvalue)
        };
        let found = self
            .types
            .record_of(record_ty)
            .and_then(|rid| self.types.find_member(rid, &name))
            .ok_or_else(|| {
                TypeError::at(
                    format!(
                        "`{}` has no member named `{name}`",
                        self.types.display(record_ty)
                    ),
                    node,
                )
            })?;
        let quals = self.types.quals(record_ty);
        Ok(Typed {
            ty: self.types.qualified(found.ty, quals),
            lvalue,
            bit_width: found.bit_width,
            align: found.align_bits.map(|a| (a / 8).max(1) as u32),
        })
    }

    fn prefix_type(&mut self, p: &PrefixExpr) -> TypeResult<Typed> {
        let node = p.syntax();
        let operand = p.operand().ok_or_else(|| missing("operand", node))?;
        let op = p.op().ok_or_else(|| missing("operator", node))?;
        match op {
            PrefixOp::Inc | PrefixOp::Dec => Ok(Typed::rvalue(self.value_type(&operand)?)),
            PrefixOp::AddrOf => {
                let typed = self.type_of(&operand)?;
                if typed.bit_width.is_some() {
                    return Err(TypeError::at(
                        "cannot take the address of a bit-field",
                        node,
                    ));
                }
                let function = matches!(self.types.kind(typed.ty), TypeKind::Function(_));
                if !typed.lvalue && !function {
                    return Err(TypeError::at("lvalue required as unary `&` operand", node));
                }
                Ok(Typed::rvalue(self.types.pointer(typed.ty)))
            }
            PrefixOp::Deref => {
                let ptr = self.value_type(&operand)?;
                let to = self
                    .types
                    .pointee(ptr)
                    .ok_or_else(|| TypeError::at("invalid type argument of unary `*`", node))?;
                Ok(Typed::lvalue(to))
            }
            PrefixOp::Plus | PrefixOp::Neg | PrefixOp::BitNot => {
                let ty = self.value_type(&operand)?;
                Ok(Typed::rvalue(self.types.promote(ty)))
            }
            PrefixOp::Not => Ok(Typed::rvalue(self.types.int(IntKind::Int))),
            PrefixOp::Extension => self.type_of(&operand),
            PrefixOp::Real | PrefixOp::Imag => {
                let typed = self.type_of(&operand)?;
                let ty = self.types.real_part(typed.ty);
                Ok(Typed { ty, ..typed })
            }
        }
    }

    fn binary_type(&mut self, bin: &BinExpr) -> TypeResult<TypeId> {
        let node = bin.syntax();
        let op = bin.op().ok_or_else(|| missing("operator", node))?;
        let lhs = bin.lhs().ok_or_else(|| missing("operand", node))?;
        let rhs = bin.rhs().ok_or_else(|| missing("operand", node))?;
        let (a, b) = (self.value_type(&lhs)?, self.value_type(&rhs)?);
        self.binary_result(op, a, b).map_err(|e| e.or_at(node))
    }

    /// The type of `a op b` for operand value types `a` and `b`.
    pub(super) fn binary_result(&mut self, op: BinOp, a: TypeId, b: TypeId) -> TypeResult<TypeId> {
        let (pa, pb) = (self.types.is_pointer(a), self.types.is_pointer(b));
        match op {
            BinOp::Add if pa => Ok(a),
            BinOp::Add if pb => Ok(b),
            BinOp::Sub if pa && pb => Ok(self.types.ptrdiff_t()),
            BinOp::Sub if pa => Ok(a),
            BinOp::Mul
            | BinOp::Div
            | BinOp::Rem
            | BinOp::Add
            | BinOp::Sub
            | BinOp::BitAnd
            | BinOp::BitXor
            | BinOp::BitOr => self.types.usual_arithmetic(a, b),
            BinOp::Shl | BinOp::Shr => Ok(self.types.promote(a)),
            BinOp::Lt
            | BinOp::Gt
            | BinOp::Le
            | BinOp::Ge
            | BinOp::Eq
            | BinOp::Ne
            | BinOp::And
            | BinOp::Or => Ok(self.types.int(IntKind::Int)),
            BinOp::Comma => Ok(b),
            _ => Ok(self.types.unqualified(a)),
        }
    }

    fn cond_type(&mut self, cond: &CondExpr) -> TypeResult<TypeId> {
        let node = cond.syntax();
        let condition = cond.condition().ok_or_else(|| missing("condition", node))?;
        let then_expr = cond.then_expr().unwrap_or_else(|| condition.clone());
        let else_expr = cond.else_expr().ok_or_else(|| missing("operand", node))?;
        let (a, b) = (self.value_type(&then_expr)?, self.value_type(&else_expr)?);
        if self.types.is_arithmetic(a) && self.types.is_arithmetic(b) {
            return self.types.usual_arithmetic(a, b);
        }
        if self.types.is_void(a) || self.types.is_void(b) {
            return Ok(self.types.void());
        }
        match (self.types.pointee(a), self.types.pointee(b)) {
            (Some(_), Some(_)) => Ok(self.pointer_pair(a, b, &then_expr, &else_expr)),
            (Some(_), None) => Ok(a),
            (None, Some(_)) => Ok(b),
            (None, None) if self.types.compatible(a, b) => Ok(a),
            _ => Err(TypeError::at(
                "type mismatch in conditional expression",
                node,
            )),
        }
    }

    /// The type of `c ? a : b` with two pointer operands (6.5.15p6): a null pointer constant
    /// takes the other's type, `void *` wins over other object pointers, else the composite
    /// type; the qualifiers of both pointed-to types are merged.
    fn pointer_pair(&mut self, a: TypeId, b: TypeId, then_expr: &Expr, else_expr: &Expr) -> TypeId {
        if self.is_null_pointer_constant(then_expr) {
            return b;
        }
        if self.is_null_pointer_constant(else_expr) {
            return a;
        }
        let (ta, tb) = (
            self.types.pointee(a).unwrap_or(a),
            self.types.pointee(b).unwrap_or(b),
        );
        let quals = self.types.quals(ta).union(self.types.quals(tb));
        let to = if self.types.is_void(ta) || self.types.is_void(tb) {
            self.types.void()
        } else {
            self.types.composite(ta, tb)
        };
        let to = self.types.unqualified(to);
        let to = self.types.qualified(to, quals);
        self.types.pointer(to)
    }

    /// An integer constant expression of value 0, or one cast to `void *` (6.3.2.3p3).
    pub(super) fn is_null_pointer_constant(&mut self, e: &Expr) -> bool {
        if !self.floats_only_as_integer_cast_operands(e) {
            return false;
        }
        let Ok(value) = self.eval(e) else {
            return false;
        };
        let void_pointer = self
            .types
            .pointee(value.ty)
            .is_some_and(|to| self.types.is_void(to) && self.types.quals(to) == Quals::NONE);
        let integer = self.types.is_integer(value.ty);
        (integer || void_pointer)
            && value.value.is_zero()
            && !matches!(value.value, ConstValue::Float(_))
    }

    /// Whether the floating constants of `e` are all operands of casts to integer types (or
    /// inside `sizeof`), as in an integer constant expression (6.6p6): `(int) 0.0` is one,
    /// `(int) +0.0` and `(int) (double) 0.0` are not.
    fn floats_only_as_integer_cast_operands(&mut self, e: &Expr) -> bool {
        use syntax::syntax_kind::SyntaxKind::{
            ALIGNOF_EXPR, CAST_EXPR, NUMBER, PAREN_EXPR, SIZEOF_EXPR,
        };
        let floats: Vec<_> = e
            .syntax()
            .descendants_with_tokens()
            .filter_map(|element| element.into_token())
            .filter(|t| t.kind() == NUMBER && literal::is_floating(t.text()))
            .collect();
        floats.iter().all(|token| {
            if token
                .parent_ancestors()
                .any(|n| matches!(n.kind(), SIZEOF_EXPR | ALIGNOF_EXPR))
            {
                return true;
            }
            let operand_of = token
                .parent_ancestors()
                .skip(1)
                .find(|n| n.kind() != PAREN_EXPR);
            let cast = operand_of
                .filter(|n| n.kind() == CAST_EXPR)
                .and_then(Expr::cast);
            cast.and_then(|cast| self.type_of(&cast).ok())
                .is_some_and(|typed| self.types.is_integer(typed.ty))
        })
    }

    /// The association `_Generic` selects.
    pub(super) fn generic_choice(&mut self, g: &GenericSelection) -> TypeResult<Expr> {
        let node = g.syntax();
        let controlling = g
            .controlling_expr()
            .ok_or_else(|| missing("controlling expression", node))?;
        let ty = self.value_type(&controlling)?;
        let mut default = None;
        for assoc in g.assocs() {
            if assoc.is_default() {
                default = assoc.expr();
                continue;
            }
            let Some(tn) = assoc.type_name() else {
                continue;
            };
            let candidate = self.lower_type_name(&tn)?;
            if self.types.compatible(ty, candidate) {
                return assoc.expr().ok_or_else(|| missing("expression", node));
            }
        }
        default.ok_or_else(|| {
            TypeError::at(
                format!(
                    "`_Generic` has no association for `{}`",
                    self.types.display(ty)
                ),
                node,
            )
        })
    }
}
