//! The evaluation context: the arena types are made in, the scopes names are looked up in,
//! the `#pragma pack` state, and the errors found on the way that did not stop evaluation
//! (a member that has no type makes its record's layout an error, and is reported here).

use super::arena::Types;
use super::env::{Ordinary, TagAt, TypeEnv};
use rustc_hash::{FxHashMap, FxHashSet};
use syntax::syntax_kind::SyntaxNode;

use super::error::{NodeKey, Span, TypeDiagnostic, TypeError, TypeResult};
use super::pragma::PackState;
use super::ty::TypeId;
use syntax::diagnostic::Severity;

/// Compile-time assertions met: `_Static_assert`, and guarded calls of functions declared
/// with `error` (the kernel's `BUILD_BUG_ON`). A failed one is an error.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AssertionTally {
    /// Evaluated, and held.
    pub held: u32,
    /// Not a constant expression by C's rules (gcc's optimizer decides).
    pub undecided: u32,
    /// Unconditional: marking code gcc must find unreachable (`BUILD_BUG()`).
    pub unreachable: u32,
}

pub struct TypeCx<'a> {
    pub types: &'a mut Types,
    pub env: &'a mut dyn TypeEnv,
    pub pack: PackState,
    /// Errors that were recovered from, in the order found.
    pub errors: Vec<TypeError>,
    /// klp-ccp's diagnostics about the code (what `klp-ccp check` prints), in the order found.
    /// Unlike `errors`, which say that something could not be typed, these are findings about
    /// code that could.
    pub diagnostics: Vec<TypeDiagnostic>,
    /// The return type of the function whose body is walked.
    pub(super) return_type: Option<TypeId>,
    /// The types of the expressions typed so far, by node: checks look at the types of an
    /// operation's operands, which were typed before.
    pub(super) typed: FxHashMap<NodeKey, TypeResult<super::typing::Typed>>,
    /// The values of the expressions evaluated so far, by node (checks evaluate operands,
    /// which their own checks evaluated before).
    pub(super) evaluated: FxHashMap<NodeKey, TypeResult<super::eval::Const>>,
    /// The functions declared with `__attribute__((error))` (a call that survives is a
    /// compile-time error).
    pub(super) error_functions: FxHashSet<crate::names::NameId>,
    /// The compile-time assertions evaluated so far.
    pub assertions: AssertionTally,
    /// How many parameter lists are being read (their array sizes need not be constant).
    pub(super) in_params: u32,
    /// How deep evaluation is nested, against `MAX_DEPTH`.
    depth: u32,
    /// How many pieces of text not from the tree (a builtin's signature) are being read:
    /// their places mean nothing to the scopes, which they must neither read nor change.
    pub(super) detached: u32,
    /// The struct, union and enum definitions lowered so far, by their syntax node: typing
    /// may meet one twice (`sizeof (struct s {...})` in both typing and evaluation of an
    /// expression), which must give the type of the first time, not a redefinition.
    pub(super) defined: FxHashMap<SyntaxNode, TypeId>,
}

/// The deepest nesting of expressions and specifiers evaluated: beyond it, an error rather
/// than an overflowing stack (the parser keeps trees of up to 4000 levels). Sized for the
/// 2 MiB stack of a test thread in a debug build: 400 levels of expressions, 50 of structs.
const MAX_DEPTH: u32 = 400;

