//! The types of a TU's file scope: a walk over its top-level items in order (tags and
//! typedefs are declared, completed and redeclared as the walk meets them; function bodies
//! are not entered), giving every file-scope tag, typedef, object and function its type and
//! every record its layout.
//!
//! Names are resolved by name resolution, not here: the walk's `TypeEnv` (`FileEnv`) reads
//! the file's `Resolution` (and each function definition's, for its declarator) by anchor,
//! and records what each declaration declares under `sema`'s ids (`FileScopeTypes`), which
//! is what function bodies, and text evaluated at the end of the file scope, see.

use rustc_hash::{FxHashMap, FxHashSet};
use syntax::ast::{AstNode, Declaration, Declarator, Expr, ExternalDecl, FunctionDef, Initializer};
use syntax::lexer::lex;
use syntax::syntax_kind::{SyntaxKind, SyntaxNode};

use super::arena::Types;
use super::builtins::builtin_typedefs;
use super::cx::{AssertionTally, TypeCx, start_of};
use super::declare::Declared;
use super::env::Ordinary;
use super::error::{TypeDiagnostic, TypeError, TypeResult};
use super::file_env::{FileEnv, FileScopeTypes, ItemEnv};
use super::layout::RecordLayout;
use super::link::{link_tags, named_tags, object_types};
use super::lower::Storage;
use super::size::Layout;
use super::snippet;
use super::target::TargetInfo;
use super::ty::{TypeId, TypeKind};
use super::value::ConstValue;
use crate::names::NameId;
use crate::sema::{
    ConflictKind, EntityId, FileScope, InlineMode, ItemId, Resolution, resolve_file, resolve_item,
};
use std::sync::Arc;
use syntax::syntax_kind::Dialect;

/// A file-scope tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagEntry {
    pub name: NameId,
    pub ty: TypeId,
}

/// A file-scope typedef (the last declaration of each name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypedefEntry {
    pub name: NameId,
    pub ty: TypeId,
}

/// The file scope's types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileTypes {
    pub types: Arc<Types>,
    /// Tags in the order they were first declared.
    pub tags: Vec<TagEntry>,
    /// Typedefs in the order they were first declared.
    pub typedefs: Vec<TypedefEntry>,
    /// Objects and functions, with their composite types, in the order first declared.
    pub objects: Vec<(NameId, TypeId)>,
    pub errors: Vec<TypeError>,
    /// klp-ccp's diagnostics about the file scope, in the order found.
    pub diagnostics: Vec<TypeDiagnostic>,
    /// The file scope's `_Static_assert`s that held.
    pub assertions: AssertionTally,
    /// The composite type of each of name resolution's file-scope objects and functions.
    pub entity_types: FxHashMap<EntityId, TypeId>,
    /// What each of name resolution's file-scope entities and tags is, and was item by item.
    pub(super) scope_types: FileScopeTypes,
    /// Name resolution's file scope (which text evaluated at the end is resolved in).
    scope: Arc<FileScope>,
}

/// The result of evaluating a constant expression given as text.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub value: ConstValue,
    /// The constant's type, written as C.
    pub ty: String,
}

impl FileTypes {
    /// Walks the top level of a parsed TU, resolving its names first.
    pub fn new(root: &SyntaxNode, target: TargetInfo) -> FileTypes {
        let (scope, resolution) = resolve_file(root, InlineMode::default());
        Self::resolved(root, target, Arc::new(scope), &resolution)
    }

    /// Walks the top level of a parsed TU whose file scope name resolution gave as `scope`,
    /// and the uses in its items outside function bodies as `resolution`. Its tags' and
    /// objects' types are keyed by `scope`'s ids (the records' and enums' `file_tag`,
    /// `entity_types`).
    pub fn resolved(
        root: &SyntaxNode,
        target: TargetInfo,
        scope: Arc<FileScope>,
        resolution: &Resolution,
    ) -> FileTypes {
        let mut types = Types::new(target);
        let builtins = FileScopeTypes::new(builtin_typedefs(&mut types));
        let mut env = FileEnv::new(&scope, resolution, builtins);
        let mut walk = Walk::new(&scope);
        let mut cx = TypeCx::new(&mut types, &mut env);
        // Items are numbered as the root's children (tokens included), as name resolution
        // numbers them.
        for (index, child) in root.children_with_tokens().enumerate() {
            let Some(node) = child.into_node() else {
                continue;
            };
            if let Some(item) = ExternalDecl::cast(node.clone()) {
                walk.enter(&mut cx, ItemId(index as u32), &node);
                walk.item(&mut cx, &item);
            }
        }
        walk.finish(&mut cx);
        let errors = std::mem::take(&mut cx.errors);
        let diagnostics = std::mem::take(&mut cx.diagnostics);
        let assertions = cx.assertions;
        let scope_types = env.types;
        link_tags(&mut types, &scope_types, &scope);
        let tags = named_tags(&mut types, &scope_types, &scope);
        FileTypes {
            types: Arc::new(types),
            tags,
            typedefs: walk.typedefs,
            objects: walk.objects,
            errors,
            diagnostics,
            assertions,
            entity_types: object_types(&scope_types),
            scope_types,
            scope,
        }
    }

