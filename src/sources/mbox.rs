//! An mbox file, streamed: one message in memory at a time, however large the
//! file. `>From ` quoting (mboxo and mboxrd) is undone by mail-parser's reader.

use super::RawMessage;
use crate::error::{Result, TixError};
use mail_parser::mailbox::mbox::MessageIterator;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

pub fn read(path: &Path) -> Result<impl Iterator<Item = Result<RawMessage>> + Send> {
    let file = File::open(path)
        .map_err(|e| TixError::usage(format!("{}: cannot open mbox: {e}", path.display())))?;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let head = reader
        .fill_buf()
        .map_err(|e| TixError::failure(format!("{}: {e}", path.display())))?;
    if !head.is_empty() && !head.starts_with(b"From ") {
        return Err(TixError::bad_data(format!(
            "{}: not an mbox file (it does not start with a \"From \" line)",
            path.display()
        )));
    }
    let label = path.display().to_string();
    Ok(MessageIterator::new(reader)
        .enumerate()
        .map(move |(i, m)| match m {
            Ok(m) => Ok(RawMessage {
                source: format!("mbox:{label}#{}", i + 1),
                bytes: m.unwrap_contents(),
            }),
            Err(e) => Err(TixError::failure(format!(
                "{label}: read error after message {i}: {e}"
            ))),
        }))
}
