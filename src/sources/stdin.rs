//! One message on standard input, as an MTA pipe delivers it.

use super::{read_capped, RawMessage};
use crate::error::{Result, TixError};

/// Reads the message, keeping at most `max_size` bytes of it in memory; the
/// rest of a larger one is read and counted so the MTA sees it taken.
pub fn read(max_size: usize) -> Result<RawMessage> {
    let (bytes, cut_from) = read_capped(std::io::stdin().lock(), max_size, None)
        // The MTA keeps the message and tries again.
        .map_err(|e| TixError::temp(format!("stdin: cannot read the message: {e}")))?;
    Ok(RawMessage {
        source: "stdin".to_string(),
        bytes,
        cut_from,
        uid: None,
    })
}
