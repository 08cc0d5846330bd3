//! Finding and reading the configuration: one file, or every `*.yaml` in a
//! folder in name order, each parsed once.

use super::files::ConfigFile;
use super::loaded::{problem, Loaded};
use super::yaml;
use crate::error::{Result, TixError};
use std::path::{Path, PathBuf};

/// The configuration's files as text: what `tix config apply` keeps in
/// the store, and what every command reads the config from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// Each file's name (as shown in problems) and text, in reading order.
    pub files: Vec<(PathBuf, String)>,
}

impl Snapshot {
    /// The files at `path` (a file or a folder of `*.yaml`), read now.
    /// `explicit` says the user named it, so a missing path is an error
    /// rather than "use defaults".
    pub fn of_path(path: &Path, explicit: bool) -> Result<Snapshot> {
        let mut files = Vec::new();
        for file in config_files(path, explicit)? {
            let text = std::fs::read_to_string(&file).map_err(|e| {
                TixError::usage(format!("{}: cannot read config: {e}", file.display()))
            })?;
            files.push((file, text));
        }
        Ok(Snapshot { files })
    }

    /// A digest of the texts by file name (not by folder): the same files
    /// on two machines are the same config.
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for (file, text) in &self.files {
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            h.update((name.len() as u64).to_be_bytes());
            h.update(name.as_bytes());
            h.update((text.len() as u64).to_be_bytes());
            h.update(text.as_bytes());
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Reads the configuration at `path` (a file or a folder). `explicit` says
/// the user named it, so a missing path is an error rather than "use
/// defaults". Relative dates (an account's `since: 30d`) count from `now`.
pub fn read(path: &Path, explicit: bool, now: i64) -> Result<Loaded> {
    Ok(read_snapshot(&Snapshot::of_path(path, explicit)?, now))
}

/// Reads the configuration from its files' texts.
pub fn read_snapshot(snapshot: &Snapshot, now: i64) -> Loaded {
    let mut parsed = Vec::new();
    let mut problems = Vec::new();
    for (file, text) in &snapshot.files {
        match yaml::parse::<ConfigFile>(text) {
            Ok(Some(cf)) => parsed.push((file.clone(), cf)),
            Ok(None) => {}
            Err(e) => problems.push(problem(file, e.pos, e.message)),
        }
    }
    let mut loaded = super::merge::merge(parsed, now);
    loaded.incomplete = !problems.is_empty();
    problems.append(&mut loaded.problems);
    loaded.problems = problems;
    loaded.config.sources = snapshot.files.iter().map(|(f, _)| f.clone()).collect();
    loaded
}

fn config_files(path: &Path, explicit: bool) -> Result<Vec<PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| {
                TixError::usage(format!(
                    "{}: cannot read config folder: {e}",
                    path.display()
                ))
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_file()
                    && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
            })
            .collect();
        files.sort();
        return Ok(files);
    }
    if explicit {
        return Err(TixError::usage(format!(
            "{}: no such config file or folder",
            path.display()
        )));
    }
    Ok(vec![])
}
