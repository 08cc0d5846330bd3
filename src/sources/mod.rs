//! Where messages come from. Each source yields [`RawMessage`]s and knows
//! nothing of the store; intake does the rest.

pub mod imap;
pub mod maildir;
pub mod mbox;
pub mod stdin;

pub use crate::intake::RawMessage;
