//! Merging every file into one [`Config`], section by section, and the
//! checks that need all files read (a parent queue in another file, a
//! reply state defined after the queue that names it).

use super::accounts;
use super::files::{
    AgentFile, CalendarFile, ConfigFile, EscalationFile, QueueFile, SnippetFile, Spanned,
    StatusFile,
};
use super::loaded::{problem, Deferred, Loaded, Placed};
use super::model::{
    status_key, Agent, Config, Problem, Queue, Snippet, SnippetKind, StateType, Status,
};
use super::smtp;
use super::yaml::{pos, Pos};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A value and where it was written.
pub(super) struct At<T> {
    pub(super) value: T,
    pub(super) file: PathBuf,
    pub(super) pos: Pos,
}

/// A name checked once every file is read.
pub(super) enum LateCheck {
    ReplyState(String, PathBuf, Pos),
    Queue(String, PathBuf, Pos),
    /// A queue's salutation, signature or auto-reply names a snippet of this kind.
    Snippet(String, SnippetKind, PathBuf, Pos),
    ParentQueue(String, PathBuf, Pos),
    Calendar(String, PathBuf, Pos),
    /// A pending-auto-close status's `closes_to` names a closed status.
    ClosesTo(String, PathBuf, Pos),
    /// A pending-reminder status's `on_due` names a new or open status.
    OnDue(String, PathBuf, Pos),
    /// A hook's `where` is a query.
    Query(String, PathBuf, Pos),
    /// A queue's access names a group or an agent.
    AccessName(String, PathBuf, Pos),
    /// A group names an agent.
    Agent(String, PathBuf, Pos),
}

#[derive(Default)]
pub(super) struct Merger {
    pub(super) config: Config,
    pub(super) problems: Vec<Problem>,
    pub(super) deferred: Deferred,
    pub(super) system_id: Option<At<u32>>,
    pub(super) hook: Option<At<String>>,
    pub(super) divider: Option<At<String>>,
    pub(super) verified_by: Option<At<String>>,
    pub(super) default_queue: Option<At<String>>,
    pub(super) lock_minutes: Option<At<u32>>,
    pub(super) lock_on_note: Option<At<bool>>,
    pub(super) smtp_at: Option<PathBuf>,
    pub(super) bounce_policy_at: Option<PathBuf>,
    pub(super) queues: Vec<At<Queue>>,
    // Where each queue name (lower case) and address is defined: checks stay
    // linear for a config of tens of thousands of queues.
    pub(super) queue_index: HashMap<String, usize>,
    pub(super) address_queue: HashMap<String, usize>,
    pub(super) agents: Vec<At<Agent>>,
    pub(super) statuses: Vec<At<Status>>,
    /// Each kept status's `next` list as written.
    pub(super) status_next: Vec<(PathBuf, Vec<Spanned<String>>)>,
    pub(super) late_checks: Vec<LateCheck>,
}

pub(super) fn merge(files: Vec<(PathBuf, ConfigFile)>, now: i64) -> Loaded {
    let mut m = Merger::default();
    for (file, cf) in files {
        m.file(&file, cf, now);
    }
    m.finish()
}

impl Merger {
    pub(super) fn problem(&mut self, file: &Path, at: Pos, message: String) {
        self.problems.push(problem(file, at, message));
    }

    fn file(&mut self, file: &Path, cf: ConfigFile, now: i64) {
        self.settings(file, &cf);
        if let Some(block) = cf.bounce_policy {
            self.bounce_policy(file, block);
        }
        for h in cf.hooks {
            self.hook(file, h);
        }
        for c in cf.contacts {
            self.contact(file, c);
        }
        if let Some(block) = cf.smtp {
            self.smtp(file, block);
        }
        for a in cf.accounts {
            self.account(file, a, now);
        }
        for (name, query) in sorted_by_place(cf.searches) {
            self.search(file, name, query);
        }
        for q in cf.queues {
            self.queue(file, q);
        }
        for a in cf.agents {
            self.agent(file, a);
        }
        for s in cf.statuses {
            self.status(file, s);
        }
        for s in cf.snippets {
            self.snippet(file, s);
        }
        for c in cf.calendars {
            self.calendar(file, c);
        }
        for g in cf.groups {
            self.group(file, g);
        }
        self.deferred.rules.push((file.to_path_buf(), cf.rules));
    }

