//! klp-ccp's pure front end: the lexer, the preprocessor and the compiler invocation it follows,
//! the GNU C parser and the typed syntax tree. Nothing here knows of salsa: the database crate
//! (`queries`) owns inputs and caching.

pub mod ast;
pub mod diagnostic;
pub mod gcc;
pub mod green_eq;
pub mod invocation;
pub mod keywords;
pub mod lexer;
pub mod parse_tu;
pub mod parser;
pub mod pp;
pub mod syntax_kind;
pub mod text;
pub mod tree;
