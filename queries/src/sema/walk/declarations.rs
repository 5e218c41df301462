//! Declarations and their specifiers: what each declarator declares, with the storage class,
//! `inline` and `gnu_inline` that decide its linkage.

use syntax::syntax_kind::SyntaxKind::*;

use super::declarators::{DeclaratorInfo, is_declarator};
use super::{Outer, Walker};
use crate::sema::flat::{Keyword, Node};
use crate::sema::linkage::NewDecl;
use crate::sema::resolution::{LocalKind, LocalStorage, Namespace};
use crate::sema::specs::{Shape, SpecInfo};
use crate::sema::symbols::{DeclId, EntityKind, Storage};

impl Walker<'_, '_> {
    /// A declaration; `kr`: an old-style parameter declaration of a function definition.
    pub(super) fn declaration(&mut self, node: Node, kr: bool) {
        let mut info = SpecInfo::default();
        self.each_child(node, |walker, child| match walker.flat.kind(child) {
            DECL_SPECS => info = walker.specs(child),
            INIT_DECLARATOR => walker.init_declarator(child, info, kr),
            _ => walker.node(child),
        });
    }

    /// `declarator attributes = initializer`: the name is declared after the declarator and
    /// its attributes, before the initializer.
    fn init_declarator(&mut self, node: Node, mut info: SpecInfo, kr: bool) {
        let mut pending: Option<DeclaratorInfo> = None;
        let outer_gnu_inline = std::mem::replace(&mut self.gnu_inline_seen, false);
        self.each_child(node, |walker, child| {
            let kind = walker.flat.kind(child);
            if is_declarator(kind) {
                pending = Some(walker.declarator(child));
                return;
            }
            if !matches!(kind, ATTRIBUTE_SPEC | ASM_LABEL)
                && let Some(declarator) = pending.take()
            {
                // The initializer follows.
                info.gnu_inline |= walker.gnu_inline_seen;
                walker.declare_declarator(declarator, info, true, kr);
            }
            walker.node(child);
        });
        if let Some(declarator) = pending {
            info.gnu_inline |= self.gnu_inline_seen;
            self.declare_declarator(declarator, info, false, kr);
        }
        self.gnu_inline_seen = outer_gnu_inline;
    }

    /// Walks declaration specifiers and reads what decides linkage.
    pub(super) fn specs(&mut self, node: Node) -> SpecInfo {
        let mut info = self.keyword_info(node);
        let outer_gnu_inline = std::mem::replace(&mut self.gnu_inline_seen, false);
        self.each_child(node, |walker, child| match walker.flat.kind(child) {
            TYPEDEF_NAME => {
                let target = walker.typedef_name(child);
                info.function_type |= walker.denotes_function(target);
            }
            TYPEOF_SPEC => {
                walker.node(child);
                info.function_type |= walker.typeof_function(child);
            }
            _ => walker.node(child),
        });
        info.gnu_inline = self.gnu_inline_seen;
        self.gnu_inline_seen = outer_gnu_inline;
        info
    }

    /// The storage class and function specifiers among the keywords.
    fn keyword_info(&self, specs: Node) -> SpecInfo {
        let has = |keyword| self.flat.has_keyword(specs, keyword);
        let storage = [
            (Keyword::Typedef, Storage::Typedef),
            (Keyword::Extern, Storage::Extern),
            (Keyword::Static, Storage::Static),
            (Keyword::Auto, Storage::Auto),
            (Keyword::Register, Storage::Register),
        ]
        .into_iter()
        .find(|&(keyword, _)| has(keyword))
        .map_or(Storage::None, |(_, storage)| storage);
        SpecInfo {
            storage,
            thread_local: has(Keyword::ThreadLocal),
            inline: has(Keyword::Inline),
            ..SpecInfo::default()
        }
    }

    /// Whether `typeof (...)` gives a function type: of a function's name, or of a type name
    /// without declarator whose specifiers name a function type.
    fn typeof_function(&self, node: Node) -> bool {
        self.flat
            .children(node)
            .any(|operand| match self.flat.kind(operand) {
                TYPE_NAME => {
                    !self
                        .flat
                        .children(operand)
                        .any(|c| is_declarator(self.flat.kind(c)))
                        && self
                            .flat
                            .child_of_kind(operand, DECL_SPECS)
                            .is_some_and(|specs| self.specs_name_function(specs))
                }
                _ => self.expr_denotes_function(operand),
            })
    }

    fn specs_name_function(&self, specs: Node) -> bool {
        self.flat
            .children(specs)
            .any(|child| match self.flat.kind(child) {
                TYPEDEF_NAME => self.denotes_function(self.resolve_ordinary(self.flat.text(child))),
                TYPEOF_SPEC => self.typeof_function(child),
                _ => false,
            })
    }

    fn expr_denotes_function(&self, expr: Node) -> bool {
        match self.flat.kind(expr) {
            PAREN_EXPR => self
                .flat
                .first_child(expr)
                .is_some_and(|inner| self.expr_denotes_function(inner)),
            IDENT_EXPR => self.denotes_function(self.resolve_ordinary(self.flat.text(expr))),
            _ => false,
        }
    }

    /// Declares a declarator's name.
    fn declare_declarator(
        &mut self,
        declarator: DeclaratorInfo,
        info: SpecInfo,
        init: bool,
        kr: bool,
    ) {
        let Some(name) = declarator.name else {
            return;
        };
        let function = match declarator.shape {
            Shape::Function => true,
            Shape::Object => false,
            Shape::Plain => info.function_type,
        };
        if self.at_file_scope() {
            self.declare_file(name, info, function, init);
            return;
        }
        let kind = if kr {
            LocalKind::Param
        } else {
            self.local_kind(self.flat.text(name), info, function)
        };
        self.declare_local(Namespace::Ordinary, name, kind);
    }

    /// Adds a file-scope declaration to the table being built.
    pub(super) fn declare_file(
        &mut self,
        name: Node,
        info: SpecInfo,
        function: bool,
        defines: bool,
    ) -> Option<DeclId> {
        let at = self.anchor(name);
        let text = self.flat.text(name);
        let Outer::Building(builder) = &mut self.outer else {
            return None;
        };
        let new = NewDecl {
            name: text,
            at,
            info,
            function,
            defines,
        };
        Some(builder.declare(&new).1)
    }

    /// What a block-scope declaration declares.
    fn local_kind(&self, name: &str, info: SpecInfo, function: bool) -> LocalKind {
        match info.storage {
            Storage::Typedef => LocalKind::Typedef {
                function_type: function,
            },
            Storage::Extern => self.extern_local(name, function),
            // GNU: `auto` declares a nested function ahead of its definition.
            Storage::Auto if function => LocalKind::NestedFunction,
            _ if function => self.extern_local(name, function),
            Storage::Static => LocalKind::Object(LocalStorage::Static),
            Storage::Register => LocalKind::Object(LocalStorage::Register),
            _ => LocalKind::Object(LocalStorage::Automatic),
        }
    }

    /// A block-scope declaration with linkage, linked to the file-scope object or function of
    /// its name (gcc links to it even when an inner declaration hides it).
    fn extern_local(&self, name: &str, function: bool) -> LocalKind {
        let entity = self.file_lookup(name).filter(|&e| {
            matches!(
                self.file_scope().entity(e).kind,
                EntityKind::Object | EntityKind::Function
            )
        });
        LocalKind::Extern { function, entity }
    }
}