    /// The settings given once in the whole config.
    fn settings(&mut self, file: &Path, cf: &ConfigFile) {
        let mut problems = Vec::new();
        set_once(
            &mut self.system_id,
            &cf.system_id,
            "system_id",
            file,
            &mut problems,
        );
        set_once(
            &mut self.hook,
            &cf.subject_hook,
            "subject_hook",
            file,
            &mut problems,
        );
        set_once(
            &mut self.divider,
            &cf.subject_divider,
            "subject_divider",
            file,
            &mut problems,
        );
        set_once(
            &mut self.verified_by,
            &cf.mail_verified_by,
            "mail_verified_by",
            file,
            &mut problems,
        );
        set_once(
            &mut self.default_queue,
            &cf.default_queue,
            "default_queue",
            file,
            &mut problems,
        );
        set_once(
            &mut self.lock_minutes,
            &cf.lock_minutes,
            "lock_minutes",
            file,
            &mut problems,
        );
        set_once(
            &mut self.lock_on_note,
            &cf.lock_on_note,
            "lock_on_note",
            file,
            &mut problems,
        );
        self.problems.append(&mut problems);
        if let Some(store) = &cf.store {
            let at = pos(store);
            let url = store.value.trim();
            if crate::location::has_password(url) {
                self.problem(
                    file,
                    at,
                    "store: a password never goes in the config; give it in TIX_DB_PASSWORD, store_password_command or store_password_file, PGPASSWORD or ~/.pgpass".to_string(),
                );
            } else if url.is_empty() {
                self.problem(
                    file,
                    at,
                    "store: empty; name a file or a postgres:// URL".to_string(),
                );
            } else {
                self.config.store = Some(PathBuf::from(url));
            }
        }
        match (&cf.store_password_command, &cf.store_password_file) {
            (Some(command), Some(_)) => self.problem(
                file,
                pos(command),
                "store_password_command and store_password_file: give one of them".to_string(),
            ),
            (Some(command), None) => {
                self.config.store_password = Some(super::accounts::PasswordSource::Command(
                    command.value.clone(),
                ))
            }
            (None, Some(path)) => {
                self.config.store_password = Some(super::accounts::PasswordSource::File(
                    PathBuf::from(&path.value),
                ))
            }
            (None, None) => {}
        }
        if let Some(ca) = &cf.store_ca_file {
            self.config.store_ca_file = Some(PathBuf::from(&ca.value));
        }
        if let Some(limit) = cf.auto_reply_limit {
            self.config.auto_reply_limit = limit;
        }
        match &cf.max_message_mb {
            Some(mb) if mb.value == 0 => self.problem(
                file,
                pos(mb),
                "max_message_mb must be at least 1".to_string(),
            ),
            Some(mb) => self.config.max_message_bytes = mb.value as usize * 1024 * 1024,
            None => {}
        }
        if let Some(s) = cf.outbox_budget_seconds {
            self.config.outbox_budget = std::time::Duration::from_secs(s.into());
        }
    }

    fn smtp(&mut self, file: &Path, block: Spanned<smtp::SmtpFile>) {
        let at = pos(&block);
        if let Some(first) = &self.smtp_at {
            let message = format!("smtp is set already in {}", first.display());
            self.problem(file, at, message);
            return;
        }
        self.smtp_at = Some(file.to_path_buf());
        match smtp::check(block.value, at, "smtp") {
            Ok(s) => self.config.smtp = Some(s),
            Err((at, message)) => self.problem(file, at, message),
        }
    }

