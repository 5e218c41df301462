//! Constant evaluation in the target's widths: integer constant expressions (array sizes,
//! bit-field widths, enumerators, `aligned`, `_Static_assert`), with the operands gcc folds
//! there: `sizeof`, `_Alignof`, `__builtin_offsetof`, casts (of floating constants too),
//! `?:`, `__builtin_choose_expr`, `__builtin_types_compatible_p`, `__builtin_constant_p` and
//! the bit-counting builtins, and addresses relative to a null pointer (the old `offsetof`).

use syntax::ast::{
    AlignofExpr, AstNode, BinExpr, BinOp, CastExpr, CondExpr, Expr, Literal, LiteralKind,
    OffsetofExpr, OffsetofStep, PrefixExpr, PrefixOp, SizeofExpr,
};

use super::cx::TypeCx;
use super::env::Ordinary;
use super::error::{TypeError, TypeResult};
use super::literal::{self, Number};
use super::ty::{ArrayLen, IntKind, TypeId, TypeKind};
use super::value::{ConstValue, IntOp, IntValue};

/// A constant and its type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Const {
    pub ty: TypeId,
    pub value: ConstValue,
}

impl Eq for Const {}

fn not_constant(node: &syntax::syntax_kind::SyntaxNode) -> TypeError {
    TypeError::at("expression is not constant", node)
}

fn missing(node: &syntax::syntax_kind::SyntaxNode) -> TypeError {
    TypeError::at("operand is missing", node)
}

