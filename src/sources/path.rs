//! Whatever a path names, read as messages: a Maildir, an mbox file, one
//! message file, or a plain folder with message files, folders and
//! Maildirs inside (an archive kept by year, say).

use super::{maildir, mbox, read_capped, RawMessage};
use crate::error::{Result, TixError};
use std::path::{Path, PathBuf};

pub type Messages = Box<dyn Iterator<Item = Result<RawMessage>> + Send>;

/// The messages at `path`, each read no further than `max_size`. A path
/// that cannot be read at all is a usage error; a message that cannot is
/// an error item, and the rest go on.
pub fn open(path: &Path, max_size: usize) -> Result<Messages> {
    if path.is_dir() && !is_maildir(path) {
        let entries = folder_tree(path)?;
        return Ok(Box::new(entries.into_iter().flat_map(
            move |(p, is_maildir)| -> Messages {
                // A file is read the same here as named alone: an mbox
                // is split into its messages.
                let opened: Result<Messages> = if is_maildir {
                    maildir::read(&p, max_size).map(|m| Box::new(m) as Messages)
                } else if is_mbox(&p) {
                    mbox::read(&p, max_size).map(|m| Box::new(m) as Messages)
                } else {
                    return Box::new(std::iter::once(read_file(&p, max_size)));
                };
                match opened {
                    Ok(messages) => messages,
                    Err(e) => Box::new(std::iter::once(Err(e))),
                }
            },
        )));
    }
    if path.is_dir() {
        return Ok(Box::new(maildir::read(path, max_size)?));
    }
    if is_mbox(path) {
        return Ok(Box::new(mbox::read(path, max_size)?));
    }
    let message = read_file(path, max_size).map_err(|e| TixError::usage(e.to_string()))?;
    Ok(Box::new(std::iter::once(Ok(message))))
}

/// One message file; its source is its path.
fn read_file(path: &Path, max_size: usize) -> Result<RawMessage> {
    std::fs::File::open(path)
        .and_then(|f| {
            let len = f.metadata().map(|m| m.len()).ok();
            read_capped(f, max_size, len)
        })
        .map(|(bytes, cut_from)| RawMessage {
            source: path.display().to_string(),
            bytes,
            cut_from,
            uid: None,
        })
        .map_err(|e| TixError::io(path, e))
}

pub fn is_maildir(p: &Path) -> bool {
    p.join("cur").is_dir() || p.join("new").is_dir()
}

/// The message files under a plain folder, in name order, and the Maildirs
/// among its subfolders (`true`). Symbolic links to folders are not
/// followed, so a link back up cannot loop.
fn folder_tree(dir: &Path) -> Result<Vec<(PathBuf, bool)>> {
    let mut entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)
        .map_err(|e| TixError::input(dir, e))?
        .filter_map(|e| e.ok())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    let mut out = Vec::new();
    for e in entries {
        let path = e.path();
        let Ok(kind) = e.file_type() else { continue };
        if kind.is_dir() {
            if is_maildir(&path) {
                out.push((path, true));
            } else {
                out.extend(folder_tree(&path)?);
            }
        } else if path.is_file() {
            out.push((path, false));
        }
    }
    Ok(out)
}

/// A file that starts like an mbox.
pub fn is_mbox(p: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 5];
    std::fs::File::open(p)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && &head == b"From "
}
