//! What reading the config gives: the model, every problem found with its
//! place, and the parts checked one layer up. Shared by the reader
//! (load.rs) and the merger (merge.rs), which each know only this.

use super::files::RuleFile;
use super::model::{Config, Problem};
use super::yaml::Pos;
use std::path::{Path, PathBuf};

/// A problem at a place in a config file.
pub fn problem(file: &Path, pos: Pos, message: String) -> Problem {
    Problem {
        file: file.to_path_buf(),
        line: pos.0,
        column: pos.1,
        message,
    }
}

/// What the config folder says, with every problem found in it. Some parts
/// only mean something to the layers above (routing, the query language,
/// the template engine); they come in [`Deferred`] to be checked there.
pub struct Loaded {
    pub config: Config,
    pub problems: Vec<Problem>,
    pub deferred: Deferred,
    /// A file could not be read as a whole (a misspelled key, broken
    /// YAML): what it defines is missing, so a name used elsewhere and
    /// defined there is no problem of its own.
    pub incomplete: bool,
}

/// Whether `p` says a name is not defined: a follow-on of a file that
/// could not be read, when one could not.
pub fn names_an_undefined(p: &Problem) -> bool {
    p.message.contains(" is not defined") || p.message.contains(" is not a defined ")
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
        problem(&self.file, self.pos, message)
    }
}
