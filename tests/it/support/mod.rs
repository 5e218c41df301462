//! What the test modules share.

pub mod corpus;
pub mod scratch;