    fn account(&mut self, file: &Path, a: accounts::AccountFile, now: i64) {
        let name = a.name.value.clone();
        if let Some(message) = control_in_name("account", &name) {
            self.problem(file, pos(&a.name), message);
            return;
        }
        if self.config.accounts.iter().any(|x| x.name == name) {
            self.problem(
                file,
                pos(&a.name),
                format!("account {name:?} is defined twice"),
            );
            return;
        }
        let queue = a.queue.as_ref().map(|q| (q.value.clone(), pos(q)));
        match accounts::check(a, now) {
            Ok(acc) => {
                if let Some((q, at)) = queue {
                    self.late_checks
                        .push(LateCheck::Queue(q, file.to_path_buf(), at));
                }
                self.config.accounts.push(acc);
            }
            Err((at, message)) => self.problem(file, at, message),
        }
    }

    fn search(&mut self, file: &Path, name: Spanned<String>, query: Spanned<String>) {
        let at = pos(&name);
        let name = name.value;
        let well_named = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
        if !well_named {
            self.problem(
                file,
                at,
                format!("saved search name {name:?} must be letters, digits, - or _"),
            );
        } else if self
            .config
            .searches
            .insert(name.clone(), query.value)
            .is_some()
        {
            self.problem(file, at, format!("saved search {name:?} is defined twice"));
        } else {
            self.deferred.searches.push(Placed {
                name,
                file: file.to_path_buf(),
                pos: at,
            });
        }
    }

    fn queue(&mut self, file: &Path, q: QueueFile) {
        let at = pos(&q.name);
        let name = q.name.value.trim().to_string();
        if let Some(message) = control_in_name("queue", &q.name.value) {
            self.problem(file, at, message);
            return;
        }
        if name.is_empty() || name.split("::").any(|p| p.trim().is_empty()) {
            let message = format!(
                "queue name {:?} is empty or has an empty part",
                q.name.value
            );
            self.problem(file, at, message);
            return;
        }
        let (full, parent) = match (&q.parent, name.rsplit_once("::")) {
            (Some(p), _) => (
                format!("{}::{name}", p.value.trim()),
                Some((p.value.trim().to_string(), pos(p))),
            ),
            (None, Some((p, _))) => (name.clone(), Some((p.to_string(), at))),
            (None, None) => (name.clone(), None),
        };
        if let Some((p, p_at)) = &parent {
            self.late_checks
                .push(LateCheck::ParentQueue(p.clone(), file.to_path_buf(), *p_at));
        }
        if let Some(prev) = self
            .queue_index
            .get(&full.to_lowercase())
            .map(|&i| &self.queues[i])
        {
            let message = format!(
                "queue {full:?} is defined already in {}:{}",
                prev.file.display(),
                prev.pos.0
            );
            self.problem(file, at, message);
            return;
        }
        for (value, kind) in [
            (&q.salutation, SnippetKind::Salutation),
            (&q.signature, SnippetKind::Signature),
            (&q.auto_reply, SnippetKind::Answer),
        ] {
            if let Some(name) = value {
                self.late_checks.push(LateCheck::Snippet(
                    name.value.clone(),
                    kind,
                    file.to_path_buf(),
                    pos(name),
                ));
            }
        }
        let addresses = self.queue_addresses(file, &q.addresses);
        let from = q.from.as_ref().and_then(|f| {
            f.value
                .parse::<lettre::message::Mailbox>()
                .map_err(|e| {
                    let message = format!("from {:?} is not a mail address: {e}", f.value);
                    self.problem(file, pos(f), message)
                })
                .ok()
        });
        if let Some(st) = &q.reply_state {
            self.late_checks.push(LateCheck::ReplyState(
                st.value.clone(),
                file.to_path_buf(),
                pos(st),
            ));
        }
        let escalation = q.escalation.and_then(|e| self.escalation(file, e));
        let delete_closed_after =
            self.duration(file, "delete_closed_after", &q.delete_closed_after);
        let purge_after = self.duration(file, "purge_after", &q.purge_after);
        let access = self.access(file, q.access, q.read_access);
        self.queue_index
            .insert(full.to_lowercase(), self.queues.len());
        self.queues.push(At {
            value: Queue {
                name: full,
                parent: parent.map(|(p, _)| p),
                addresses,
                on_closed_followup: q.on_closed_followup,
                salutation: q.salutation.map(|s| s.value),
                signature: q.signature.map(|s| s.value),
                from,
                auto_reply: q.auto_reply.map(|s| s.value),
                reply_state: q.reply_state.map(|s| s.value),
                language: q.language,
                escalation,
                delete_closed_after,
                purge_after,
                access,
                inherited: vec![],
            },
            file: file.to_path_buf(),
            pos: at,
        });
    }

