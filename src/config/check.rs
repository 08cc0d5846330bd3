//! The checks that need every file read: a parent queue or reply state
//! defined in another file, required state types, snippet kinds, and
//! queue names made full.

use super::loaded::Loaded;
use super::merge::{LateCheck, Merger};
use super::model::{Queue, StateType};
use super::yaml::pos;

impl Merger {
    /// The settings given once, and the checks that need every file read.
    pub(super) fn finish(mut self) -> Loaded {
        if let Some(id) = self.system_id.take() {
            if id.value > 99 {
                let message = format!(
                    "system_id {} must be 0 to 99 (two digits of every ticket number)",
                    id.value
                );
                self.problem(&id.file, id.pos, message);
            }
            self.config.system_id = id.value;
        }
        if let Some(h) = self.hook.take() {
            if h.value.trim().is_empty() || h.value.contains(['[', ']']) {
                self.problem(
                    &h.file,
                    h.pos,
                    "subject_hook must be a word such as \"Ticket#\" (no brackets)".to_string(),
                );
            }
            self.config.subject_hook = h.value.trim().to_string();
        }
        if let Some(v) = self.verified_by.take() {
            self.config.mail_verified_by = Some(v.value.trim().to_lowercase());
        }
        if let Some(d) = self.divider.take() {
            self.config.subject_divider = d.value;
        }
        if let Some(m) = self.lock_minutes.take() {
            self.config.lock_minutes = m.value;
        }
        if let Some(l) = self.lock_on_note.take() {
            self.config.lock_on_note = l.value;
        }
        if !self.queues.is_empty() {
            self.config.queues = std::mem::take(&mut self.queues)
                .into_iter()
                .map(|q| q.value)
                .collect();
            self.config.default_queue = self.config.queues[0].name.clone();
        }
        if let Some(dq) = self.default_queue.take() {
            match self.config.queue(&dq.value) {
                Some(q) => self.config.default_queue = q.name.clone(),
                None => {
                    let message = format!("default_queue {:?} is not a defined queue", dq.value);
                    self.problem(&dq.file, dq.pos, message)
                }
            }
        }
        self.config.agents = std::mem::take(&mut self.agents)
            .into_iter()
            .map(|a| a.value)
            .collect();
        self.check_statuses();
        for check in std::mem::take(&mut self.late_checks) {
            self.late_check(check);
        }
        self.use_full_queue_names();
        inherit_from_parents(&mut self.config);
        Loaded {
            config: self.config,
            problems: self.problems,
            deferred: self.deferred,
            incomplete: false,
        }
    }

    fn check_statuses(&mut self) {
        if self.statuses.is_empty() {
            return;
        }
        let first = (self.statuses[0].file.clone(), self.statuses[0].pos);
        self.config.statuses = std::mem::take(&mut self.statuses)
            .into_iter()
            .map(|s| s.value)
            .collect();
        for &required in StateType::REQUIRED {
            if !self
                .config
                .statuses
                .iter()
                .any(|s| s.state_type == required)
            {
                let message = format!("statuses need at least one of type \"{required}\"");
                self.problem(&first.0, first.1, message);
            }
        }
        for (file, next) in std::mem::take(&mut self.status_next) {
            for n in next {
                if self.config.status(&n.value).is_none() {
                    let message = format!("next status {:?} is not defined", n.value);
                    self.problem(&file, pos(&n), message);
                }
            }
        }
    }

