//! What the plan's edits do to the tree's tokens: new texts, texts written before tokens,
//! ranges dropped (initializers, attributes, members, declarators).

use rowan::TextRange;
use rustc_hash::FxHashMap;
use syntax::ast::{ArrayDeclarator, AstNode};
use syntax::syntax_kind::{SyntaxKind, SyntaxNode, SyntaxToken};

use crate::items::ItemView;
use crate::livepatch::plan::{EditKind, Plan, StorageClass};

/// What the edits do to one token.
#[derive(Debug, Clone, Default)]
pub(super) struct Action {
    /// Its new text.
    pub text: Option<String>,
    /// Text written before it.
    pub before: Option<String>,
}

/// What the plan's edits do to tokens.
#[derive(Debug, Default)]
pub(super) struct TokenEdits {
    /// By the tree offset of a token, what edits do to it.
    actions: FxHashMap<u32, Action>,
    /// The tree ranges edits drop (initializers with their `=`, attributes, ...).
    pub dropped: Vec<TextRange>,
}

impl TokenEdits {
    pub fn new(plan: &Plan, view: &ItemView<'_>) -> TokenEdits {
        let mut edits = TokenEdits::default();
        for edit in &plan.edits {
            if let Some(offset) = view.index.offset(edit.at) {
                edits.resolve(view, offset, &edit.kind);
            }
        }
        edits
    }

    /// What edits do to the token at tree offset `offset`.
    pub fn action(&self, offset: u32) -> Option<&Action> {
        self.actions.get(&offset)
    }

    /// Turns an edit at a declarator's name into what it does to tokens.
    fn resolve(&mut self, view: &ItemView<'_>, offset: u32, kind: &EditKind) {
        let Some(token) = view.token_at(offset) else {
            return;
        };
        match kind {
            EditKind::Replace(text) => self.action_mut(&token).text = Some(text.clone()),
            EditKind::Storage(class) => self.resolve_storage(&token, *class),
            EditKind::DropInitializer => {
                if let Some(range) = initializer_range(&token) {
                    self.dropped.push(range);
                }
            }
            EditKind::DropAttributes => {
                let declaration = declaration_of(&token);
                let attributes = (declaration.iter())
                    .flat_map(|d| d.descendants())
                    .filter(|n| n.kind() == SyntaxKind::ATTRIBUTE_SPEC)
                    .map(|n| n.text_range());
                self.dropped.extend(attributes);
                // `inline` and `_Noreturn` are for functions: an object (a pointer to the
                // function) cannot have them.
                let specifiers = (declaration.iter())
                    .flat_map(|d| d.children())
                    .filter(|n| n.kind() == SyntaxKind::DECL_SPECS)
                    .flat_map(|specs| specs.children_with_tokens())
                    .filter(|e| matches!(e.kind(), SyntaxKind::INLINE_KW | SyntaxKind::NORETURN_KW))
                    .map(|e| e.text_range());
                self.dropped.extend(specifiers);
            }
            EditKind::DropDeclarator => {
                if let Some(range) = declarator_with_comma(&token) {
                    self.dropped.push(range);
                }
            }
            EditKind::DropMembers => {
                if let Some(members) = member_list(&token) {
                    self.dropped.push(members);
                }
            }
            EditKind::ArrayLength(length) => {
                if let Some(bracket) = empty_array_bracket(&token) {
                    self.action_mut(&bracket).before = Some(length.to_string());
                }
            }
        }
    }

    pub fn action_mut(&mut self, token: &SyntaxToken) -> &mut Action {
        self.actions
            .entry(u32::from(token.text_range().start()))
            .or_default()
    }