    pub fn name(&self, id: NameId) -> &str {
        self.types.name_text(id)
    }

    /// The file-scope tag `name` (`struct`, `union` or `enum`) visible at the end.
    pub fn tag(&self, name: &str) -> Option<TypeId> {
        let tag = self.scope.lookup_tag(name, ItemId(u32::MAX))?;
        self.scope_types.tag(tag)
    }

    /// The file-scope typedef `name` visible at the end.
    pub fn typedef(&self, name: &str) -> Option<TypeId> {
        let entity = self.scope.lookup(name, ItemId(u32::MAX))?;
        match self.scope_types.entity(entity)? {
            Ordinary::Typedef(ty) => Some(ty),
            _ => None,
        }
    }

    pub fn layout(&self, ty: TypeId) -> TypeResult<Layout> {
        self.types.layout(ty)
    }

    /// The layout of a struct or union type.
    pub fn record_layout(&self, ty: TypeId) -> Option<&RecordLayout> {
        let rid = self.types.record_of(ty)?;
        self.types.record(rid)?.def.as_ref()?.layout.as_ref().ok()
    }

    /// The byte offset of the member reached by `path` (names through nested members).
    pub fn offset_of(&self, ty: TypeId, path: &[&str]) -> Option<u64> {
        let mut ty = ty;
        let mut bits = 0;
        for name in path {
            let found = self.types.find_member(self.types.record_of(ty)?, name)?;
            bits += found.offset_bits?;
            ty = found.ty;
        }
        Some(bits / 8)
    }

    /// The bit offset and the width (for a bit-field) of member `name` of a record type,
    /// found through anonymous members.
    pub fn member_bits(&self, ty: TypeId, name: &str) -> Option<(u64, Option<u32>)> {
        let found = self.types.find_member(self.types.record_of(ty)?, name)?;
        Some((found.offset_bits?, found.bit_width))
    }

    /// Evaluates a constant expression (`sizeof (struct x)`, `__builtin_offsetof (T, m)`)
    /// in the context of the end of the file scope.
    pub fn evaluate(&self, text: &str) -> TypeResult<Evaluation> {
        self.at_end(text, |cx, expr| {
            let value = cx.eval(expr)?;
            Ok((value.value, value.ty))
        })
        .map(|(value, ty)| Evaluation { value, ty })
    }

    /// The type of an expression given as text, written as C (as `typeof` gives it).
    pub fn type_of_text(&self, text: &str) -> TypeResult<String> {
        self.at_end(text, |cx, expr| Ok(((), cx.type_of(expr)?.ty)))
            .map(|((), ty)| ty)
    }

