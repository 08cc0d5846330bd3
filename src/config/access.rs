//! Who may see which queue: groups of agents and a queue's access lists,
//! read into the model; the names are checked once every file is read.

use super::files::GroupFile;
use super::merge::{control_in_name, LateCheck, Merger};
use super::yaml::{pos, Spanned};
use std::path::Path;

impl Merger {
    /// A queue's `access` and `read_access`; none when it sets neither.
    pub(super) fn access(
        &mut self,
        file: &Path,
        write: Option<Vec<Spanned<String>>>,
        read: Option<Vec<Spanned<String>>>,
    ) -> Option<crate::config::Access> {
        if write.is_none() && read.is_none() {
            return None;
        }
        let mut names = |list: Option<Vec<Spanned<String>>>| -> Vec<String> {
            list.unwrap_or_default()
                .into_iter()
                .map(|n| {
                    self.late_checks.push(LateCheck::AccessName(
                        n.value.clone(),
                        file.to_path_buf(),
                        pos(&n),
                    ));
                    n.value.trim().to_string()
                })
                .collect()
        };
        let write = names(write);
        let read = names(read);
        Some(crate::config::Access { write, read })
    }

    pub(super) fn group(&mut self, file: &Path, g: GroupFile) {
        let at = pos(&g.name);
        let name = g.name.value.trim().to_string();
        if let Some(message) = control_in_name("group", &g.name.value) {
            self.problem(file, at, message);
            return;
        }
        if self
            .config
            .groups
            .iter()
            .any(|x| x.name.eq_ignore_ascii_case(&name))
        {
            self.problem(file, at, format!("group {name:?} is defined twice"));
            return;
        }
        for a in &g.agents {
            self.late_checks.push(LateCheck::Agent(
                a.value.clone(),
                file.to_path_buf(),
                pos(a),
            ));
        }
        self.config.groups.push(crate::config::Group {
            name,
            agents: g
                .agents
                .into_iter()
                .map(|a| a.value.trim().to_string())
                .collect(),
        });
    }
}
