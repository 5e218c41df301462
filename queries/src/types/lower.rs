//! Declaration specifiers and declarators to types: the basic type keywords, qualifiers,
//! typedef names, `typeof`, `_Atomic (T)`, `_Alignas`, and the pointer, array and function
//! derivations of declarators (read from the outside in, as C's declarators nest).

use syntax::ast::{
    ArrayDeclarator, AstNode, DeclSpecifier, DeclSpecs, Declarator, FnDeclarator, Name, ParamDecl,
    PointerDeclarator, TypeName, TypeOrExpr,
};
use syntax::syntax_kind::{SyntaxKind, SyntaxToken};

use super::attrs::Attrs;
use super::cx::{TypeCx, start_of};
use super::env::Ordinary;
use super::error::{TypeError, TypeResult};
use super::ty::{ArrayLen, FloatKind, FnType, IntKind, Quals, TypeId, TypeKind};

/// The deepest types declarators may build: the functions walking types recurse on their
/// structure, and no C program nests types this deep.
const MAX_TYPE_DEPTH: u32 = 200;

/// The nesting depth a level of declaration specifiers counts for (see `TypeCx::nested`).
const SPECS_COST: u32 = 8;

/// The storage class of a declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Storage {
    #[default]
    None,
    Typedef,
    Extern,
    Static,
    Auto,
    Register,
}

/// What declaration specifiers say.
#[derive(Debug, Clone)]
pub(super) struct Specs {
    pub ty: TypeId,
    pub storage: Storage,
    /// Attributes among the specifiers: they apply to each declarator's entity.
    pub attrs: Attrs,
    /// `_Alignas`, in bytes.
    pub alignas: Option<u32>,
    pub auto_type: bool,
    /// C23's `constexpr`: the object's value is a constant expression.
    pub constexpr: bool,
}

/// The basic type keywords seen, counted where C allows repeats (`long long`).
#[derive(Debug, Default)]
struct Basic {
    any: bool,
    void: bool,
    bool_: bool,
    char_: bool,
    short: bool,
    int: bool,
    long: u8,
    float: bool,
    double: bool,
    signed: bool,
    unsigned: bool,
    complex: bool,
    int128: bool,
    named_float: Option<FloatKind>,
    /// `_BitInt (N)`'s width.
    bitint: Option<u64>,
}