impl TypeCx<'_> {
    /// Evaluates an integer constant expression.
    pub fn eval_int(&mut self, e: &Expr) -> TypeResult<IntValue> {
        match self.eval(e)? {
            Const {
                value: ConstValue::Int(v),
                ..
            } => Ok(v),
            _ => Err(TypeError::at(
                "expression is not an integer constant",
                e.syntax(),
            )),
        }
    }

    /// Evaluates an integer constant expression written in a declaration (an array size, an
    /// enumerator's value), checked as expressions in bodies are.
    pub(super) fn checked_eval_int(&mut self, e: &Expr) -> TypeResult<IntValue> {
        self.check_expr(e);
        self.eval_int(e)
    }

    /// Evaluates a constant expression.
    pub fn eval(&mut self, e: &Expr) -> TypeResult<Const> {
        self.memoized(e.syntax(), |cx| &mut cx.evaluated, |cx| cx.eval_inner(e))
    }

    fn eval_inner(&mut self, e: &Expr) -> TypeResult<Const> {
        let node = e.syntax();
        match e {
            Expr::Literal(lit) => self.eval_literal(lit),
            Expr::Ident(ident) => {
                let (text, ordinary) = self.lookup_ordinary(ident.syntax(), ident.ident_token());
                match ordinary {
                    Some(Ordinary::Enumerator(c)) => Ok(c),
                    // C23: a `constexpr` object's value is a constant.
                    Some(Ordinary::Object {
                        constant: Some(c), ..
                    }) => Ok(c),
                    Some(_) => Err(not_constant(node)),
                    None => Err(TypeError::at(format!("`{text}` undeclared"), node)),
                }
            }
            Expr::Paren(p) => self.eval(&p.expr().ok_or_else(|| missing(node))?),
            Expr::Cast(cast) => self.eval_cast(cast),
            Expr::Prefix(p) => self.eval_prefix(p),
            Expr::Sizeof(s) => self.eval_sizeof(s),
            Expr::Alignof(a) => self.eval_alignof(a),
            Expr::Offsetof(o) => self.eval_offsetof(o),
            Expr::Bin(bin) => self.eval_binary(bin),
            Expr::Cond(cond) => self.eval_cond(cond),
            Expr::Choose(choose) => {
                let condition = choose.condition().ok_or_else(|| missing(node))?;
                let chosen = if self.eval_int(&condition)?.is_zero() {
                    choose.second()
                } else {
                    choose.first()
                };
                self.eval(&chosen.ok_or_else(|| missing(node))?)
            }
            Expr::TypesCompatible(tc) => {
                let types: Vec<_> = tc.types().collect();
                let [a, b] = types.as_slice() else {
                    return Err(missing(node));
                };
                let (a, b) = (self.lower_type_name(a)?, self.lower_type_name(b)?);
                let (a, b) = (self.types.main_variant(a), self.types.main_variant(b));
                let compatible = self.types.compatible(a, b);
                Ok(self.int_const(IntKind::Int, i128::from(compatible)))
            }
            Expr::Generic(g) => {
                let chosen = self.generic_choice(g)?;
                self.eval(&chosen)
            }
            Expr::Call(call) => {
                let callee = call.callee().ok_or_else(|| missing(node))?;
                let name = self
                    .builtin_callee(&callee)
                    .ok_or_else(|| not_constant(node))?;
                let args: Vec<Expr> = call.args().collect();
                self.fold_builtin(&name, &args).map_err(|e| e.or_at(node))
            }
            _ => Err(not_constant(node)),
        }
    }

    pub(super) fn int_const(&mut self, kind: IntKind, value: i128) -> Const {
        let signed = self.types.is_signed(kind);
        Const {
            ty: self.types.int(kind),
            value: ConstValue::Int(IntValue::from_i128(kind, signed, value)),
        }
    }

    fn eval_literal(&mut self, lit: &Literal) -> TypeResult<Const> {
        let token = lit.token().ok_or_else(|| missing(lit.syntax()))?;
        match lit.kind() {
            Some(LiteralKind::Number) => {
                let dialect = literal::Dialect::of(self.types.target());
                match literal::number(token.text(), dialect)? {
                    Number::Int(kind, value) => {
                        let signed = self.types.is_signed(kind);
                        Ok(Const {
                            ty: self.types.int(kind),
                            value: ConstValue::Int(IntValue::new(kind, signed, value)),
                        })
                    }
                    Number::Float(kind, value) => Ok(Const {
                        ty: self.types.float(kind),
                        value: ConstValue::Float(value),
                    }),
                    Number::Imaginary(_) | Number::ImaginaryInt(_) => {
                        Err(not_constant(lit.syntax()))
                    }
                }
            }
            Some(LiteralKind::Char) => {
                let (encoding, body) = literal::split_quoted(token.text())
                    .ok_or_else(|| TypeError::new("malformed character constant"))?;
                let units = literal::code_units(body, encoding)?;
                let kind = self.char_constant_kind(encoding);
                let char_unsigned = self.types.target().char_unsigned;
                let value = literal::char_value(&units, encoding, kind, char_unsigned)?;
                Ok(Const {
                    ty: self.types.int(kind),
                    value: ConstValue::Int(value),
                })
            }
            Some(LiteralKind::Bool(value)) => Ok(Const {
                ty: self.types.int(IntKind::Bool),
                value: ConstValue::Int(IntValue::new(IntKind::Bool, false, u128::from(value))),
            }),
            _ => Err(not_constant(lit.syntax())),
        }
    }

    fn eval_cast(&mut self, cast: &CastExpr) -> TypeResult<Const> {
        let node = cast.syntax();
        let to = self.required_type_name(cast.type_name(), node)?;
        let to = self.types.unqualified(to);
        let operand = cast.expr().ok_or_else(|| missing(node))?;
        let value = self.eval(&operand)?;
        let converted = self
            .types
            .convert_value(value.value, to)
            .map_err(|e| e.or_at(node))?;
        Ok(Const {
            ty: to,
            value: converted,
        })
    }

    fn eval_prefix(&mut self, p: &PrefixExpr) -> TypeResult<Const> {
        let node = p.syntax();
        let operand = p.operand().ok_or_else(|| missing(node))?;
        let op = p.op().ok_or_else(|| missing(node))?;
        if op == PrefixOp::AddrOf {
            let address = self.null_based_address(&operand)?;
            let ty = self.type_of(&operand)?.ty;
            return Ok(Const {
                ty: self.types.pointer(ty),
                value: ConstValue::Address(address),
            });
        }
        if op == PrefixOp::Extension {
            return self.eval(&operand);
        }
        let value = self.eval(&operand)?;
        let ty = self.types.promote(value.ty);
        let converted = self.types.convert_value(value.value, ty)?;
        let result = match (op, converted) {
            (PrefixOp::Plus, v) => v,
            (PrefixOp::Neg, ConstValue::Int(v)) => ConstValue::Int(v.negate()),
            (PrefixOp::Neg, ConstValue::Float(f)) => ConstValue::Float(-f),
            (PrefixOp::BitNot, ConstValue::Int(v)) => ConstValue::Int(v.complement()),
            (PrefixOp::Not, v) => return Ok(self.int_const(IntKind::Int, i128::from(v.is_zero()))),
            _ => return Err(not_constant(node)),
        };
        Ok(Const { ty, value: result })
    }

    fn eval_sizeof(&mut self, s: &SizeofExpr) -> TypeResult<Const> {
        let node = s.syntax();
        let ty = match (s.type_name(), s.expr()) {
            (Some(tn), _) => self.lower_type_name(&tn)?,
            (None, Some(e)) => {
                let typed = self.type_of(&e)?;
                if typed.bit_width.is_some() {
                    return Err(TypeError::at("`sizeof` applied to a bit-field", node));
                }
                typed.ty
            }
            (None, None) => return Err(missing(node)),
        };
        let size = self.types.size_of(ty).map_err(|e| e.or_at(node))?;
        Ok(self.int_const(IntKind::ULong, i128::from(size)))
    }

    fn eval_alignof(&mut self, a: &AlignofExpr) -> TypeResult<Const> {
        let node = a.syntax();
        let align = match (a.type_name(), a.expr()) {
            (Some(tn), _) => {
                let ty = self.lower_type_name(&tn)?;
                self.types.align_of(ty)
            }
            (None, Some(e)) => {
                let typed = self.type_of(&e)?;
                if typed.bit_width.is_some() {
                    return Err(TypeError::at("`__alignof__` applied to a bit-field", node));
                }
                match typed.align {
                    Some(align) => Ok(align),
                    None => self.types.align_of(typed.ty),
                }
            }
            (None, None) => return Err(missing(node)),
        };
        let align = align.map_err(|e| e.or_at(node))?;
        Ok(self.int_const(IntKind::ULong, i128::from(align)))
    }

    fn eval_offsetof(&mut self, o: &OffsetofExpr) -> TypeResult<Const> {
        let node = o.syntax();
        let mut ty = self.required_type_name(o.type_name(), node)?;
        let designator = o.designator().ok_or_else(|| missing(node))?;
        let mut offset: u64 = 0;
        for step in designator.steps() {
            match step {
                OffsetofStep::Member(name) => {
                    let text = name.text();
                    let found = self
                        .types
                        .record_of(ty)
                        .and_then(|rid| self.types.find_member(rid, &text))
                        .ok_or_else(|| TypeError::at(format!("no member named `{text}`"), node))?;
                    if found.bit_width.is_some() {
                        return Err(TypeError::at(
                            format!("attempt to take the address of bit-field `{text}`"),
                            node,
                        ));
                    }
                    let bits = found
                        .offset_bits
                        .ok_or_else(|| TypeError::at("the struct has no layout", node))?;
                    offset = offset.wrapping_add(bits / 8);
                    ty = found.ty;
                }
                OffsetofStep::Index(e) => {
                    let index = self.eval_int(&e)?;
                    let (elem, _) = self
                        .types
                        .array_elem(ty)
                        .ok_or_else(|| TypeError::at("subscripted value is not an array", node))?;
                    let size = self.types.size_of(elem)?;
                    offset = offset.wrapping_add((index.as_i128() as u64).wrapping_mul(size));
                    ty = elem;
                }
            }
        }
        Ok(self.int_const(IntKind::ULong, i128::from(offset)))
    }

    /// The constant address `base` evaluates to, with the type it points to.
    fn pointed_address(
        &mut self,
        base: &Expr,
        node: &syntax::syntax_kind::SyntaxNode,
    ) -> TypeResult<(u64, TypeId)> {
        let ptr = self.eval(base)?;
        let ConstValue::Address(a) = ptr.value else {
            return Err(not_constant(node));
        };
        let pointee = self
            .types
            .pointee(ptr.ty)
            .ok_or_else(|| not_constant(node))?;
        Ok((a, pointee))
    }

    /// The address an lvalue designates when it is reached from a constant pointer:
    /// `((T *)0)->m`, `(*(T *)8).a[2]`.
    fn null_based_address(&mut self, e: &Expr) -> TypeResult<u64> {
        let node = e.syntax();
        match e {
            Expr::Paren(p) => self.null_based_address(&p.expr().ok_or_else(|| missing(node))?),
            Expr::Member(m) => {
                let base = m.base().ok_or_else(|| missing(node))?;
                let (base_address, record_ty) = if m.is_arrow() {
                    self.pointed_address(&base, node)?
                } else {
                    (self.null_based_address(&base)?, self.type_of(&base)?.ty)
                };
                let name = m.member().map(|n| n.text()).unwrap_or_default();
                let found = self
                    .types
                    .record_of(record_ty)
                    .and_then(|rid| self.types.find_member(rid, &name))
                    .ok_or_else(|| not_constant(node))?;
                let bits = found.offset_bits.ok_or_else(|| not_constant(node))?;
                Ok(base_address.wrapping_add(bits / 8))
            }
            Expr::Index(index) => {
                let base = index.base().ok_or_else(|| missing(node))?;
                let subscript = index.index().ok_or_else(|| missing(node))?;
                let base_ty = self.type_of(&base)?.ty;
                let (base_address, elem) = match self.types.array_elem(base_ty) {
                    Some((elem, _)) => (self.null_based_address(&base)?, elem),
                    None => self.pointed_address(&base, node)?,
                };
                let i = self.eval_int(&subscript)?;
                let size = self.types.size_of(elem)?;
                Ok(base_address.wrapping_add((i.as_i128() as u64).wrapping_mul(size)))
            }
            Expr::Prefix(p) if p.op() == Some(PrefixOp::Deref) => {
                let operand = p.operand().ok_or_else(|| missing(node))?;
                match self.eval(&operand)?.value {
                    ConstValue::Address(a) => Ok(a),
                    _ => Err(not_constant(node)),
                }
            }
            _ => Err(not_constant(node)),
        }
    }

    fn eval_binary(&mut self, bin: &BinExpr) -> TypeResult<Const> {
        let node = bin.syntax();
        let op = bin.op().ok_or_else(|| missing(node))?;
        let lhs = bin.lhs().ok_or_else(|| missing(node))?;
        let rhs = bin.rhs().ok_or_else(|| missing(node))?;
        if matches!(op, BinOp::And | BinOp::Or) {
            return self.eval_logical(op, &lhs, &rhs);
        }
        if op.is_assignment() {
            return Err(not_constant(node));
        }
        let a = self.eval(&lhs)?;
        let b = self.eval(&rhs)?;
        if op == BinOp::Comma {
            return Ok(b);
        }
        self.binary_values(op, a, b).map_err(|e| e.or_at(node))
    }

    /// `&&` and `||` evaluate their right operand only when needed, as gcc folds them.
    fn eval_logical(&mut self, op: BinOp, lhs: &Expr, rhs: &Expr) -> TypeResult<Const> {
        let left = !self.eval(lhs)?.value.is_zero();
        let result = match (op, left) {
            (BinOp::And, false) => false,
            (BinOp::Or, true) => true,
            _ => !self.eval(rhs)?.value.is_zero(),
        };
        Ok(self.int_const(IntKind::Int, i128::from(result)))
    }

    /// `a op b` on constants.
    pub(super) fn binary_values(&mut self, op: BinOp, a: Const, b: Const) -> TypeResult<Const> {
        if let (ConstValue::Address(_), _) | (_, ConstValue::Address(_)) = (a.value, b.value) {
            return self.address_arith(op, a, b);
        }
        match op {
            BinOp::Shl | BinOp::Shr => {
                let ty = self.types.promote(a.ty);
                let count_ty = self.types.promote(b.ty);
                let (ConstValue::Int(x), ConstValue::Int(n)) = (
                    self.types.convert_value(a.value, ty)?,
                    self.types.convert_value(b.value, count_ty)?,
                ) else {
                    return Err(TypeError::new("invalid operands to a shift"));
                };
                Ok(Const {
                    ty,
                    value: ConstValue::Int(x.shift(op == BinOp::Shl, n)?),
                })
            }
            BinOp::Lt | BinOp::Gt | BinOp::Le | BinOp::Ge | BinOp::Eq | BinOp::Ne => {
                let common = self.types.usual_arithmetic(a.ty, b.ty)?;
                let (x, y) = (
                    self.types.convert_value(a.value, common)?,
                    self.types.convert_value(b.value, common)?,
                );
                let result = compare(op, x, y)?;
                Ok(self.int_const(IntKind::Int, i128::from(result)))
            }
            _ => {
                let common = self.types.usual_arithmetic(a.ty, b.ty)?;
                let (x, y) = (
                    self.types.convert_value(a.value, common)?,
                    self.types.convert_value(b.value, common)?,
                );
                Ok(Const {
                    ty: common,
                    value: arith(op, x, y)?,
                })
            }
        }
    }

    /// Arithmetic on addresses known as numbers: `p + n`, `p - n`, `p - q`, comparisons.
    fn address_arith(&mut self, op: BinOp, a: Const, b: Const) -> TypeResult<Const> {
        let as_number = |c: Const| match c.value {
            ConstValue::Address(x) => Some(i128::from(x)),
            ConstValue::Int(v) => Some(v.as_i128()),
            ConstValue::Float(_) => None,
        };
        let (x, y) = as_number(a)
            .zip(as_number(b))
            .ok_or_else(|| TypeError::new("invalid pointer arithmetic"))?;
        let elem_size = |cx: &Self, c: Const| {
            cx.types
                .pointee(c.ty)
                .map_or(Ok(1), |to| cx.types.size_of(to).map(i128::from))
        };
        let (pa, pb) = (self.types.is_pointer(a.ty), self.types.is_pointer(b.ty));
        match op {
            BinOp::Add | BinOp::Sub if pa && !pb => {
                let step = elem_size(self, a)?.wrapping_mul(y);
                let value = if op == BinOp::Add {
                    x.wrapping_add(step)
                } else {
                    x.wrapping_sub(step)
                };
                Ok(Const {
                    ty: a.ty,
                    value: ConstValue::Address(value as u64),
                })
            }
            BinOp::Add if pb => Ok(Const {
                ty: b.ty,
                value: ConstValue::Address(
                    y.wrapping_add(elem_size(self, b)?.wrapping_mul(x)) as u64
                ),
            }),
            BinOp::Sub if pa && pb => {
                let size = elem_size(self, a)?.max(1);
                Ok(self.int_const(IntKind::Long, x.wrapping_sub(y) / size))
            }
            BinOp::Lt | BinOp::Gt | BinOp::Le | BinOp::Ge | BinOp::Eq | BinOp::Ne => {
                let (x, y) = (x as u64, y as u64);
                let result = match op {
                    BinOp::Lt => x < y,
                    BinOp::Gt => x > y,
                    BinOp::Le => x <= y,
                    BinOp::Ge => x >= y,
                    BinOp::Eq => x == y,
                    _ => x != y,
                };
                Ok(self.int_const(IntKind::Int, i128::from(result)))
            }
            _ => Err(TypeError::new("invalid operands of pointer type")),
        }
    }

    fn eval_cond(&mut self, cond: &CondExpr) -> TypeResult<Const> {
        let node = cond.syntax();
        let condition = cond.condition().ok_or_else(|| missing(node))?;
        let else_expr = cond.else_expr().ok_or_else(|| missing(node))?;
        let test = self.eval(&condition)?;
        let chosen = if test.value.is_zero() {
            self.eval(&else_expr)?
        } else {
            match cond.then_expr() {
                Some(then_expr) => self.eval(&then_expr)?,
                None => test,
            }
        };
        let ty = self.type_of(&Expr::Cond(cond.clone()))?.ty;
        let value = self.types.convert_value(chosen.value, ty)?;
        Ok(Const { ty, value })
    }

    /// The length of an array that a string literal initializes (`char s[] = "..."`).
    pub(super) fn string_length(&mut self, lit: &Literal) -> Option<u64> {
        let ty = self.type_of(&Expr::Literal(lit.clone())).ok()?.ty;
        match self.types.kind(ty) {
            TypeKind::Array {
                len: ArrayLen::Known(n),
                ..
            } => Some(*n),
            _ => None,
        }
    }
}

