//! The types of a TU's file scope: a walk over its top-level items in order (tags and
//! typedefs are declared, completed and redeclared as the walk meets them; function bodies
//! are not entered), giving every file-scope tag, typedef, object and function its type and
//! every record its layout.
//!
//! `FileEnv` is the file scope's `TypeEnv`: the seam where name resolution's scopes plug in
//! once they carry types (they would record tags and typedefs as this one does).

use rustc_hash::{FxHashMap, FxHashSet};
use syntax::ast::{AstNode, Declaration, Declarator, Expr, ExternalDecl, FunctionDef, Initializer};
use syntax::lexer::lex;
use syntax::syntax_kind::SyntaxNode;

use super::arena::Types;
use super::builtins::builtin_typedefs;
use super::cx::{AssertionTally, TypeCx};
use super::declare::Declared;
use super::env::{Ordinary, TypeEnv};
use super::error::{TypeDiagnostic, TypeError, TypeResult};
use super::file_env::{BodyEnv, FileEnv, FileScopeAt};
use super::layout::RecordLayout;
use super::link::{link_tags, object_entities};
use super::lower::Storage;
use super::size::Layout;
use super::snippet;
use super::target::TargetInfo;
use super::ty::{TypeId, TypeKind};
use super::value::ConstValue;
use crate::names::NameId;
use crate::sema::{Anchor, EntityId, FileScope, ItemId};
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
    /// The composite type of each of name resolution's file-scope objects and functions
    /// (filled by `FileTypes::resolved`).
    pub entity_types: FxHashMap<EntityId, TypeId>,
    env: FileEnv,
}

/// The result of evaluating a constant expression given as text.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub value: ConstValue,
    /// The constant's type, written as C.
    pub ty: String,
}

impl FileTypes {
    /// Walks the top level of a parsed TU.
    pub fn new(root: &SyntaxNode, target: TargetInfo) -> FileTypes {
        Self::walk(root, target, None)
    }

    /// Walks the top level of a parsed TU whose file scope name resolution gave as `scope`:
    /// its tags' types and its objects' types are keyed by `scope`'s ids too (the records'
    /// and enums' `file_tag`, `entity_types`).
    pub fn resolved(root: &SyntaxNode, target: TargetInfo, scope: &FileScope) -> FileTypes {
        Self::walk(root, target, Some(scope))
    }

    fn walk(root: &SyntaxNode, target: TargetInfo, scope: Option<&FileScope>) -> FileTypes {
        let mut types = Types::new(target);
        let mut env = FileEnv::default();
        for (name, ty) in builtin_typedefs(&mut types) {
            let id = types.intern_name(name);
            env.declare_ordinary(id, Ordinary::Typedef(ty));
        }
        let mut walk = Walk::default();
        let mut cx = TypeCx::new(&mut types, &mut env);
        // Items are numbered as the root's children (tokens included), as name resolution
        // numbers them.
        for (index, child) in root.children_with_tokens().enumerate() {
            let start = u32::from(child.text_range().start());
            if let Some(item) = child.into_node().and_then(ExternalDecl::cast) {
                cx.env.set_item(index as u32, start);
                (walk.item, walk.item_start) = (ItemId(index as u32), start);
                walk.item(&mut cx, &item);
            }
        }
        walk.finish(&mut cx);
        let errors = std::mem::take(&mut cx.errors);
        let diagnostics = std::mem::take(&mut cx.diagnostics);
        let assertions = cx.assertions;
        let mut entity_types = FxHashMap::default();
        if let Some(scope) = scope {
            link_tags(&mut types, &env.tag_anchors, scope);
            entity_types = object_entities(&walk.objects, &walk.object_anchors, scope);
        }
        env.tag_anchors = Vec::new();
        // The walk's cursor means nothing after it, and an item's start moves when a body
        // before it is edited: kept, it would make the file scope compare unequal and re-type
        // every body.
        env.set_item(0, 0);
        FileTypes {
            types: Arc::new(types),
            tags: env.tags.clone(),
            typedefs: walk.typedefs,
            objects: walk.objects,
            errors,
            diagnostics,
            assertions,
            entity_types,
            env,
        }
    }

