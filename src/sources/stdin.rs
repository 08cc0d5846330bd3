//! One message on standard input, as an MTA pipe delivers it.

use super::RawMessage;
use crate::error::{Result, TixError};
use std::io::Read;

pub fn read() -> Result<RawMessage> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        // The MTA keeps the message and tries again.
        .map_err(|e| TixError::temp(format!("stdin: cannot read the message: {e}")))?;
    Ok(RawMessage {
        source: "stdin".to_string(),
        bytes,
    })
}
