//! Function definitions: the function scope holding the parameters and the outermost block,
//! its labels, and GNU nested functions.

use syntax::syntax_kind::SyntaxKind::*;

use super::declarators::is_declarator;
use super::{Outer, Walker};
use crate::sema::flat::Node;
use crate::sema::resolution::{LocalKind, Namespace, ScopeKind};
use crate::sema::specs::SpecInfo;

impl Walker<'_, '_> {
    /// A function definition's declarator, old-style parameter declarations and body, in the
    /// function's scope; its specifiers and name are the caller's.
    pub(in crate::sema) fn function(&mut self, node: Node) {
        self.push_scope(ScopeKind::Function);
        let labels = std::mem::take(&mut self.labels);
        self.each_child(node, |walker, child| match walker.flat.kind(child) {
            DECL_SPECS => {}
            k if is_declarator(k) => {
                walker.defining = true;
                walker.declarator(child);
                walker.defining = false;
            }
            DECLARATION => walker.declaration(child, true),
            // The outermost block shares the parameters' scope.
            COMPOUND_STMT => walker.children(child),
            _ => walker.node(child),
        });
        self.finish_labels();
        self.labels = labels;
        self.scopes.pop();
    }

    /// A GNU nested function: declared in its block, then walked as a definition.
    pub(super) fn nested_function(&mut self, node: Node) {
        if let Some(specs) = self.flat.child_of_kind(node, DECL_SPECS) {
            self.specs(specs);
        }
        if let Some(name) = self.definition_name(node)
            && !self.at_file_scope()
        {
            self.declare_local(Namespace::Ordinary, name, LocalKind::NestedFunction);
        }
        self.function(node);
    }

    /// A top-level function definition, as the file walk sees it: its specifiers and its name
    /// (the declarator and body are the body query's).
    pub(in crate::sema) fn function_signature(&mut self, node: Node) {
        let info = match self.flat.child_of_kind(node, DECL_SPECS) {
            Some(specs) => self.specs(specs),
            None => SpecInfo::default(),
        };
        let Some(name) = self.definition_name(node) else {
            return;
        };
        let (item, text) = (self.item, self.flat.text(name));
        if let Some(decl) = self.declare_file(name, info, true, true)
            && let Outer::Building(builder) = &mut self.outer
        {
            builder.add_function(text, item, decl);
        }
    }

    /// The `NAME` of a definition's declarator, found without walking it.
    fn definition_name(&self, def: Node) -> Option<Node> {
        let is_declarator = |n: &Node| is_declarator(self.flat.kind(*n));
        let mut declarator = self.flat.children(def).find(is_declarator)?;
        while self.flat.kind(declarator) != NAME {
            declarator = self.flat.children(declarator).find(is_declarator)?;
        }
        Some(declarator)
    }
}