impl TypeCx<'_> {
    /// Reads declaration specifiers.
    pub(super) fn lower_specs(&mut self, specs: &DeclSpecs) -> TypeResult<Specs> {
        self.nested(specs.syntax(), SPECS_COST, |cx| cx.lower_specs_inner(specs))
    }

    fn lower_specs_inner(&mut self, specs: &DeclSpecs) -> TypeResult<Specs> {
        let mut basic = Basic::default();
        // The type a typedef name, struct, enum, `typeof` or `_Atomic (T)` names.
        let mut named: Option<TypeId> = None;
        let mut quals = Quals::NONE;
        let mut storage = Storage::None;
        let mut attrs = Attrs::default();
        let mut alignas: Option<u32> = None;
        let mut auto_type = false;
        let (mut auto_kw, mut constexpr) = (false, false);
        for specifier in specs.specifiers() {
            let ty = match specifier {
                DeclSpecifier::Keyword(token) if token.kind() == SyntaxKind::AUTO_KW => {
                    auto_kw = true;
                    None
                }
                // A `constexpr` object is a constant: const, whatever its storage.
                DeclSpecifier::Keyword(token) if token.kind() == SyntaxKind::CONSTEXPR_KW => {
                    constexpr = true;
                    quals = quals.union(Quals::CONST);
                    None
                }
                DeclSpecifier::Keyword(token) => {
                    self.keyword(&token, &mut basic, &mut quals, &mut storage, &mut auto_type)?;
                    None
                }
                DeclSpecifier::TypedefName(name) => Some(self.typedef_type(&name)?),
                DeclSpecifier::Struct(spec) => Some(self.lower_struct_spec(&spec)?),
                DeclSpecifier::Enum(spec) => Some(self.lower_enum_spec(&spec)?),
                DeclSpecifier::Typeof(spec) => {
                    let ty = self.typeof_type(spec.operand(), spec.syntax())?;
                    Some(match spec.is_unqual() {
                        true => self.unqualified_for_typeof(ty),
                        false => ty,
                    })
                }
                DeclSpecifier::BitInt(spec) => {
                    basic.any = true;
                    basic.bitint = Some(self.bitint_width(&spec)?);
                    None
                }
                DeclSpecifier::Atomic(spec) => {
                    let inner = spec
                        .type_name()
                        .ok_or_else(|| TypeError::at("_Atomic needs a type", spec.syntax()))?;
                    let ty = self.lower_type_name(&inner)?;
                    Some(self.types.qualified(ty, Quals::ATOMIC))
                }
                DeclSpecifier::Alignas(spec) => {
                    let align = self.alignas_value(spec.operand(), spec.syntax())?;
                    alignas = Some(alignas.map_or(align, |a: u32| a.max(align)));
                    None
                }
                DeclSpecifier::Attribute(spec) => {
                    self.read_attrs([spec], &mut attrs)?;
                    None
                }
            };
            if let Some(ty) = ty {
                if basic.any || named.is_some() {
                    return Err(TypeError::at(
                        "two or more data types in declaration specifiers",
                        specs.syntax(),
                    ));
                }
                named = Some(ty);
            }
        }
        // C23's `auto` without a type infers it as `__auto_type` does (`static auto x = 1;`
        // too); with one, and before C23, it is the storage class.
        if auto_kw {
            if self.types.target().c23 && !basic.any && named.is_none() {
                auto_type = true;
            } else if storage == Storage::None {
                storage = Storage::Auto;
            }
        }
        let ty = match named {
            Some(ty) if !basic.any => ty,
            Some(_) => {
                return Err(TypeError::at(
                    "two or more data types in declaration specifiers",
                    specs.syntax(),
                ));
            }
            None => {
                let kind = self
                    .basic_type(&basic)
                    .map_err(|e| e.or_at(specs.syntax()))?;
                self.types.mk(kind)
            }
        };
        Ok(Specs {
            ty: self.types.qualified(ty, quals),
            storage,
            attrs,
            alignas,
            auto_type,
            constexpr,
        })
    }

    fn keyword(
        &mut self,
        token: &SyntaxToken,
        basic: &mut Basic,
        quals: &mut Quals,
        storage: &mut Storage,
        auto_type: &mut bool,
    ) -> TypeResult<()> {
        use SyntaxKind::*;
        let kind = token.kind();
        let mut set_storage = |s| *storage = s;
        match kind {
            TYPEDEF_KW => set_storage(Storage::Typedef),
            EXTERN_KW => set_storage(Storage::Extern),
            STATIC_KW => set_storage(Storage::Static),
            REGISTER_KW => set_storage(Storage::Register),
            AUTO_TYPE_KW => *auto_type = true,
            CONST_KW | VOLATILE_KW | RESTRICT_KW | ATOMIC_KW | SEG_FS_KW | SEG_GS_KW => {
                *quals = quals.union(qualifier(kind))
            }
            INLINE_KW | NORETURN_KW | THREAD_LOCAL_KW | EXTENSION_KW => {}
            _ => self.basic_keyword(kind, basic)?,
        }
        Ok(())
    }

    fn basic_keyword(&self, kind: SyntaxKind, basic: &mut Basic) -> TypeResult<()> {
        use SyntaxKind::*;
        basic.any = true;
        let x86 = self.types.target().is_x86();
        let gcc = self.types.target().target.gcc;
        // gcc 7 brought `_FloatN` and `_FloatNx`; x86 has `_Float16` since gcc 12.
        let float_n = gcc.at_least(7, 0);
        let float16 = float_n && (!x86 || gcc.at_least(12, 0));
        let float = |basic: &mut Basic, f| basic.named_float = Some(f);
        match kind {
            VOID_KW => basic.void = true,
            BOOL_KW => basic.bool_ = true,
            CHAR_KW => basic.char_ = true,
            SHORT_KW => basic.short = true,
            INT_KW => basic.int = true,
            LONG_KW => basic.long += 1,
            FLOAT_KW => basic.float = true,
            DOUBLE_KW => basic.double = true,
            SIGNED_KW => basic.signed = true,
            UNSIGNED_KW => basic.unsigned = true,
            COMPLEX_KW => basic.complex = true,
            INT128_KW => basic.int128 = true,
            FLOAT16_KW if float16 => float(basic, FloatKind::Float16),
            FLOAT32_KW if float_n => float(basic, FloatKind::Float32),
            FLOAT64_KW if float_n => float(basic, FloatKind::Float64),
            FLOAT128_KW if float_n => float(basic, FloatKind::Float128),
            FLOAT32X_KW if float_n => float(basic, FloatKind::Float32x),
            FLOAT64X_KW if float_n => float(basic, FloatKind::Float64x),
            GNU_FLOAT128_KW if x86 => float(basic, FloatKind::Float128),
            FLOAT80_KW if x86 => float(basic, FloatKind::LongDouble),
            BF16_KW => float(basic, FloatKind::BFloat16),
            DECIMAL32_KW => float(basic, FloatKind::Decimal32),
            DECIMAL64_KW => float(basic, FloatKind::Decimal64),
            DECIMAL128_KW => float(basic, FloatKind::Decimal128),
            // `_Decimal64x` has `_Decimal128`'s format; klp-ccp takes it for that type.
            DECIMAL64X_KW => float(basic, FloatKind::Decimal128),
            other => {
                let spelling = other.spelling().unwrap_or("?");
                return Err(TypeError::new(format!(
                    "`{spelling}` is no type for this target and gcc version"
                )));
            }
        }
        Ok(())
    }

    /// The type of a combination of basic type keywords (C11 6.7.2p2, with GNU's).
    fn basic_type(&mut self, b: &Basic) -> TypeResult<TypeKind> {
        let invalid = || TypeError::new("invalid combination of type specifiers");
        let sign_given = b.signed || b.unsigned;
        if b.signed && b.unsigned {
            return Err(invalid());
        }
        let real = if let Some(bits) = b.bitint {
            if b.long > 0 || b.int || b.char_ || b.short || b.int128 || b.complex {
                return Err(invalid());
            }
            TypeKind::Int(self.bitint_kind(bits, !b.unsigned)?)
        } else if let Some(f) = b.named_float {
            if sign_given || b.long > 0 || b.int || b.char_ || b.short || b.float || b.double {
                return Err(invalid());
            }
            TypeKind::Float(f)
        } else if b.float || b.double {
            if sign_given
                || b.int
                || b.char_
                || b.short
                || (b.float && (b.double || b.long > 0))
                || b.long > 1
            {
                return Err(invalid());
            }
            TypeKind::Float(match (b.float, b.long) {
                (true, _) => FloatKind::Float,
                (false, 0) => FloatKind::Double,
                _ => FloatKind::LongDouble,
            })
        } else if b.void || b.bool_ {
            if sign_given
                || b.long > 0
                || b.int
                || b.char_
                || b.short
                || b.complex
                || (b.void && b.bool_)
            {
                return Err(invalid());
            }
            if b.void {
                TypeKind::Void
            } else {
                TypeKind::Int(IntKind::Bool)
            }
        } else if b.complex
            && !sign_given
            && !b.int
            && !b.char_
            && !b.short
            && b.long == 0
            && !b.int128
        {
            // Plain `_Complex` is `_Complex double` for gcc.
            TypeKind::Float(FloatKind::Double)
        } else {
            TypeKind::Int(self.int_keywords(b).ok_or_else(invalid)?)
        };
        if !b.complex {
            return Ok(real);
        }
        let elem = self.types.mk(real);
        Ok(TypeKind::Complex(elem))
    }

    fn int_keywords(&self, b: &Basic) -> Option<IntKind> {
        let kind = match (b.char_, b.short, b.long, b.int128) {
            (true, false, 0, false) => match (b.signed, b.unsigned) {
                (true, _) => IntKind::SChar,
                (_, true) => IntKind::UChar,
                _ => IntKind::Char,
            },
            (false, true, 0, false) => IntKind::Short,
            (false, false, 0, false) => IntKind::Int,
            (false, false, 1, false) => IntKind::Long,
            (false, false, 2, false) => IntKind::LongLong,
            (false, false, 0, true) => IntKind::Int128,
            _ => return None,
        };
        if b.char_ {
            return Some(kind);
        }
        Some(if b.unsigned { kind.to_unsigned() } else { kind })
    }

    fn typedef_type(&mut self, name: &syntax::ast::TypedefName) -> TypeResult<TypeId> {
        let (text, ordinary) = self.lookup_ordinary(name.syntax(), name.ident_token());
        match ordinary {
            Some(Ordinary::Typedef(ty)) => Ok(ty),
            _ => Err(TypeError::at(
                format!("unknown type name `{text}`"),
                name.syntax(),
            )),
        }
    }

    /// `typeof (T)` or `typeof (e)`: the type of the expression as it stands (arrays stay
    /// arrays, qualifiers stay).
    pub(super) fn typeof_type(
        &mut self,
        operand: Option<TypeOrExpr>,
        node: &syntax::syntax_kind::SyntaxNode,
    ) -> TypeResult<TypeId> {
        match operand {
            Some(TypeOrExpr::Type(tn)) => self.lower_type_name(&tn),
            Some(TypeOrExpr::Expr(e)) => {
                let typed = self.type_of(&e)?;
                if typed.bit_width.is_some() {
                    return Err(TypeError::at("typeof applied to a bit-field", e.syntax()));
                }
                Ok(typed.ty)
            }
            None => Err(TypeError::at("typeof needs an operand", node)),
        }
    }

    fn alignas_value(
        &mut self,
        operand: Option<TypeOrExpr>,
        node: &syntax::syntax_kind::SyntaxNode,
    ) -> TypeResult<u32> {
        match operand {
            Some(TypeOrExpr::Type(tn)) => {
                let ty = self.lower_type_name(&tn)?;
                self.types.align_of(ty).map_err(|e| e.or_at(node))
            }
            Some(TypeOrExpr::Expr(e)) => self.alignment_value(&e),
            None => Err(TypeError::at("_Alignas needs an operand", node)),
        }
    }

    /// The type a type name (a cast's, `sizeof`'s, ...) denotes.
    pub fn lower_type_name(&mut self, tn: &TypeName) -> TypeResult<TypeId> {
        let specs = tn
            .specs()
            .ok_or_else(|| TypeError::at("type name without specifiers", tn.syntax()))?;
        let specs = self.lower_specs(&specs)?;
        let ty = self.declarator_type(specs.ty, tn.declarator().as_ref())?;
        self.apply_type_attrs(ty, &specs.attrs)
            .map_err(|e| e.or_at(tn.syntax()))
    }

    /// Derives the declared type from `base` through a (possibly abstract) declarator.
    pub(super) fn declarator_type(
        &mut self,
        base: TypeId,
        declarator: Option<&Declarator>,
    ) -> TypeResult<TypeId> {
        let mut ty = base;
        let name = declarator.and_then(Declarator::name);
        let mut current = declarator.cloned();
        while let Some(d) = current {
            current = d.inner();
            ty = match &d {
                Declarator::Name(_) | Declarator::Paren(_) => ty,
                Declarator::Pointer(p) => self.pointer_declarator(ty, p),
                Declarator::Array(a) => self.array_declarator(ty, a, name.as_ref())?,
                Declarator::Function(f) => self.function_declarator(ty, f)?,
            };
            if self.types.depth(ty) > MAX_TYPE_DEPTH {
                return Err(TypeError::at("type nested too deeply", d.syntax()));
            }
        }
        Ok(ty)
    }

    fn pointer_declarator(&mut self, to: TypeId, p: &PointerDeclarator) -> TypeId {
        let quals = p
            .qualifiers()
            .fold(Quals::NONE, |q, t| q.union(qualifier(t.kind())));
        let ptr = self.types.pointer(to);
        self.types.qualified(ptr, quals)
    }

    fn array_declarator(
        &mut self,
        elem: TypeId,
        a: &ArrayDeclarator,
        name: Option<&Name>,
    ) -> TypeResult<TypeId> {
        match self.types.kind(elem) {
            TypeKind::Function(_) => {
                return Err(TypeError::at("array of functions", a.syntax()));
            }
            TypeKind::Void => return Err(TypeError::at("array of void", a.syntax())),
            _ if !self.types.is_complete(elem) => {
                return Err(TypeError::at(
                    "array type has incomplete element type",
                    a.syntax(),
                ));
            }
            _ => {}
        }
        let len = match a.size() {
            None if a.is_star() => ArrayLen::Variable,
            None => ArrayLen::Incomplete,
            Some(size) => match self.checked_eval_int(&size) {
                Ok(n) => {
                    let count = n.to_u64().ok_or_else(|| {
                        self.error(size.syntax(), "array size expression is negative");
                        TypeError::at("size of array is negative", size.syntax())
                    })?;
                    self.check_array_size(elem, count, name, a.syntax())?;
                    ArrayLen::Known(count)
                }
                // A parameter's array is a pointer: its size does not matter (and may name
                // earlier parameters).
                Err(_) if self.in_params > 0 => ArrayLen::Variable,
                Err(e) => return Err(e),
            },
        };
        Ok(self.types.array(elem, len))
    }

    fn function_declarator(&mut self, ret: TypeId, f: &FnDeclarator) -> TypeResult<TypeId> {
        if matches!(
            self.types.kind(ret),
            TypeKind::Function(_) | TypeKind::Array { .. }
        ) {
            return Err(TypeError::at(
                "function returning a function or an array",
                f.syntax(),
            ));
        }
        let ret = self.types.unqualified(ret);
        let list = f.params();
        let params: Vec<ParamDecl> = list.iter().flat_map(|l| l.params()).collect();
        let variadic = list.as_ref().is_some_and(|l| l.is_variadic());
        if params.is_empty() {
            let fn_type = FnType {
                ret,
                params: Box::new([]),
                variadic,
                prototype: variadic,
                defined_arity: None,
            };
            return Ok(self.types.function(fn_type));
        }
        self.in_params += 1;
        let lowered = self.lower_params(&params);
        self.in_params -= 1;
        let params = lowered?;
        Ok(self.types.function(FnType {
            ret,
            params: params.into(),
            variadic,
            prototype: true,
            defined_arity: None,
        }))
    }

    /// Declares a function definition's parameters in the current scope.
    pub(super) fn declare_params(&mut self, params: &[ParamDecl]) -> TypeResult<()> {
        self.in_params += 1;
        let lowered = self.lower_params(params);
        self.in_params -= 1;
        lowered.map(|_| ())
    }

    /// The adjusted parameter types (`(void)` has none).
    fn lower_params(&mut self, params: &[ParamDecl]) -> TypeResult<Vec<TypeId>> {
        let mut types = Vec::with_capacity(params.len());
        for param in params {
            let specs = param
                .specs()
                .ok_or_else(|| TypeError::at("parameter without specifiers", param.syntax()))?;
            let specs = self.lower_specs(&specs)?;
            let declarator = param.declarator();
            let ty = self.declarator_type(specs.ty, declarator.as_ref())?;
            let ty = self
                .apply_type_attrs(ty, &specs.attrs)
                .map_err(|e| e.or_at(param.syntax()))?;
            if params.len() == 1 && declarator.is_none() && self.types.is_void(ty) {
                return Ok(Vec::new());
            }
            let adjusted = self.adjust_param(ty);
            if let Some(name) = declarator.and_then(|d| d.name()) {
                self.declare_ordinary(
                    start_of(name.syntax()),
                    Ordinary::Object {
                        ty: adjusted,
                        align: None,
                        constant: None,
                    },
                );
            }
            types.push(self.types.unqualified(adjusted));
        }
        Ok(types)
    }

    /// A parameter's type as the function sees it: arrays and functions become pointers.
    pub(super) fn adjust_param(&mut self, ty: TypeId) -> TypeId {
        match *self.types.kind(ty) {
            TypeKind::Array { elem, .. } => self.types.pointer(elem),
            TypeKind::Function(_) => self.types.pointer(ty),
            _ => ty,
        }
    }
}

/// The qualifier a keyword spells.
fn qualifier(kind: SyntaxKind) -> Quals {
    match kind {
        SyntaxKind::CONST_KW => Quals::CONST,
        SyntaxKind::VOLATILE_KW => Quals::VOLATILE,
        SyntaxKind::RESTRICT_KW => Quals::RESTRICT,
        SyntaxKind::ATOMIC_KW => Quals::ATOMIC,
        SyntaxKind::SEG_FS_KW => Quals::SEG_FS,
        SyntaxKind::SEG_GS_KW => Quals::SEG_GS,
        _ => Quals::NONE,
    }
}
