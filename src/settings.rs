//! The configuration made whole: `config/` reads the YAML into its model;
//! here the parts whose meaning lives elsewhere are checked and compiled —
//! routing rules, saved searches (the query language) and snippet
//! templates — so every problem is still reported as `file:line:column`.

use crate::config::{self, Config, Problem};
use crate::error::{Result, TixError};
use crate::routing::Rules;
use std::path::Path;
use std::sync::Arc;

/// What a run works with: the config and its compiled rules.
#[derive(Clone)]
pub struct Settings {
    pub config: Config,
    pub rules: Arc<Rules>,
}

/// A configuration checked whole: the settings when it has no problem,
/// else every problem with what it says however broken (where the store
/// is, and how to reach it).
pub enum Checked {
    Good(Settings),
    Broken {
        problems: Vec<Problem>,
        partial: Config,
        /// When every problem is in a snippet's text: the settings without
        /// those snippets, which intake runs on (an auto-reply that cannot
        /// be written is not sent; the mail is stored).
        without_broken_snippets: Option<Box<Settings>>,
    },
}

impl Checked {
    /// The settings, or the first problem (and how many more) as the error.
    pub fn into_settings(self) -> Result<Settings> {
        first_problem(self.into_result())
    }

    /// The settings, or every problem.
    pub fn into_result(self) -> std::result::Result<Settings, Vec<Problem>> {
        match self {
            Checked::Good(s) => Ok(s),
            Checked::Broken { problems, .. } => Err(problems),
        }
    }
}

impl Settings {
    /// Loads the configuration at `path` (a file or a folder); the first
    /// problem is the error. `explicit` says the user named the path.
    pub fn load(path: &Path, explicit: bool) -> Result<Settings> {
        first_problem(Self::load_checked(path, explicit)?)
    }

    /// Like [`Settings::load`], but returns every problem found.
    pub fn load_checked(
        path: &Path,
        explicit: bool,
    ) -> Result<std::result::Result<Settings, Vec<Problem>>> {
        let snapshot = config::Snapshot::of_path(path, explicit)?;
        Ok(Self::check_snapshot(&snapshot).into_result())
    }

    /// The configuration of these files' texts; the first problem is the
    /// error.
    pub fn from_snapshot(snapshot: &config::Snapshot) -> Result<Settings> {
        first_problem(Self::check_snapshot(snapshot).into_result())
    }

    /// Reads and checks the configuration of these files' texts.
    pub fn check_snapshot(snapshot: &config::Snapshot) -> Checked {
        Self::check_loaded(config::read_snapshot(snapshot, crate::dates::now()))
    }

    /// Checks a configuration read but not yet checked: its rules compiled,
    /// its snippets and saved searches parsed.
    pub fn check_loaded(loaded: config::Loaded) -> Checked {
        let config::Loaded {
            config,
            mut problems,
            deferred,
            incomplete,
        } = loaded;
        let before_snippets = problems.len();
        let mut broken_snippets = Vec::new();
        for placed in &deferred.snippet_texts {
            let text = &config.snippet(&placed.name).expect("merged").text;
            if let Err(why) = crate::snippets::check(&placed.name, text) {
                problems.push(placed.problem(why));
                broken_snippets.push(placed.name.clone());
            }
        }
        let only_snippets = before_snippets == 0 && !broken_snippets.is_empty();
        let rules = crate::routing::compile_rules(&deferred.rules, &config, &mut problems);
        // Saved searches must parse (used ones are parsed again, with columns).
        for placed in &deferred.searches {
            let query = &config.searches[&placed.name];
            if let Err(e) = crate::query::Query::parse(query, &config) {
                let message = format!("saved search {:?}: {e}", placed.name);
                problems.push(placed.problem(message));
            }
        }
        if incomplete {
            // One misspelled key is one error, not one more for every name
            // the unreadable file defines.
            problems.retain(|p| !config::names_an_undefined(p));
        }
        if problems.is_empty() {
            Checked::Good(Settings {
                config,
                rules: Arc::new(rules),
            })
        } else {
            // Nothing but broken snippets: without them the rest holds.
            let without_broken_snippets =
                (only_snippets && problems.len() == broken_snippets.len()).then(|| {
                    let mut usable = config.clone();
                    usable
                        .snippets
                        .retain(|s| !broken_snippets.contains(&s.name));
                    Box::new(Settings {
                        config: usable,
                        rules: Arc::new(rules),
                    })
                });
            Checked::Broken {
                problems,
                partial: config,
                without_broken_snippets,
            }
        }
    }
}

