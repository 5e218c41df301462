//! gcc's limits on the size of an array type: its element count must fit gcc's index type
//! (`ptrdiff_t`), and its size in bytes must not exceed `PTRDIFF_MAX`, the largest object
//! gcc allows. Breaking either is an error of gcc's, worded as gcc words it (gcc 9 on names
//! the maximum object size).

use syntax::ast::{AstNode, Name};
use syntax::syntax_kind::SyntaxNode;

use super::cx::TypeCx;
use super::error::{TypeError, TypeResult};
use super::ty::TypeId;

/// `PTRDIFF_MAX` on both targets: the largest element count and object size.
const MAX_OBJECT_SIZE: u64 = i64::MAX as u64;

/// What is wrong with an array's size.
enum SizeProblem {
    /// The element count does not fit the index type.
    TooManyElements,
    /// The size in bytes does not fit `size_t`.
    Overflow,
    /// The size in bytes is more than `PTRDIFF_MAX`.
    TooBig(u64),
}

impl TypeCx<'_> {
    /// Checks the size of an array of `count` elements of `elem`, declared as `name` (`None`
    /// for a type name), at `node` (the array declarator). An error when gcc refuses it.
    pub(super) fn check_array_size(
        &mut self,
        elem: TypeId,
        count: u64,
        name: Option<&Name>,
        node: &SyntaxNode,
    ) -> TypeResult<()> {
        let Some(problem) = self.size_problem(elem, count) else {
            return Ok(());
        };
        let message = self.size_message(&problem, name.map(Name::text));
        // gcc points at the declared name; at the brackets of a type name.
        let at = name.map_or_else(|| node.clone(), |n| n.syntax().clone());
        self.error(&at, &message);
        Err(TypeError::at(message, node))
    }

    fn size_problem(&self, elem: TypeId, count: u64) -> Option<SizeProblem> {
        if count > MAX_OBJECT_SIZE {
            return Some(SizeProblem::TooManyElements);
        }
        // An element without a constant size (a VLA's) leaves the size to run time.
        let elem_size = self.types.layout(elem).ok()?.size;
        match elem_size.checked_mul(count) {
            None => Some(SizeProblem::Overflow),
            Some(size) if size > MAX_OBJECT_SIZE => Some(SizeProblem::TooBig(size)),
            Some(_) => None,
        }
    }

    fn size_message(&self, problem: &SizeProblem, name: Option<String>) -> String {
        let subject = match &name {
            Some(name) => format!("array '{name}'"),
            None => "unnamed array".to_owned(),
        };
        let gcc9 = self.types.target().target.gcc.at_least(9, 0);
        // gcc 9 names the limit, and no longer calls an array without a name "unnamed".
        let array = match &name {
            Some(name) => format!("array '{name}'"),
            None => "array".to_owned(),
        };
        let limit = format!("exceeds maximum object size '{MAX_OBJECT_SIZE}'");
        match problem {
            SizeProblem::Overflow if gcc9 => format!("size of {array} {limit}"),
            SizeProblem::TooBig(size) if gcc9 => format!("size '{size}' of {array} {limit}"),
            _ => format!("size of {subject} is too large"),
        }
    }
}