    fn late_check(&mut self, check: LateCheck) {
        match check {
            LateCheck::ReplyState(name, file, at) => match self.config.status(&name) {
                None => {
                    let message = format!(
                        "status {name:?} is not defined; statuses: {}",
                        self.config.status_names()
                    );
                    self.problem(&file, at, message)
                }
                // A reply must know its pending date before it is sent.
                Some(s) if s.state_type.is_pending() && s.pending_for.is_none() => {
                    let message = format!(
                        "reply_state {:?} is a pending status without pending_for: give the status a default like `pending_for: 3d`",
                        s.name
                    );
                    self.problem(&file, at, message)
                }
                Some(_) => {}
            },
            LateCheck::AccessName(name, file, at) => {
                let known = self.config.agent(&name).is_some()
                    || self
                        .config
                        .groups
                        .iter()
                        .any(|g| g.name.eq_ignore_ascii_case(name.trim()));
                if !known {
                    self.problem(
                        &file,
                        at,
                        format!("access: {name:?} is neither a group nor an agent"),
                    );
                }
            }
            LateCheck::Agent(name, file, at) => {
                if self.config.agent(&name).is_none() {
                    self.problem(&file, at, format!("agent {name:?} is not defined"));
                }
            }
            LateCheck::Queue(name, file, at) => {
                if self.config.queue(&name).is_none() {
                    self.problem(&file, at, format!("queue {name:?} is not defined"));
                }
            }
            LateCheck::ParentQueue(name, file, at) => {
                if !self.queue_index.contains_key(&name.to_lowercase()) {
                    self.problem(&file, at, format!("parent queue {name:?} is not defined"));
                }
            }
            LateCheck::Calendar(name, file, at) => {
                if self.config.calendar(&name).is_none() {
                    let names: Vec<&str> = self
                        .config
                        .calendars
                        .iter()
                        .map(|c| c.name.as_str())
                        .collect();
                    let message = format!(
                        "calendar {name:?} is not defined; calendars: {}",
                        if names.is_empty() {
                            "none".to_string()
                        } else {
                            names.join(", ")
                        }
                    );
                    self.problem(&file, at, message);
                }
            }
            LateCheck::ClosesTo(name, file, at) => match self.config.status(&name) {
                Some(s) if s.state_type == StateType::Closed => {}
                Some(s) => {
                    let message = format!(
                        "closes_to {:?} is a status of type {}, not closed",
                        s.name, s.state_type
                    );
                    self.problem(&file, at, message)
                }
                None => {
                    let message = format!("closes_to {name:?} is not a defined status");
                    self.problem(&file, at, message)
                }
            },
            LateCheck::OnDue(name, file, at) => match self.config.status(&name) {
                Some(s) if matches!(s.state_type, StateType::New | StateType::Open) => {}
                Some(s) => {
                    let message = format!(
                        "on_due {:?} is a status of type {}, not open or new",
                        s.name, s.state_type
                    );
                    self.problem(&file, at, message)
                }
                None => {
                    let message = format!("on_due {name:?} is not a defined status");
                    self.problem(&file, at, message)
                }
            },
            LateCheck::Query(text, file, at) => {
                let scope = crate::query::Scope {
                    config: &self.config,
                    actor: crate::vocabulary::SYSTEM_ACTOR,
                    now: 0,
                };
                let checked = crate::query::Query::parse(&text, &self.config)
                    .and_then(|q| q.filter(&scope, &text).map(|_| ()));
                if let Err(e) = checked {
                    self.problem(&file, at, format!("hooks[].where: {e}"));
                }
            }
            LateCheck::Snippet(name, kind, file, at) => {
                let message = match self.config.snippet(&name) {
                    Some(s) if s.kind == kind => return,
                    Some(s) => format!(
                        "snippet {name:?} is {}, not {}",
                        s.kind.with_article(),
                        kind.with_article()
                    ),
                    None => format!("snippet {name:?} is not defined"),
                };
                self.problem(&file, at, message);
            }
        }
    }

    /// Subscriptions and account queues by their full, configured names.
    fn use_full_queue_names(&mut self) {
        let config = &mut self.config;
        let full = |queues: &[Queue], q: &str| {
            queues
                .iter()
                .find(|x| x.name.eq_ignore_ascii_case(q))
                .map(|x| x.name.clone())
        };
        for a in &mut config.agents {
            for q in &mut a.subscribe {
                if let Some(f) = full(&config.queues, q) {
                    *q = f;
                }
            }
        }
        for a in &mut config.accounts {
            if let Some(q) = &mut a.queue {
                if let Some(f) = full(&config.queues, q) {
                    *q = f;
                }
            }
        }
    }
}

/// Every per-queue setting a nested queue leaves unset is its nearest
/// parent's: one rule for all of them, applied here once, so that whatever
/// reads a queue (auto-replies, replies, escalation, retention) reads it
/// whole. Not `from`: a queue with an address of its own sends from it.
fn inherit_from_parents(config: &mut crate::config::Config) {
    let resolved: Vec<Queue> = config
        .queues
        .iter()
        .map(|own| {
            let mut q = own.clone();
            let mut parent = own.parent.as_deref().and_then(|p| config.queue(p));
            // A loop of parents is reported elsewhere; it ends here.
            for _ in 0..config.queues.len() {
                let Some(p) = parent else { break };
                // Each key unset so far takes the parent's value, noting where it came from.
                macro_rules! inherit {
                    ($($key:ident),*) => {$(
                        if q.$key.is_none() && p.$key.is_some() {
                            q.$key = p.$key.clone();
                            q.inherited.push((stringify!($key), p.name.clone()));
                        }
                    )*};
                }
                inherit!(
                    salutation,
                    signature,
                    auto_reply,
                    reply_state,
                    language,
                    on_closed_followup,
                    escalation,
                    delete_closed_after,
                    purge_after,
                    access
                );
                parent = p.parent.as_deref().and_then(|pp| config.queue(pp));
            }
            q
        })
        .collect();
    config.queues = resolved;
}
