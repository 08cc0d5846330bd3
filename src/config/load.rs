//! Finding and reading the configuration: one file, or every `*.yaml` in a
//! folder in name order, each parsed once.

use super::files::{ConfigFile, RuleFile};
use super::model::{Config, Problem};
use super::yaml::{self, Pos};
use crate::error::{Result, TixError};
use std::path::{Path, PathBuf};

/// What the config folder says, with every problem found in it. Some parts
/// only mean something to the layers above (routing, the query language,
/// the template engine); they come in [`Deferred`] to be checked there.
pub struct Loaded {
    pub config: Config,
    pub problems: Vec<Problem>,
    pub deferred: Deferred,
}

/// Parts of the config checked above this module, with their places.
#[derive(Default)]
pub struct Deferred {
    /// Every file's rules, in file order.
    pub rules: Vec<(PathBuf, Vec<RuleFile>)>,
    /// Saved searches by name, where each query was written.
    pub searches: Vec<Placed>,
    /// Snippets by name, where each text was written.
    pub snippet_texts: Vec<Placed>,
}

/// A named thing and where it was written.
pub struct Placed {
    pub name: String,
    pub file: PathBuf,
    pub pos: Pos,
}

impl Placed {
    pub fn problem(&self, message: String) -> Problem {
        super::merge::problem(&self.file, self.pos, message)
    }
}

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
            Err(e) => problems.push(super::merge::problem(file, e.pos, e.message)),
        }
    }
    let mut loaded = super::merge::merge(parsed, now);
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
