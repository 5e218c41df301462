//! What the test modules share.

pub mod parser;
pub mod pp;
pub mod rng;
