//! What the test modules share.

pub mod check;
pub mod incremental;
pub mod toy_policy;