/// The settings, or the first problem (and how many more) as the error.
fn first_problem(checked: std::result::Result<Settings, Vec<Problem>>) -> Result<Settings> {
    match checked {
        Ok(s) => Ok(s),
        Err(problems) => {
            let first = problems[0].to_string();
            let more = problems.len() - 1;
            let tail = if more > 0 {
                format!(" (and {more} more; see `tix config check`)")
            } else {
                String::new()
            };
            Err(TixError::usage(format!("{first}{tail}")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Settings;
    use crate::config::example::EXAMPLE;

    #[test]
    fn example_is_valid() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("tix.yaml");
        std::fs::write(&f, EXAMPLE).unwrap();
        let c = Settings::load(&f, true).unwrap().config;
        assert_eq!(c.queues.len(), 4);
        assert_eq!(
            c.queue_for_address("MITGLIEDER@example.org").unwrap().name,
            "LV::Mitglieder"
        );
    }

    #[test]
    fn the_commented_mail_settings_are_valid_when_uncommented() {
        let start = EXAMPLE.find("# accounts:").unwrap();
        let end = EXAMPLE[start..].find("\n\n").unwrap() + start;
        let block: String = EXAMPLE[start..end]
            .lines()
            .map(|l| format!("{}\n", l.strip_prefix("# ").unwrap()))
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("tix.yaml");
        std::fs::write(&f, block).unwrap();
        let c = Settings::load(&f, true).unwrap().config;
        assert_eq!(c.accounts[0].address.as_deref(), Some("info@example.org"));
        assert_eq!(c.smtp.as_ref().unwrap().port, 587);
    }

    #[test]
    fn the_commented_time_settings_are_valid_when_uncommented() {
        let block = |from: &str| -> String {
            let start = EXAMPLE.find(from).unwrap();
            let end = EXAMPLE[start..]
                .find("\n\n")
                .map_or(EXAMPLE.len(), |e| e + start);
            EXAMPLE[start..end]
                .lines()
                .map(|l| format!("{}\n", l.strip_prefix("# ").unwrap()))
                .collect()
        };
        let queue_keys: String = EXAMPLE
            .lines()
            .map(str::trim_start)
            .filter(|l| {
                ["# escalation:", "# delete_closed_after:", "# purge_after:"]
                    .iter()
                    .any(|k| l.starts_with(k))
            })
            .map(|l| format!("    {}\n", l.strip_prefix("# ").unwrap()))
            .collect();
        let text = format!(
            "{}queues:\n  - name: Presse\n{queue_keys}{}",
            block("# calendars:"),
            block("# statuses:")
        );
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("tix.yaml");
        std::fs::write(&f, &text).unwrap();
        let c = Settings::load(&f, true).unwrap().config;
        let e = c.escalation("Presse").unwrap();
        assert_eq!((e.first_response, e.warn_at), (Some(4 * 3600), Some(80)));
        assert_eq!(c.calendar("office").unwrap().holidays.len(), 1);
        assert_eq!(
            c.retention("Presse"),
            (Some(365 * 86_400), Some(30 * 86_400))
        );
        let auto = c.status("pending auto close").unwrap();
        assert_eq!(auto.closes_to.as_deref(), Some("closed successful"));
    }
}
