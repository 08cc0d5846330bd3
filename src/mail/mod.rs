//! Mail parsing: raw bytes to the fields tix stores, follow-up tags, fingerprints.

pub mod automatic;
pub mod fingerprint;
pub mod parse;
pub mod subject_tag;
pub mod verified;

/// Text from mail (a customer's subject or name) made safe for a header:
/// control characters (an encoded CR LF would start a new header, ESC and BEL
/// reach the reader's terminal) become spaces, runs of space one.
pub fn header_text(text: &str) -> String {
    text.split(|c: char| c.is_control() || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
