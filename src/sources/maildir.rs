//! A Maildir: every file in `new/` and `cur/`, read one at a time.

use super::RawMessage;
use crate::error::{Result, TixError};
use std::path::{Path, PathBuf};

/// Lists the messages of the Maildir at `dir` (files in new/ then cur/, by name).
pub fn message_paths(dir: &Path) -> Result<Vec<PathBuf>> {
    let new = dir.join("new");
    let cur = dir.join("cur");
    if !new.is_dir() && !cur.is_dir() {
        return Err(TixError::usage(format!(
            "{}: not a Maildir (no new/ or cur/ folder)",
            dir.display()
        )));
    }
    let mut paths = Vec::new();
    for sub in [new, cur] {
        if !sub.is_dir() {
            continue;
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(&sub)
            .map_err(|e| TixError::io(&sub, e))?
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
            .map(|e| e.path())
            .filter(|p| {
                !p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        files.sort();
        paths.extend(files);
    }
    Ok(paths)
}

/// The messages of a Maildir, read lazily so memory stays flat.
/// A file larger than `max_size` is read only that far.
pub fn read(
    dir: &Path,
    max_size: usize,
) -> Result<impl Iterator<Item = Result<RawMessage>> + Send> {
    let paths = message_paths(dir)?;
    Ok(paths.into_iter().map(move |p| {
        std::fs::File::open(&p)
            .and_then(|f| {
                let len = f.metadata().map(|m| m.len()).ok();
                super::read_capped(f, max_size, len)
            })
            .map(|(bytes, cut_from)| RawMessage {
                source: format!("maildir:{}", p.display()),
                bytes,
                cut_from,
                uid: None,
            })
            .map_err(|e| TixError::failure(format!("{}: cannot read: {e}", p.display())))
    }))
}
