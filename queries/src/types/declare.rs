//! What a declaration declares: for each declarator its name, type, storage class and
//! requested alignment, the specifiers' attributes, `__auto_type` and array lengths from
//! initializers applied. Registering the entities is the caller's (scopes differ: the file
//! scope walk here, name resolution's block scopes later).

use syntax::ast::{AstNode, Declaration, FunctionDef, InitDeclarator, Initializer};
use syntax::syntax_kind::SyntaxNode;

use super::cx::TypeCx;
use super::error::{TypeError, TypeResult};
use super::lower::{Specs, Storage, TagUse};
use super::names::NameId;
use super::ty::{IntKind, TypeId};

/// One declared entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    pub name: NameId,
    pub ty: TypeId,
    pub storage: Storage,
    /// `aligned` and `_Alignas` on an object, in bytes (a typedef's is in its type).
    pub align: Option<u32>,
    /// The declarator's node (the init-declarator's, or the function definition's).
    pub node: SyntaxNode,
    pub initializer: Option<Initializer>,
}

impl TypeCx<'_> {
    /// The entities of a declaration (none for `struct s {...};`). A declarator that has no
    /// type is reported and left out; an error of the specifiers fails the declaration.
    pub fn declaration(&mut self, d: &Declaration) -> TypeResult<Vec<Declared>> {
        let specs_node = d
            .specs()
            .ok_or_else(|| TypeError::at("declaration without specifiers", d.syntax()))?;
        let inits: Vec<InitDeclarator> = d.init_declarators().collect();
        let tag_use = if inits.is_empty() {
            TagUse::Declaration
        } else {
            TagUse::Reference
        };
        let specs = self.lower_specs(&specs_node, tag_use)?;
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
        let mut attrs = specs.attrs;
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
        } else if let Some(initializer) = init.initializer() {
            ty = self.complete_from_init(ty, &initializer)?;
        }
        Ok(Declared {
            name: self.name(&name.text()),
            ty,
            storage: specs.storage,
            align,
            node: node.clone(),
            initializer: init.initializer(),
        })
    }

    /// The function a definition defines (without a specifier, it returns `int`).
    pub fn function_definition(&mut self, f: &FunctionDef) -> TypeResult<Declared> {
        let node = f.syntax();
        let (ret, storage) = match f.specs() {
            Some(specs) => {
                let specs = self.lower_specs(&specs, TagUse::Reference)?;
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
        Ok(Declared {
            name: self.name(&name.text()),
            ty,
            storage,
            align: None,
            node: node.clone(),
            initializer: None,
        })
    }
}
