//! The YAML configuration: queues, agents, statuses, snippets, accounts,
//! numbering. A folder of `*.yaml` files (or one file) merged into one
//! [`Config`]; with no config at all tix runs on built-in defaults.
//!
//! This module knows the YAML and the model only. Parts whose meaning lives
//! elsewhere (routing rules, saved searches, snippet templates) are checked
//! one layer up, in settings.rs.

mod access;
pub mod accounts;
mod check;
pub mod credentials;
pub mod example;
pub mod files;
pub mod load;
mod loaded;
mod merge;
mod model;
mod policies;
pub mod reference;
pub mod reference_mail;
pub mod smtp;
mod yaml;

pub use load::{read, read_snapshot, Snapshot};
pub use loaded::{names_an_undefined, Deferred, Loaded, Placed};
pub use model::*;
pub use yaml::{pos, Pos, Spanned};

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> std::result::Result<Config, Vec<Problem>> {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("tix.yaml");
        std::fs::write(&f, text).unwrap();
        let loaded = read(&f, true, 0).unwrap();
        if loaded.problems.is_empty() {
            Ok(loaded.config)
        } else {
            Err(loaded.problems)
        }
    }

    #[test]
    fn nested_queue_names_and_parents() {
        let c = load_text("queues:\n  - name: LV\n  - name: Mitglieder\n    parent: LV\n  - name: LV::Mitglieder::Austritt\n").unwrap();
        let names: Vec<_> = c.queues.iter().map(|q| q.name.as_str()).collect();
        assert_eq!(names, ["LV", "LV::Mitglieder", "LV::Mitglieder::Austritt"]);
        assert_eq!(c.queue_with_children("lv::mitglieder").len(), 2);
        assert_eq!(c.default_queue, "LV");
    }

    #[test]
    fn problems_are_located() {
        let p = load_text(
            "queues:\n  - name: A\n    parent: Nope\nstatuses:\n  - name: x\n    type: weird\n",
        )
        .unwrap_err();
        let text: Vec<String> = p
            .iter()
            .map(|p| format!("{}:{} {}", p.line, p.column, p.message))
            .collect();
        assert!(
            text.iter()
                .any(|t| t.starts_with("3:13 parent queue \"Nope\"")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|t| t.starts_with("6:11 unknown state type")),
            "{text:?}"
        );
    }

    #[test]
    fn status_names_match_loosely() {
        let c = Config::default();
        assert_eq!(
            c.status("Closed-Successful").unwrap().name,
            "closed successful"
        );
    }
}