    /// A queue's addresses, lower-cased; one address routes to one queue.
    fn queue_addresses(&mut self, file: &Path, written: &[Spanned<String>]) -> Vec<String> {
        let mut addresses = Vec::new();
        for a in written {
            let lower = a.value.trim().to_lowercase();
            if !looks_like_address(&lower) {
                let message = format!("{:?} is not an email address", a.value);
                self.problem(file, pos(a), message);
            } else if let Some(other) = self.address_queue.get(&lower).map(|&i| &self.queues[i]) {
                let message = format!(
                    "address {lower} routes to queue {:?} already",
                    other.value.name
                );
                self.problem(file, pos(a), message);
            } else if !addresses.contains(&lower) {
                self.address_queue.insert(lower.clone(), self.queues.len());
                addresses.push(lower);
            }
        }
        addresses
    }

    fn agent(&mut self, file: &Path, a: AgentFile) {
        let at = pos(&a.name);
        let name = a.name.value.trim().to_string();
        if let Some(message) = control_in_name("agent", &a.name.value) {
            self.problem(file, at, message);
            return;
        }
        if name.is_empty() || name.contains(char::is_whitespace) {
            let message = format!(
                "agent name {:?} must be one word (it is typed on the command line)",
                a.name.value
            );
            self.problem(file, at, message);
            return;
        }
        if let Some(e) = &a.email {
            if !looks_like_address(&e.value) {
                self.problem(
                    file,
                    pos(e),
                    format!("{:?} is not an email address", e.value),
                );
            }
        }
        if let Some(prev) = self
            .agents
            .iter()
            .find(|x| x.value.name.eq_ignore_ascii_case(&name))
        {
            let message = format!(
                "agent {name:?} is defined already in {}:{}",
                prev.file.display(),
                prev.pos.0
            );
            self.problem(file, at, message);
            return;
        }
        for q in &a.subscribe {
            self.late_checks.push(LateCheck::Queue(
                q.value.clone(),
                file.to_path_buf(),
                pos(q),
            ));
        }
        let zone = match &a.zone {
            None => None,
            Some(z) => match crate::calendar::parse_zone(&z.value) {
                Ok(zone) => Some(zone),
                Err(message) => {
                    self.problem(file, pos(z), message);
                    return;
                }
            },
        };
        self.agents.push(At {
            value: Agent {
                name,
                email: a.email.map(|e| e.value),
                also_from: a
                    .also_from
                    .into_iter()
                    .map(|e| e.value.trim().to_lowercase())
                    .collect(),
                full_name: a.full_name,
                notify: a.notify.unwrap_or_else(|| super::Notify::DEFAULT.to_vec()),
                subscribe: a.subscribe.into_iter().map(|q| q.value).collect(),
                language: a.language,
                zone,
                digest: a.digest.unwrap_or_default(),
            },
            file: file.to_path_buf(),
            pos: at,
        });
    }

