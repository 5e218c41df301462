//! What a declaration declares: for each declarator its name, type, storage class and
//! requested alignment, the specifiers' attributes, `__auto_type` and array lengths from
//! initializers applied. Recording what each declares is the caller's (`declare_ordinary`,
//! under the id name resolution made of the declarator at `Declared::at`).

use syntax::ast::{
    AstNode, Declaration, Declarator, FnDeclarator, FunctionDef, InitDeclarator, Initializer,
};
use syntax::syntax_kind::SyntaxNode;

use super::cx::{TypeCx, start_of};
use super::error::{TypeError, TypeResult};
use super::eval::Const;
use super::lower::{Specs, Storage};
use super::ty::{FloatKind, FnType, IntKind, TypeId, TypeKind};
use crate::names::NameId;

/// One declared entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    pub name: NameId,
    /// Where its name is (a text offset): the place name resolution knows the declaration by.
    pub at: u32,
    pub ty: TypeId,
    pub storage: Storage,
    /// `aligned` and `_Alignas` on an object, in bytes (a typedef's is in its type).
    pub align: Option<u32>,
    /// The declarator's node (the init-declarator's, or the function definition's).
    pub node: SyntaxNode,
    /// The declarator alone, without initializer or body: diagnostics about the declared
    /// entity point at it or at its name.
    pub declarator: Declarator,
    pub initializer: Option<Initializer>,
    /// A `constexpr` object's value, when klp-ccp could evaluate it.
    pub constant: Option<Const>,
}

