//! Where messages come from. Each source yields [`RawMessage`]s and knows
//! nothing of the store; intake does the rest.

pub mod imap;
pub mod maildir;
pub mod mbox;
pub mod path;
pub mod stdin;

pub use path::open;

/// One message as a source yields it: where it came from and its bytes.
pub struct RawMessage {
    pub source: String,
    pub bytes: Vec<u8>,
    /// The message's whole size when `bytes` holds only its first part: it
    /// was over the size limit and is read no further than that.
    pub cut_from: Option<u64>,
    /// The message's IMAP UID, for sources that resume by it.
    pub uid: Option<u32>,
}

use std::io::Read;

/// Reads `reader` to its end, keeping at most `max_size` bytes: the bytes and,
/// when there were more, the whole size. Memory stays bounded whatever comes.
pub fn read_capped(
    reader: impl Read,
    max_size: usize,
    size_hint: Option<u64>,
) -> std::io::Result<(Vec<u8>, Option<u64>)> {
    // A file's length spares the buffer its doublings.
    let mut bytes = Vec::with_capacity(size_hint.map_or(0, |n| (n as usize).min(max_size) + 1));
    let mut reader = reader;
    (&mut reader)
        .take(max_size as u64 + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() <= max_size {
        return Ok((bytes, None));
    }
    let rest = std::io::copy(&mut reader, &mut std::io::sink())?;
    let size = bytes.len() as u64 + rest;
    bytes.truncate(max_size);
    Ok((bytes, Some(size)))
}
