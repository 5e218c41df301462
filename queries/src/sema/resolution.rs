//! What name resolution finds in a function body (or in the file-scope items outside bodies):
//! the scopes, the declarations local to them, and every identifier use with what it denotes.

use super::symbols::{Anchor, EntityId, TagId, TagKind, TagRole};
use crate::names::{NameId, Names};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LocalId(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScopeId(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    /// A function definition's parameters and outermost block (one scope, as in C).
    Function,
    /// A compound statement.
    Block,
    /// A `for`, `if`, `switch`, `while` or `do` statement (C99 makes each a block).
    Statement,
    /// A parameter list that is not a definition's: its names end with the list.
    Prototype,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    /// `None`: directly inside file scope.
    pub parent: Option<ScopeId>,
    pub kind: ScopeKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalStorage {
    Automatic,
    Register,
    /// Block-scope `static`: no linkage, static storage duration.
    Static,
}

/// What a local declaration declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalKind {
    Param,
    /// An object without linkage.
    Object(LocalStorage),
    /// A block-scope declaration with linkage (`extern`, or a function declaration). `entity`
    /// is the file-scope entity of the name declared before the function, if any (gcc links
    /// to it even when an inner declaration hides it).
    Extern {
        function: bool,
        entity: Option<EntityId>,
    },
    /// A GNU nested function definition.
    NestedFunction,
    Typedef {
        function_type: bool,
    },
    Enumerator,
    Tag(TagKind, TagRole),
    /// `declared`: a `__label__` declaration; otherwise the label's definition `name:`.
    Label {
        declared: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Local {
    pub name: NameId,
    pub at: Anchor,
    /// `None` for function-wide labels, which belong to no block.
    pub scope: Option<ScopeId>,
    pub kind: LocalKind,
    /// The earlier declaration of the same thing in the same scope (a redeclared `extern`, a
    /// K&R parameter's declaration, a tag's definition after `struct S;`, a `__label__`
    /// label's definition).
    pub previous: Option<LocalId>,
}

/// The three namespaces of C identifiers that name resolution deals with (members are looked
/// up by type, later).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Namespace {
    Ordinary,
    Tag,
    Label,
}

/// What a use denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Local(LocalId),
    /// A file-scope object, function, typedef or enumerator.
    Entity(EntityId),
    /// A file-scope tag.
    Tag(TagId),
    /// A gcc builtin function (`__builtin_expect`, `__sync_fetch_and_add`, ...).
    Builtin,
    /// A gcc builtin type name (`__builtin_va_list`).
    BuiltinType,
    /// `__func__`, `__FUNCTION__`, `__PRETTY_FUNCTION__`.
    FunctionName,
    Undeclared,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Use {
    pub at: Anchor,
    pub namespace: Namespace,
    pub target: Target,
}

/// The resolution of one function definition (declarator, parameters, body), or of the
/// file-scope items outside function bodies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resolution {
    /// The names of `locals`.
    pub names: Names,
    pub scopes: Vec<Scope>,
    pub locals: Vec<Local>,
    /// Every identifier use, in source order per item.
    pub uses: Vec<Use>,
}

impl Resolution {
    pub fn local(&self, id: LocalId) -> &Local {
        &self.locals[id.0 as usize]
    }

    pub fn scope(&self, id: ScopeId) -> &Scope {
        &self.scopes[id.0 as usize]
    }

    /// Uses of ordinary identifiers that nothing declares: klp-ccp's "not declared" warnings.
    pub fn undeclared(&self) -> impl Iterator<Item = &Use> {
        self.uses
            .iter()
            .filter(|u| u.namespace == Namespace::Ordinary && u.target == Target::Undeclared)
    }
}