impl<'a> TypeCx<'a> {
    pub fn new(types: &'a mut Types, env: &'a mut dyn TypeEnv) -> TypeCx<'a> {
        TypeCx {
            types,
            env,
            pack: PackState::default(),
            errors: Vec::new(),
            diagnostics: Vec::new(),
            return_type: None,
            typed: FxHashMap::default(),
            evaluated: FxHashMap::default(),
            error_functions: FxHashSet::default(),
            assertions: AssertionTally::default(),
            in_params: 0,
            depth: 0,
            detached: 0,
            defined: FxHashMap::default(),
        }
    }

    /// Records an error that evaluation went on after.
    pub(super) fn report(&mut self, error: TypeError) {
        self.errors.push(error);
    }

    /// Reports klp-ccp's warning `message` about the code `node` covers.
    pub(super) fn warn(&mut self, node: &SyntaxNode, message: &str) {
        self.diagnose(Severity::Warning, node, message);
    }

    /// Reports klp-ccp's error `message` about the code `node` covers (`check` fails).
    pub(super) fn error(&mut self, node: &SyntaxNode, message: &str) {
        self.diagnose(Severity::Error, node, message);
    }

    fn diagnose(&mut self, severity: Severity, node: &SyntaxNode, message: &str) {
        self.diagnose_span(severity, Span::of(node), message);
    }

    /// Reports klp-ccp's diagnostic `message` about the code in `span`. Code is evaluated
    /// more than once at times (a cast's type name is lowered by typing and by evaluation), a
    /// finding is reported once.
    pub(super) fn diagnose_span(&mut self, severity: Severity, span: Span, message: &str) {
        let seen = self
            .diagnostics
            .iter()
            .any(|d| d.span == span && d.message == message);
        if !seen {
            self.diagnostics.push(TypeDiagnostic {
                severity,
                message: message.to_owned(),
                span,
            });
        }
    }

    /// Runs `f` `cost` levels deeper (a level of specifiers, with a struct body in it, takes
    /// more stack than one of expressions), an error beyond `MAX_DEPTH`; errors without a
    /// place are located at `node`.
    pub(super) fn nested<T>(
        &mut self,
        node: &SyntaxNode,
        cost: u32,
        f: impl FnOnce(&mut Self) -> TypeResult<T>,
    ) -> TypeResult<T> {
        if self.depth + cost > MAX_DEPTH {
            return Err(TypeError::at("nested too deeply", node));
        }
        self.depth += cost;
        let result = f(self);
        self.depth -= cost;
        result.map_err(|e| e.or_at(node))
    }

    /// The memoized result of `compute` for expression node `node`, kept in the table `table`
    /// picks: an expression is typed and evaluated once, however often its parents ask.
    pub(super) fn memoized<T: Clone>(
        &mut self,
        node: &SyntaxNode,
        table: fn(&mut Self) -> &mut FxHashMap<NodeKey, TypeResult<T>>,
        compute: impl FnOnce(&mut Self) -> TypeResult<T>,
    ) -> TypeResult<T> {
        let key = NodeKey::of(node);
        if let Some(known) = table(self).get(&key) {
            return known.clone();
        }
        let result = self.nested(node, 1, compute);
        table(self).insert(key, result.clone());
        result
    }

    /// What the identifier `node` is (an `IDENT_EXPR` or `TYPEDEF_NAME`, `token` its
    /// identifier) denotes as an ordinary identifier, and its text (for messages). Detached
    /// from the scopes (`detached`), only gcc's builtin typedefs are known.
    pub(super) fn lookup_ordinary(
        &self,
        node: &SyntaxNode,
        token: Option<syntax::syntax_kind::SyntaxToken>,
    ) -> (String, Option<Ordinary>) {
        let text = token.map(|t| t.text().to_owned()).unwrap_or_default();
        let found = if self.detached > 0 {
            self.env.builtin_type(&text).map(Ordinary::Typedef)
        } else {
            self.env.ordinary(start_of(node), &text)
        };
        (text, found)
    }

    /// Records what the declarator named at text offset `at` declares.
    pub(super) fn declare_ordinary(&mut self, at: u32, what: Ordinary) {
        if self.detached == 0 {
            self.env.declare_ordinary(at, what);
        }
    }

    /// What the tag name `name` stands for.
    pub(super) fn tag_at(&self, name: &SyntaxNode) -> TagAt {
        if self.detached > 0 {
            return TagAt::New;
        }
        self.env.tag(start_of(name))
    }

    /// Records the type of the tag the specifier named `name` declares.
    pub(super) fn declare_tag(&mut self, name: &SyntaxNode, ty: TypeId) {
        if self.detached == 0 {
            self.env.declare_tag(start_of(name), ty);
        }
    }

    /// Interns an identifier's text.
    pub(super) fn name(&mut self, text: &str) -> crate::names::NameId {
        self.types.intern_name(text)
    }
}

/// Where a node starts in the text walked: the place scopes know an identifier by.
pub(super) fn start_of(node: &SyntaxNode) -> u32 {
    node.text_range().start().into()
}