    fn status(&mut self, file: &Path, s: StatusFile) {
        let at = pos(&s.name);
        if let Some(message) = control_in_name("status", &s.name.value) {
            self.problem(file, at, message);
            return;
        }
        if status_key(&s.name.value).is_empty() {
            self.problem(file, at, "status name is empty".to_string());
            return;
        }
        let Some(state_type) = StateType::parse(&s.state_type.value) else {
            let message = format!(
                "unknown state type {:?}; one of: {}",
                s.state_type.value,
                StateType::names()
            );
            self.problem(file, pos(&s.state_type), message);
            return;
        };
        if let Some(prev) = self
            .statuses
            .iter()
            .find(|x| status_key(&x.value.name) == status_key(&s.name.value))
        {
            let message = format!(
                "status {:?} is defined already in {}:{}",
                s.name.value,
                prev.file.display(),
                prev.pos.0
            );
            self.problem(file, at, message);
            return;
        }
        let pending_for = match &s.pending_for {
            None => None,
            Some(p) => match humantime::parse_duration(&p.value) {
                Ok(d) if state_type.is_pending() => Some(d),
                Ok(_) => {
                    let message = format!(
                        "pending_for goes with pending statuses, not {:?}",
                        s.name.value
                    );
                    self.problem(file, pos(p), message);
                    None
                }
                Err(e) => {
                    let message = format!("pending_for: {e} (write e.g. 3d, 12h, 1week)");
                    self.problem(file, pos(p), message);
                    None
                }
            },
        };
        let follow_on = |key: &str, value: &Option<Spanned<String>>, fits: StateType| {
            value.as_ref().map(|v| {
                let problem = (state_type != fits).then(|| {
                    (
                        pos(v),
                        format!(
                            "{key} goes with statuses of type {fits}, not {:?}",
                            s.name.value
                        ),
                    )
                });
                (v.value.clone(), pos(v), problem)
            })
        };
        let closes_to = follow_on("closes_to", &s.closes_to, StateType::PendingAutoClose);
        let on_due = follow_on("on_due", &s.on_due, StateType::PendingReminder);
        let answer = follow_on("answer", &s.answer, StateType::PendingAutoClose);
        match &answer {
            Some((_, _, Some((at, message)))) => self.problem(file, *at, message.clone()),
            Some((name, at, None)) => self.late_checks.push(LateCheck::Snippet(
                name.clone(),
                SnippetKind::Answer,
                file.to_path_buf(),
                *at,
            )),
            None => {}
        }
        for (check, value) in [
            (LateCheck::ClosesTo as fn(_, _, _) -> _, &closes_to),
            (LateCheck::OnDue, &on_due),
        ] {
            if let Some((name, at, problem)) = value {
                match problem {
                    Some((at, message)) => self.problem(file, *at, message.clone()),
                    None => self
                        .late_checks
                        .push(check(name.clone(), file.to_path_buf(), *at)),
                }
            }
        }
        let next = s.next.map(|list| {
            let names = list.iter().map(|n| n.value.clone()).collect();
            self.status_next.push((file.to_path_buf(), list));
            names
        });
        self.statuses.push(At {
            value: Status {
                name: s.name.value.trim().to_string(),
                state_type,
                next,
                pending_for,
                closes_to: closes_to.map(|(n, ..)| n),
                on_due: on_due.map(|(n, ..)| n),
                answer: answer.map(|(n, ..)| n),
            },
            file: file.to_path_buf(),
            pos: at,
        });
    }

    fn escalation(
        &mut self,
        file: &Path,
        e: Spanned<EscalationFile>,
    ) -> Option<super::model::Escalation> {
        let at = pos(&e);
        let e = e.value;
        let first_response = self.duration(file, "first_response", &e.first_response);
        let update = self.duration(file, "update", &e.update);
        let solution = self.duration(file, "solution", &e.solution);
        if e.first_response.is_none() && e.update.is_none() && e.solution.is_none() {
            let message =
                "escalation needs at least one of first_response, update, solution".to_string();
            self.problem(file, at, message);
            return None;
        }
        if let Some(c) = &e.calendar {
            self.late_checks.push(LateCheck::Calendar(
                c.value.clone(),
                file.to_path_buf(),
                pos(c),
            ));
        }
        let warn_at = e.warn_at.as_ref().and_then(|w| {
            let text = w.value.trim().trim_end_matches('%').trim();
            match text.parse::<u8>() {
                Ok(p) if (1..100).contains(&p) => Some(p),
                _ => {
                    let message = format!("warn_at {:?} is not a share from 1% to 99%", w.value);
                    self.problem(file, pos(w), message);
                    None
                }
            }
        });
        Some(super::model::Escalation {
            first_response,
            update,
            solution,
            calendar: e.calendar.map(|c| c.value.trim().to_string()),
            warn_at,
        })
    }

