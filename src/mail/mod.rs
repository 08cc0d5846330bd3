//! Mail parsing: raw bytes to the fields tix stores, follow-up tags, fingerprints.

pub mod fingerprint;
pub mod parse;
pub mod subject_tag;