    /// The storage class of the declaration declaring `name` becomes `class`: its storage
    /// keyword replaced, or one written before its specifiers.
    fn resolve_storage(&mut self, name: &SyntaxToken, class: Option<StorageClass>) {
        let Some(specs) = declaration_of(name)
            .and_then(|d| d.children().find(|c| c.kind() == SyntaxKind::DECL_SPECS))
        else {
            return;
        };
        let word = match class {
            Some(StorageClass::Static) => "static",
            Some(StorageClass::Extern) => "extern",
            None => "",
        };
        let tokens = || {
            specs
                .descendants_with_tokens()
                .filter_map(|e| e.into_token())
                .filter(|t| !t.kind().is_trivia())
        };
        let storage = tokens().find(|t| {
            matches!(t.kind(), SyntaxKind::STATIC_KW | SyntaxKind::EXTERN_KW)
                && t.parent().as_ref() == Some(&specs)
        });
        match (storage, tokens().next()) {
            (Some(existing), _) => self.action_mut(&existing).text = Some(word.to_owned()),
            (None, Some(first)) if !word.is_empty() => {
                self.action_mut(&first).before = Some(format!("{word} "));
            }
            _ => {}
        }
    }
}

pub(super) fn ancestor(token: &SyntaxToken, kind: SyntaxKind) -> Option<SyntaxNode> {
    token.parent_ancestors().find(|n| n.kind() == kind)
}

/// The range of the initializer (with its `=`) of the init-declarator `name` declares.
pub(crate) fn initializer_range(name: &SyntaxToken) -> Option<TextRange> {
    let init = ancestor(name, SyntaxKind::INIT_DECLARATOR)?;
    let eq = init
        .children_with_tokens()
        .find(|e| e.kind() == SyntaxKind::EQ)?;
    Some(TextRange::new(
        eq.text_range().start(),
        init.text_range().end(),
    ))
}

/// The init-declarator of the name `name`, with the comma before it (after it, for the
/// first).
pub(super) fn declarator_with_comma(name: &SyntaxToken) -> Option<TextRange> {
    let init = ancestor(name, SyntaxKind::INIT_DECLARATOR)?;
    let range = init.text_range();
    let is_comma = |e: &rowan::NodeOrToken<SyntaxNode, SyntaxToken>| e.kind() == SyntaxKind::COMMA;
    let mut before = init.prev_sibling_or_token();
    while let Some(e) = before.as_ref().filter(|e| e.kind().is_trivia()) {
        before = e.prev_sibling_or_token();
    }
    if let Some(comma) = before.filter(is_comma) {
        return Some(TextRange::new(comma.text_range().start(), range.end()));
    }
    let mut after = init.next_sibling_or_token();
    while let Some(e) = after.as_ref().filter(|e| e.kind().is_trivia()) {
        after = e.next_sibling_or_token();
    }
    let end = after
        .filter(is_comma)
        .map_or(range.end(), |c| c.text_range().end());
    Some(TextRange::new(range.start(), end))
}

/// The member (or enumerator) list of the struct, union or enum whose tag is `tag`.
pub(super) fn member_list(tag: &SyntaxToken) -> Option<TextRange> {
    let spec = tag
        .parent_ancestors()
        .find(|n| matches!(n.kind(), SyntaxKind::STRUCT_SPEC | SyntaxKind::ENUM_SPEC))?;
    let list = spec.children().find(|c| {
        matches!(
            c.kind(),
            SyntaxKind::MEMBER_LIST | SyntaxKind::ENUMERATOR_LIST
        )
    })?;
    Some(list.text_range())
}

/// The `]` of the array declarator without length that `name` declares.
pub(super) fn empty_array_bracket(name: &SyntaxToken) -> Option<SyntaxToken> {
    let array = name
        .parent_ancestors()
        .take_while(|n| n.kind() != SyntaxKind::INIT_DECLARATOR)
        .find(|n| n.kind() == SyntaxKind::ARRAY_DECLARATOR)?;
    let declarator = ArrayDeclarator::cast(array.clone())?;
    let has_length = declarator.size().is_some() || declarator.is_star();
    if has_length {
        return None;
    }
    array
        .children_with_tokens()
        .filter_map(|e| e.into_token())
        .find(|t| t.kind() == SyntaxKind::R_BRACK)
}

/// The declaration or function definition a declarator's name token is in.
pub(super) fn declaration_of(token: &SyntaxToken) -> Option<SyntaxNode> {
    token
        .parent_ancestors()
        .find(|n| matches!(n.kind(), SyntaxKind::DECLARATION | SyntaxKind::FUNCTION_DEF))
}