    /// Runs `f` on expression `text` in the context of the end of the file scope; with the
    /// type `f` found, written as C.
    fn at_end<T>(
        &self,
        text: &str,
        f: impl FnOnce(&mut TypeCx<'_>, &Expr) -> TypeResult<(T, TypeId)>,
    ) -> TypeResult<(T, String)> {
        let (item, expr) = self.parse_expr(text)?;
        // The text is resolved as an item after the last one.
        let end = ItemId(u32::MAX);
        let resolution = resolve_item(&self.scope, end, item.syntax());
        let start = start_of(item.syntax());
        let mut types = Types::extending(self.types.clone());
        let mut env = ItemEnv::new(&self.scope_types, &resolution, end, start);
        let mut cx = TypeCx::new(&mut types, &mut env);
        let (found, ty) = f(&mut cx, &expr)?;
        Ok((found, types.display(ty)))
    }

    /// Parses `text` as an expression, the file scope's typedef names known to the parser;
    /// with the item (a declaration) it is the initializer of.
    fn parse_expr(&self, text: &str) -> TypeResult<(ExternalDecl, Expr)> {
        let lexed = lex(text);
        let mut prefix = String::new();
        for token in lexed.tokens.iter() {
            let spelling = lexed.spelling(&token);
            if self.typedef(spelling).is_some() {
                prefix.push_str(&format!("typedef int {spelling};\n"));
            }
        }
        let source = format!("{prefix}int __klp_ccp_evaluated = ({text});\n");
        let target = self.types.target();
        let dialect = Dialect::new(target.target.gcc.major, target.c23);
        let item = snippet::last_item_in(&source, dialect)?;
        let declarator = match &item {
            ExternalDecl::Declaration(d) => d.init_declarators().next(),
            _ => None,
        };
        let expr = declarator
            .and_then(|init| init.initializer())
            .and_then(|init| match init {
                Initializer::Expr(e) => Some(e),
                Initializer::List(_) => None,
            })
            .ok_or_else(|| TypeError::new(format!("`{text}` is no expression")))?;
        Ok((item, expr))
    }
}

/// What the walk collects besides the environment.
struct Walk<'s> {
    scope: &'s FileScope,
    typedefs: Vec<TypedefEntry>,
    objects: Vec<(NameId, TypeId)>,
    /// Where each name is in `typedefs` and `objects`.
    typedef_index: FxHashMap<NameId, usize>,
    object_index: FxHashMap<NameId, usize>,
    /// The tentative definitions (6.9.2), in order, with their entities: their types must be
    /// complete by the end of the TU.
    tentative: Vec<(EntityId, Declarator)>,
}

