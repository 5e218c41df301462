//! The syntax crate's integration tests, one test binary: a module for each area, the helpers
//! they share in `support`.

mod support;

mod c23;
mod directives;
mod fuzz;
mod macro_expansion;
mod parser_ast;
mod parser_cases;
mod parser_conformance;
mod parser_files;
mod parser_fuzz;
mod parser_resuming;
mod parser_split;
mod pp_resuming;
mod predefined_snapshots;
mod predefined_vs_gcc;
mod provenance;
mod source_text;