fn compare(op: BinOp, x: ConstValue, y: ConstValue) -> TypeResult<bool> {
    let ordering = match (x, y) {
        (ConstValue::Int(x), ConstValue::Int(y)) => {
            if x.less_than(y) {
                std::cmp::Ordering::Less
            } else if y.less_than(x) {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        }
        (ConstValue::Float(x), ConstValue::Float(y)) => x
            .partial_cmp(&y)
            .ok_or_else(|| TypeError::new("comparison with NaN"))?,
        _ => return Err(TypeError::new("invalid operands to a comparison")),
    };
    Ok(match op {
        BinOp::Lt => ordering.is_lt(),
        BinOp::Gt => ordering.is_gt(),
        BinOp::Le => ordering.is_le(),
        BinOp::Ge => ordering.is_ge(),
        BinOp::Eq => ordering.is_eq(),
        _ => ordering.is_ne(),
    })
}

fn arith(op: BinOp, x: ConstValue, y: ConstValue) -> TypeResult<ConstValue> {
    match (x, y) {
        (ConstValue::Int(x), ConstValue::Int(y)) => {
            let op = match op {
                BinOp::Add => IntOp::Add,
                BinOp::Sub => IntOp::Sub,
                BinOp::Mul => IntOp::Mul,
                BinOp::Div => IntOp::Div,
                BinOp::Rem => IntOp::Rem,
                BinOp::BitAnd => IntOp::And,
                BinOp::BitOr => IntOp::Or,
                BinOp::BitXor => IntOp::Xor,
                _ => return Err(TypeError::new("invalid operator in a constant expression")),
            };
            x.arith(op, y).map(ConstValue::Int)
        }
        (ConstValue::Float(x), ConstValue::Float(y)) => Ok(ConstValue::Float(match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mul => x * y,
            BinOp::Div => x / y,
            _ => return Err(TypeError::new("invalid operands of floating type")),
        })),
        _ => Err(TypeError::new("invalid operands in a constant expression")),
    }
}