impl<'s> Walk<'s> {
    fn new(scope: &'s FileScope) -> Walk<'s> {
        Walk {
            scope,
            typedefs: Vec::new(),
            objects: Vec::new(),
            typedef_index: FxHashMap::default(),
            object_index: FxHashMap::default(),
            tentative: Vec::new(),
        }
    }

    /// Enters item `item` (`node`): a function definition's declarator is resolved on its
    /// own, as its body's resolution has it (the file's resolution has its specifiers only).
    fn enter(&self, cx: &mut TypeCx<'_>, item: ItemId, node: &SyntaxNode) {
        let own =
            (node.kind() == SyntaxKind::FUNCTION_DEF).then(|| resolve_item(self.scope, item, node));
        cx.env.enter_item(item, start_of(node), own.as_ref());
    }

    fn item(&mut self, cx: &mut TypeCx<'_>, item: &ExternalDecl) {
        let result = match item {
            ExternalDecl::Declaration(d) => self.declaration(cx, d),
            ExternalDecl::FunctionDef(f) => self.function_def(cx, f),
            ExternalDecl::StaticAssert(assert) => {
                cx.check_static_assert(assert);
                Ok(())
            }
            ExternalDecl::Pragma(pragma) => {
                if let Some(token) = pragma.pragma_token() {
                    cx.pack.apply(token.text());
                }
                Ok(())
            }
            ExternalDecl::EmptyDecl(_) | ExternalDecl::Asm(_) | ExternalDecl::IdentDirective(_) => {
                Ok(())
            }
        };
        if let Err(e) = result {
            cx.report(e.or_at(item.syntax()));
        }
    }

    fn declaration(&mut self, cx: &mut TypeCx<'_>, d: &Declaration) -> TypeResult<()> {
        for entity in cx.declaration(d)? {
            if let Err(e) = self.declare(cx, &entity) {
                cx.report(e.or_at(&entity.node));
            }
            match &entity.initializer {
                Some(init) => cx.check_initializer(entity.ty, init),
                None if is_tentative(cx, &entity) => {
                    if let Some(id) = cx.env.declared_entity(entity.at) {
                        self.tentative.push((id, entity.declarator.clone()));
                    }
                }
                None => {}
            }
        }
        Ok(())
    }

    /// What is checked once the whole TU was seen: each object tentatively defined has a
    /// complete type by now (`int a[];` alone does not; gcc assumes one element).
    fn finish(&self, cx: &mut TypeCx<'_>) {
        let mut seen = FxHashSet::default();
        for (entity, declarator) in &self.tentative {
            let incomplete = matches!(
                cx.env.entity(*entity),
                Some(Ordinary::Object { ty, .. }) if !cx.types.is_complete(ty)
            );
            if incomplete && seen.insert(*entity) {
                cx.warn(declarator.syntax(), "init declarator has incomplete type");
            }
        }
    }

    fn function_def(&mut self, cx: &mut TypeCx<'_>, f: &FunctionDef) -> TypeResult<()> {
        let entity = cx.function_definition(f)?;
        self.declare(cx, &entity)
    }

    fn declare(&mut self, cx: &mut TypeCx<'_>, entity: &Declared) -> TypeResult<()> {
        if entity.storage == Storage::Typedef {
            self.declare_typedef(cx, entity)
        } else {
            self.declare_object(cx, entity)
        }
    }

    /// What the name declared at `at` denoted before: the entity's earlier declarations, or,
    /// when name resolution made a new entity of another kind, the one it hides.
    fn earlier(&self, cx: &TypeCx<'_>, at: u32) -> Option<Ordinary> {
        let entity = cx.env.declared_entity(at)?;
        if cx.env.conflict(at) != Some(ConflictKind::DifferentKind) {
            return cx.env.entity(entity);
        }
        let name = self.scope.entities.get(entity.0 as usize)?.name;
        let before = self.scope.entities.get(..entity.0 as usize)?;
        let earlier = before.iter().rposition(|e| e.name == name)?;
        cx.env.entity(EntityId(earlier as u32))
    }

    /// Declares a typedef; redeclaring one with another type is an error (C11 allows the
    /// same type again).
    fn declare_typedef(&mut self, cx: &mut TypeCx<'_>, entity: &Declared) -> TypeResult<()> {
        let (id, ty) = (entity.name, entity.ty);
        let conflict = match self.earlier(cx, entity.at) {
            Some(Ordinary::Typedef(old)) => !cx.types.compatible(old, ty),
            Some(_) => true,
            None => false,
        };
        cx.declare_ordinary(entity.at, Ordinary::Typedef(ty));
        match self.typedef_index.get(&id) {
            Some(&i) => self.typedefs[i].ty = ty,
            None => {
                self.typedef_index.insert(id, self.typedefs.len());
                self.typedefs.push(TypedefEntry { name: id, ty });
            }
        }
        conflict_error(cx, conflict, id)
    }

    /// Declares an object or function, its type the composite of all its declarations; one
    /// whose type is incompatible with an earlier one's is an error (and replaces it), which
    /// klp-ccp reports when the earlier one is an object or function too.
    fn declare_object(&mut self, cx: &mut TypeCx<'_>, entity: &Declared) -> TypeResult<()> {
        let (id, ty, align) = (entity.name, entity.ty, entity.align);
        let previous = match self.earlier(cx, entity.at) {
            Some(Ordinary::Object { ty, align, .. }) => Some(Some((ty, align))),
            Some(Ordinary::Function(ty)) => Some(Some((ty, None))),
            Some(_) => Some(None),
            None => None,
        };
        let (ty, align, conflict) = match previous {
            Some(Some((old, old_align))) if agrees(cx, old, entity) => {
                (cx.types.composite(ty, old), align.max(old_align), false)
            }
            Some(Some(_)) => {
                let at = entity.declarator.name();
                let at = at.as_ref().map_or(&entity.node, |name| name.syntax());
                cx.warn(at, "incompatible redeclaration");
                (ty, align, true)
            }
            Some(None) => (ty, align, true),
            None => (ty, align, false),
        };
        let what = if matches!(cx.types.kind(ty), TypeKind::Function(_)) {
            Ordinary::Function(ty)
        } else {
            Ordinary::Object {
                ty,
                align,
                constant: entity.constant,
            }
        };
        cx.declare_ordinary(entity.at, what);
        match self.object_index.get(&id) {
            Some(&i) => self.objects[i].1 = ty,
            None => {
                self.object_index.insert(id, self.objects.len());
                self.objects.push((id, ty));
            }
        }
        conflict_error(cx, conflict, id)
    }
}

/// Whether a declaration without initializer is a tentative definition: of an object, not
/// `extern`.
fn is_tentative(cx: &TypeCx<'_>, entity: &Declared) -> bool {
    matches!(entity.storage, Storage::None | Storage::Static)
        && cx.types.fn_type(entity.ty).is_none()
}

/// Whether a redeclaration agrees with the earlier declaration's type `old`: compatible, and
/// an old-style definition with an earlier prototype.
fn agrees(cx: &mut TypeCx<'_>, old: TypeId, entity: &Declared) -> bool {
    cx.types.compatible(old, entity.ty)
        && FunctionDef::cast(entity.node.clone())
            .is_none_or(|f| cx.old_style_definition_agrees(&f, old))
}

fn conflict_error(cx: &TypeCx<'_>, conflict: bool, id: NameId) -> TypeResult<()> {
    if conflict {
        let name = cx.types.name_text(id);
        return Err(TypeError::new(format!("conflicting types for `{name}`")));
    }
    Ok(())
}