impl TypeCx<'_> {
    /// The entities of a declaration (none for `struct s {...};`). A declarator that has no
    /// type is reported and left out; an error of the specifiers fails the declaration.
    pub fn declaration(&mut self, d: &Declaration) -> TypeResult<Vec<Declared>> {
        let specs_node = d
            .specs()
            .ok_or_else(|| TypeError::at("declaration without specifiers", d.syntax()))?;
        let inits: Vec<InitDeclarator> = d.init_declarators().collect();
        let specs = self.lower_specs(&specs_node)?;
        let mut declared = Vec::with_capacity(inits.len());
        for init in inits {
            match self.init_declarator(&specs, &init) {
                Ok(entity) => declared.push(entity),
                Err(e) => self.report(e.or_at(init.syntax())),
            }
        }
        Ok(declared)
    }

    fn init_declarator(&mut self, specs: &Specs, init: &InitDeclarator) -> TypeResult<Declared> {
        let node = init.syntax();
        let declarator = init
            .declarator()
            .ok_or_else(|| TypeError::at("declarator is missing", node))?;
        let name = declarator
            .name()
            .ok_or_else(|| TypeError::at("declarator declares no name", node))?;
        let mut attrs = specs.attrs.clone();
        self.read_attrs(init.attributes(), &mut attrs)?;
        let base = match (specs.auto_type, init.initializer()) {
            (true, Some(Initializer::Expr(e))) => self.value_type(&e)?,
            (true, _) => return Err(TypeError::at("`__auto_type` needs an initializer", node)),
            (false, _) => specs.ty,
        };
        let ty = self.declarator_type(base, Some(&declarator))?;
        let mut ty = self
            .apply_type_attrs(ty, &attrs)
            .map_err(|e| e.or_at(node))?;
        let mut align = match (attrs.aligned, specs.alignas) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        if specs.storage == Storage::Typedef {
            // `aligned` on a typedef makes a variant of the type, which may be less aligned.
            if let Some(align) = align.take() {
                ty = self.types.aligned(ty, align);
            }
        } else if self.types.fn_type(ty).is_some() {
            // gcc reads `const` and `volatile` on a function as attributes (`const`,
            // `noreturn`), which do not make its type another.
            ty = self.types.unqualified(ty);
        } else if let Some(initializer) = init.initializer() {
            ty = self.complete_from_init(ty, &initializer)?;
        }
        let constant = match init.initializer() {
            Some(initializer) if specs.constexpr => self.constexpr_value(ty, &initializer),
            _ => None,
        };
        Ok(Declared {
            name: self.name(&name.text()),
            at: start_of(name.syntax()),
            ty,
            storage: specs.storage,
            align,
            node: node.clone(),
            declarator,
            initializer: init.initializer(),
            constant,
        })
    }

    /// The function a definition defines (without a specifier, it returns `int`).
    pub fn function_definition(&mut self, f: &FunctionDef) -> TypeResult<Declared> {
        let node = f.syntax();
        let (ret, storage) = match f.specs() {
            Some(specs) => {
                let specs = self.lower_specs(&specs)?;
                (specs.ty, specs.storage)
            }
            None => (self.types.int(IntKind::Int), Storage::None),
        };
        let declarator = f
            .declarator()
            .ok_or_else(|| TypeError::at("function definition without declarator", node))?;
        let name = declarator
            .name()
            .ok_or_else(|| TypeError::at("function definition without name", node))?;
        let ty = self.declarator_type(ret, Some(&declarator))?;
        let ty = self.with_defined_arity(ty, &declarator);
        Ok(Declared {
            name: self.name(&name.text()),
            at: start_of(name.syntax()),
            ty,
            storage,
            align: None,
            node: node.clone(),
            declarator,
            initializer: None,
            constant: None,
        })
    }

    /// The type of the function a definition with declarator `declarator` defines: without a
    /// prototype, it knows the number of parameters of the identifier list.
    fn with_defined_arity(&mut self, ty: TypeId, declarator: &Declarator) -> TypeId {
        let Some(f) = self.types.fn_type(ty).filter(|f| !f.prototype) else {
            return ty;
        };
        let arity = defined_fn_declarator(declarator)
            .and_then(|d| d.params())
            .map_or(0, |list| list.identifiers().count() as u32);
        let fn_type = FnType {
            defined_arity: Some(arity),
            ..f.clone()
        };
        self.types.function(fn_type)
    }

    /// Whether old-style definition `f` agrees with the earlier declaration of type `old`:
    /// after a prototype, the parameters must be as many, and each prototype parameter
    /// compatible with the promoted type of the definition's (6.7.6.3p15; a variadic
    /// prototype never agrees, which `compatible` already says). Anything else agrees here.
    pub(super) fn old_style_definition_agrees(&mut self, f: &FunctionDef, old: TypeId) -> bool {
        let Some(prototype) = self.types.fn_type(old).filter(|t| t.prototype).cloned() else {
            return true;
        };
        let Some(params) = self.old_style_params(f) else {
            return true;
        };
        prototype.params.len() == params.len()
            && prototype
                .params
                .iter()
                .zip(&params)
                .all(|(&p, &q)| self.types.compatible(p, q))
    }

    /// The promoted types of the parameters of old-style definition `f` (`f(a, b) float a;`:
    /// `double` and `int`), `None` when it has no identifier list. The declarations are
    /// those the walk of the body reads again (to the same types, under the same locals).
    fn old_style_params(&mut self, f: &FunctionDef) -> Option<Vec<TypeId>> {
        let list = defined_fn_declarator(&f.declarator()?)?.params()?;
        let names: Vec<NameId> = list.identifiers().map(|n| self.name(&n.text())).collect();
        if names.is_empty() {
            return None;
        }
        let declared: Vec<Declared> = f
            .kr_declarations()
            .filter_map(|d| self.declaration(&d).ok())
            .flatten()
            .collect();
        let int = self.types.int(IntKind::Int);
        let types = names.iter().map(|&name| {
            let ty = declared
                .iter()
                .find(|d| d.name == name)
                .map_or(int, |d| d.ty);
            let adjusted = self.adjust_param(ty);
            self.default_promotion(adjusted)
        });
        Some(types.collect())
    }

    /// The default argument promotions (6.5.2.2p6): the integer promotions, `float` to
    /// `double`.
    fn default_promotion(&mut self, ty: TypeId) -> TypeId {
        match self.types.kind(ty) {
            TypeKind::Float(FloatKind::Float) => self.types.float(FloatKind::Double),
            _ => self.types.promote(ty),
        }
    }
}

/// The function declarator that declares the defined function itself (in
/// `int (*f(int))(char)` the one with `int`, not the one with `char`).
pub(super) fn defined_fn_declarator(declarator: &Declarator) -> Option<FnDeclarator> {
    let mut current = Some(declarator.clone());
    while let Some(d) = current {
        if let Declarator::Function(f) = &d {
            let mut inner = f.inner();
            while let Some(Declarator::Paren(p)) = &inner {
                inner = p.inner();
            }
            if matches!(inner, Some(Declarator::Name(_))) {
                return Some(f.clone());
            }
        }
        current = d.inner();
    }
    None
}
