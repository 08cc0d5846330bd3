//! Finding and reading the configuration: one file, or every `*.yaml` in a
//! folder in name order, each parsed once.

use super::files::ConfigFile;
use super::loaded::{problem, Loaded};
use super::yaml;
use crate::error::{Result, TixError};
use std::path::{Path, PathBuf};

/// Reads the configuration at `path` (a file or a folder). `explicit` says
/// the user named it, so a missing path is an error rather than "use
/// defaults". Relative dates (an account's `since: 30d`) count from `now`.
pub fn read(path: &Path, explicit: bool, now: i64) -> Result<Loaded> {
    let files = config_files(path, explicit)?;
    let mut parsed = Vec::new();
    let mut problems = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file)
            .map_err(|e| TixError::usage(format!("{}: cannot read config: {e}", file.display())))?;
        match yaml::parse::<ConfigFile>(&text) {
            Ok(Some(cf)) => parsed.push((file.clone(), cf)),
            Ok(None) => {}
            Err(e) => problems.push(problem(file, e.pos, e.message)),
        }
    }
    let mut loaded = super::merge::merge(parsed, now);
    loaded.incomplete = !problems.is_empty();
    problems.append(&mut loaded.problems);
    loaded.problems = problems;
    loaded.config.sources = files;
    Ok(loaded)
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