    fn calendar(&mut self, file: &Path, c: CalendarFile) {
        let at = pos(&c.name);
        if let Some(message) = control_in_name("calendar", &c.name.value) {
            self.problem(file, at, message);
            return;
        }
        let name = c.name.value.trim().to_string();
        if name.is_empty() {
            self.problem(file, at, "calendar name is empty".to_string());
            return;
        }
        if self.config.calendar(&name).is_some() {
            self.problem(file, at, format!("calendar {name:?} is defined twice"));
            return;
        }
        let mut hours: Vec<_> = c.hours.into_iter().collect();
        hours.sort_by_key(|(k, _)| pos(k));
        // A mistake is named at the entry that makes it, where one can be told.
        for (days, spans) in &hours {
            let single = [(days.value.clone(), spans.value.clone())];
            if let Err(message) = crate::calendar::Calendar::new(&name, "UTC", &single, &[]) {
                self.problem(file, pos(days), message);
                return;
            }
        }
        for h in &c.holidays {
            let probe = [("mon".to_string(), "09:00-10:00".to_string())];
            if let Err(message) =
                crate::calendar::Calendar::new(&name, "UTC", &probe, std::slice::from_ref(&h.value))
            {
                self.problem(file, pos(h), message);
                return;
            }
        }
        let written: Vec<(String, String)> = hours
            .iter()
            .map(|(d, s)| (d.value.clone(), s.value.clone()))
            .collect();
        let holidays: Vec<String> = c.holidays.iter().map(|h| h.value.clone()).collect();
        match crate::calendar::Calendar::new(&name, &c.zone.value, &written, &holidays) {
            Ok(cal) => self.config.calendars.push(cal),
            Err(message) => {
                let place = if message.contains("time zone") {
                    pos(&c.zone)
                } else {
                    at
                };
                self.problem(file, place, message);
            }
        }
    }

    fn snippet(&mut self, file: &Path, sn: SnippetFile) {
        let at = pos(&sn.name);
        let name = sn.name.value.trim().to_string();
        if name.is_empty() || name.contains(|c: char| c.is_whitespace() || c.is_control()) {
            let message = format!("snippet name {:?} must be one word", sn.name.value);
            self.problem(file, at, message);
            return;
        }
        if self
            .config
            .snippets
            .iter()
            .any(|x| x.name.eq_ignore_ascii_case(&name))
        {
            self.problem(file, at, format!("snippet {name:?} is defined twice"));
            return;
        }
        self.deferred.snippet_texts.push(Placed {
            name: name.clone(),
            file: file.to_path_buf(),
            pos: pos(&sn.text),
        });
        self.config.snippets.push(Snippet {
            name,
            kind: sn.kind,
            text: sn.text.value,
            plain: sn.plain,
        });
    }
}

/// A map's entries in the order they were written.
fn sorted_by_place(
    map: HashMap<Spanned<String>, Spanned<String>>,
) -> Vec<(Spanned<String>, Spanned<String>)> {
    let mut entries: Vec<_> = map.into_iter().collect();
    entries.sort_by_key(|(k, _)| pos(k));
    entries
}

fn set_once<T: Clone>(
    slot: &mut Option<At<T>>,
    value: &Option<Spanned<T>>,
    key: &str,
    file: &Path,
    problems: &mut Vec<Problem>,
) {
    let Some(value) = value else { return };
    if let Some(prev) = slot {
        problems.push(problem(
            file,
            pos(value),
            format!(
                "{key} is set already in {}:{}",
                prev.file.display(),
                prev.pos.0
            ),
        ));
        return;
    }
    *slot = Some(At {
        value: value.value.clone(),
        file: file.to_path_buf(),
        pos: pos(value),
    });
}

fn looks_like_address(a: &str) -> bool {
    let a = a.trim();
    match a.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty() && !domain.is_empty() && !a.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// Names are typed on command lines and offered by completion: a control
/// character (a tab, a line break, a vertical tab) in one would split it
/// or hide part of it.
pub(super) fn control_in_name(what: &str, name: &str) -> Option<String> {
    name.contains(char::is_control).then(|| {
        format!("{what} name {name:?} has a control character (a tab, a line break); names are typed on command lines")
    })
}