    /// The file scope as a function body defined by item `item` (an index among the root's
    /// children) sees it.
    pub(super) fn scope_at(&self, item: u32) -> FileScopeAt<'_> {
        self.env.at(item)
    }

    pub fn name(&self, id: NameId) -> &str {
        self.types.name_text(id)
    }

    /// The file-scope tag `name` (`struct`, `union` or `enum`).
    pub fn tag(&self, name: &str) -> Option<TypeId> {
        let id = self.types.lookup_name(name)?;
        self.env.scopes.tag(id).map(|t| t.ty)
    }

    pub fn typedef(&self, name: &str) -> Option<TypeId> {
        let id = self.types.lookup_name(name)?;
        match self.env.scopes.ordinary(id)? {
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
        let expr = self.parse_expr(text)?;
        let mut types = Types::extending(self.types.clone());
        let mut env = BodyEnv::new(self.env.at(u32::MAX));
        let mut cx = TypeCx::new(&mut types, &mut env);
        let (found, ty) = f(&mut cx, &expr)?;
        Ok((found, types.display(ty)))
    }

    /// Parses `text` as an expression, the file scope's typedef names known to the parser.
    fn parse_expr(&self, text: &str) -> TypeResult<Expr> {
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
        let declarator = match item {
            ExternalDecl::Declaration(d) => d.init_declarators().next(),
            _ => None,
        };
        declarator
            .and_then(|init| init.initializer())
            .and_then(|init| match init {
                Initializer::Expr(e) => Some(e),
                Initializer::List(_) => None,
            })
            .ok_or_else(|| TypeError::new(format!("`{text}` is no expression")))
    }
}

/// What the walk collects besides the environment.
#[derive(Default)]
struct Walk {
    typedefs: Vec<TypedefEntry>,
    objects: Vec<(NameId, TypeId)>,
    /// Where each name is in `typedefs` and `objects`.
    typedef_index: FxHashMap<NameId, usize>,
    object_index: FxHashMap<NameId, usize>,
    /// The tentative definitions (6.9.2), in order: their types must be complete by the end
    /// of the TU.
    tentative: Vec<(NameId, Declarator)>,
    /// The item walked, and where it starts in the text.
    item: ItemId,
    item_start: u32,
    /// Each declarator of an object or function, where its name is (as name resolution
    /// anchors declarations), with its name's place in `objects`.
    object_anchors: Vec<(Anchor, usize)>,
}

impl Walk {
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
                    self.tentative
                        .push((entity.name, entity.declarator.clone()));
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
        for (name, declarator) in &self.tentative {
            let incomplete = matches!(
                cx.env.ordinary(*name),
                Some(Ordinary::Object { ty, .. }) if !cx.types.is_complete(ty)
            );
            if incomplete && seen.insert(*name) {
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
            self.declare_typedef(cx, entity.name, entity.ty)
        } else {
            self.declare_object(cx, entity)
        }
    }

    /// Declares a typedef; redeclaring one with another type is an error (C11 allows the
    /// same type again).
    fn declare_typedef(&mut self, cx: &mut TypeCx<'_>, id: NameId, ty: TypeId) -> TypeResult<()> {
        let conflict = match cx.env.ordinary(id) {
            Some(Ordinary::Typedef(old)) => !cx.types.compatible(old, ty),
            Some(_) => true,
            None => false,
        };
        cx.env.declare_ordinary(id, Ordinary::Typedef(ty));
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
        let previous = match cx.env.ordinary(id) {
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
        cx.env.declare_ordinary(id, what);
        let index = match self.object_index.get(&id) {
            Some(&i) => {
                self.objects[i].1 = ty;
                i
            }
            None => {
                self.object_index.insert(id, self.objects.len());
                self.objects.push((id, ty));
                self.objects.len() - 1
            }
        };
        if let Some(name) = entity.declarator.name() {
            let at = u32::from(name.syntax().text_range().start());
            let anchor = Anchor {
                item: self.item,
                offset: at.saturating_sub(self.item_start),
            };
            self.object_anchors.push((anchor, index));
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
