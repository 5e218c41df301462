//! The resolving walk over syntax: scopes open and close as C's rules say, declarations bind
//! names from the end of their declarator on, and every identifier use is looked up in the
//! local scopes, then at file scope, then among gcc's builtins.
//!
//! The same walk builds the file scope (over the items outside function bodies) and resolves
//! function bodies against a finished file scope; `Outer` is what differs. It walks one item
//! at a time, flattened (see `flat`).

mod declarations;
mod declarators;
mod functions;
mod labels;
mod tags;

use syntax::syntax_kind::SyntaxKind::*;
use syntax::syntax_kind::SyntaxNode;

use super::builtins;
use super::flat::{Flat, Node};
use super::linkage::FileScopeBuilder;
use super::resolution::{
    Local, LocalId, LocalKind, Namespace, Resolution, Scope, ScopeId, ScopeKind, Target, Use,
};
use super::scopes::LocalScopes;
use super::symbols::{Anchor, EntityId, EntityKind, FileScope, ItemId, TagId};
use labels::LabelContext;

/// The file scope as the walk sees it.
pub(super) enum Outer<'a> {
    /// Walking the items outside function bodies: file-scope declarations are added to the
    /// table being built.
    Building(&'a mut FileScopeBuilder),
    /// Walking a function definition: the finished table, as its item sees it.
    Frozen(&'a FileScope),
}

pub(super) struct Walker<'a, 'g> {
    outer: Outer<'a>,
    /// The item being walked, flattened, and where it starts.
    flat: Flat<'g>,
    item: ItemId,
    item_start: u32,
    scopes: LocalScopes,
    res: Resolution,
    /// Entering a function definition: the first function declarator applied directly to the
    /// name declares the parameters of the function's scope, not of a prototype scope.
    defining: bool,
    /// The file-scope enumeration whose constants are being declared.
    file_enum: Option<TagId>,
    /// Inside attribute arguments, identifiers may be attribute keywords (`printf` in
    /// `format(printf, 1, 2)`): only the ones that resolve are uses.
    in_attribute: u32,
    /// A `gnu_inline` attribute was met since the declaration's specifiers began.
    gnu_inline_seen: bool,
    labels: LabelContext,
}

impl<'a, 'g> Walker<'a, 'g> {
    pub(super) fn new(outer: Outer<'a>) -> Self {
        Walker {
            outer,
            flat: Flat::default(),
            item: ItemId(0),
            item_start: 0,
            scopes: LocalScopes::default(),
            res: Resolution::default(),
            defining: false,
            file_enum: None,
            in_attribute: 0,
            gnu_inline_seen: false,
            labels: LabelContext::default(),
        }
    }

    /// Makes `node`, item `item` of its tree, the one walked; returns its root. With
    /// `prune_bodies`, a function definition's body is left out.
    pub(super) fn enter_item(
        &mut self,
        item: ItemId,
        node: &'g SyntaxNode,
        prune_bodies: bool,
    ) -> Option<Node> {
        self.item = item;
        self.item_start = u32::from(node.text_range().start());
        self.flat.fill(node, prune_bodies);
        self.flat.root()
    }

    pub(super) fn finish(self) -> Resolution {
        self.res
    }

    /// Walks a node, resolving what it uses and declaring what it declares.
    pub(super) fn node(&mut self, node: Node) {
        match self.flat.kind(node) {
            IDENT_EXPR => self.ident_expr(node),
            TYPEDEF_NAME => {
                self.typedef_name(node);
            }
            // Declared names are handled by what declares them; member names, designators,
            // `offsetof` steps are not ordinary identifiers; literals hold none.
            NAME | NAME_REF | LITERAL => {}
            COMPOUND_STMT => self.block(node, ScopeKind::Block),
            FOR_STMT | IF_STMT | SWITCH_STMT | WHILE_STMT | DO_STMT => {
                self.block(node, ScopeKind::Statement)
            }
            DECLARATION => self.declaration(node, false),
            DECL_SPECS => {
                self.specs(node);
            }
            FUNCTION_DEF => self.nested_function(node),
            POINTER_DECLARATOR | ARRAY_DECLARATOR | FN_DECLARATOR | PAREN_DECLARATOR => {
                self.declarator(node);
            }
            PARAM_DECL => self.param_decl(node),
            STRUCT_SPEC | ENUM_SPEC => self.tag_spec(node),
            ENUMERATOR => self.enumerator(node),
            LABELED_STMT => self.labeled_stmt(node),
            LABEL_DECL => self.label_decl(node),
            GOTO_STMT | LABEL_ADDR_EXPR | ASM_LABELS => self.label_uses(node),
            ATTRIBUTE => self.attribute(node),
            _ => self.children(node),
        }
    }

    fn children(&mut self, node: Node) {
        self.each_child(node, |walker, child| walker.node(child));
    }

    /// Calls `f` on each child of `node`, in order.
    fn each_child(&mut self, node: Node, mut f: impl FnMut(&mut Self, Node)) {
        let mut child = self.flat.first_child(node);
        while let Some(current) = child {
            f(self, current);
            child = self.flat.next_sibling(current);
        }
    }

    fn block(&mut self, node: Node, kind: ScopeKind) {
        self.push_scope(kind);
        self.children(node);
        self.scopes.pop();
    }

    fn push_scope(&mut self, kind: ScopeKind) -> ScopeId {
        let id = ScopeId(self.res.scopes.len() as u32);
        self.res.scopes.push(Scope {
            parent: self.scopes.current(),
            kind,
        });
        self.scopes.push(id);
        id
    }

    /// `name (args)`: `gnu_inline` is noted for the declaration being walked; the arguments
    /// are walked with unresolved identifiers ignored.
    fn attribute(&mut self, node: Node) {
        if matches!(self.flat.text(node), "gnu_inline" | "__gnu_inline__") {
            self.gnu_inline_seen = true;
        }
        self.in_attribute += 1;
        self.children(node);
        self.in_attribute -= 1;
    }

    /// The anchor of a node (of the identifier that begins it).
    fn anchor(&self, node: Node) -> Anchor {
        Anchor {
            item: self.item,
            offset: self.flat.start(node).saturating_sub(self.item_start),
        }
    }

    fn ident_expr(&mut self, node: Node) {
        let target = self.resolve_ordinary(self.flat.text(node));
        if target == Target::Undeclared && self.in_attribute > 0 {
            return;
        }
        self.record(node, Namespace::Ordinary, target);
    }

    /// Resolves a typedef name used as a type specifier. The parser only makes one of a name
    /// declared as a typedef, so a miss is the parser's and scoping's disagreement, which is
    /// no diagnostic of the program.
    fn typedef_name(&mut self, node: Node) -> Target {
        let target = self.resolve_ordinary(self.flat.text(node));
        if target != Target::Undeclared {
            self.record(node, Namespace::Ordinary, target);
        }
        target
    }

    /// Records a use of the identifier that begins `node`; returns its index.
    fn record(&mut self, node: Node, namespace: Namespace, target: Target) -> usize {
        let at = self.anchor(node);
        self.res.uses.push(Use {
            at,
            namespace,
            target,
        });
        self.res.uses.len() - 1
    }

    /// What an ordinary identifier denotes here.
    fn resolve_ordinary(&self, text: &str) -> Target {
        let local = self
            .res
            .names
            .get(text)
            .and_then(|name| self.scopes.lookup(Namespace::Ordinary, name));
        if let Some(local) = local {
            return Target::Local(local);
        }
        if let Some(entity) = self.file_lookup(text) {
            return Target::Entity(entity);
        }
        if builtins::is_builtin_function(text) {
            Target::Builtin
        } else if builtins::is_function_name(text) {
            Target::FunctionName
        } else if builtins::is_builtin_type(text) {
            Target::BuiltinType
        } else {
            Target::Undeclared
        }
    }

    fn file_lookup(&self, text: &str) -> Option<EntityId> {
        match &self.outer {
            Outer::Building(builder) => builder.lookup(text),
            Outer::Frozen(scope) => scope.lookup(text, self.item),
        }
    }

    fn file_tag_lookup(&self, text: &str) -> Option<TagId> {
        match &self.outer {
            Outer::Building(builder) => builder.lookup_tag(text),
            Outer::Frozen(scope) => scope.lookup_tag(text, self.item),
        }
    }

    fn file_scope(&self) -> &FileScope {
        match &self.outer {
            Outer::Building(builder) => builder.scope(),
            Outer::Frozen(scope) => scope,
        }
    }

    /// Whether what `target` denotes is a function or names a function type.
    fn denotes_function(&self, target: Target) -> bool {
        match target {
            Target::Local(local) => matches!(
                self.res.local(local).kind,
                LocalKind::Extern { function: true, .. }
                    | LocalKind::NestedFunction
                    | LocalKind::Typedef {
                        function_type: true
                    }
            ),
            Target::Entity(entity) => matches!(
                self.file_scope().entity(entity).kind,
                EntityKind::Function
                    | EntityKind::Typedef {
                        function_type: true
                    }
            ),
            Target::Builtin => true,
            _ => false,
        }
    }

    /// Declares the identifier of `name` in the current local scope; a declaration of the
    /// same name in the same scope becomes its `previous`.
    fn declare_local(&mut self, namespace: Namespace, name: Node, kind: LocalKind) {
        let name_id = self.res.names.intern(self.flat.text(name));
        let scope = self.scopes.current();
        let previous = self
            .scopes
            .lookup(namespace, name_id)
            .filter(|&l| self.res.local(l).scope == scope);
        let id = self.add_local(Local {
            name: name_id,
            at: self.anchor(name),
            scope,
            kind,
            previous,
        });
        self.scopes.bind(namespace, name_id, id);
    }

    fn add_local(&mut self, local: Local) -> LocalId {
        let id = LocalId(self.res.locals.len() as u32);
        self.res.locals.push(local);
        id
    }

    /// Whether declarations now go to the file scope being built.
    fn at_file_scope(&self) -> bool {
        self.scopes.current().is_none()
    }
}
