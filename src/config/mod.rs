//! The YAML configuration: queues, agents, statuses, numbering. A folder of
//! `*.yaml` files (or one file) merged into one [`Config`]; with no config at
//! all tix runs on built-in defaults.

pub mod accounts;
pub mod example;
mod position;
pub mod smtp;

pub use position::Positions;

use crate::error::{ExitCode, Result, TixError};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The kinds of state every status maps to; tix's logic speaks only of these.
pub const STATE_TYPES: &[&str] = &[
    "new",
    "open",
    "pending-reminder",
    "pending-auto-close",
    "closed",
    "merged",
    "removed",
];

/// A name checked once every file is read.
enum LateCheck {
    ReplyState(String, PathBuf, (usize, usize)),
    Queue(String, PathBuf, (usize, usize)),
}

/// One configuration file as written (every key optional, unknown keys refused).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    system_id: Option<u32>,
    subject_hook: Option<String>,
    subject_divider: Option<String>,
    default_queue: Option<String>,
    #[serde(default)]
    queues: Vec<QueueFile>,
    #[serde(default)]
    agents: Vec<AgentFile>,
    #[serde(default)]
    statuses: Vec<StatusFile>,
    /// Saved searches: name → query, used as `@name`.
    #[serde(default)]
    searches: std::collections::BTreeMap<String, String>,
    /// Minutes after which a lock lapses by itself.
    lock_minutes: Option<u32>,
    /// Writing a note or a reply locks the ticket to its writer.
    lock_on_note: Option<bool>,
    /// Mail accounts for `tix fetch`.
    #[serde(default)]
    accounts: Vec<accounts::AccountFile>,
    /// The SMTP server for replies, auto-replies and notifications.
    smtp: Option<smtp::SmtpFile>,
    /// Auto-replies per sender address in 24 hours (default 1).
    auto_reply_limit: Option<u32>,
    /// A message larger than this (MB) is quarantined with its first
    /// `max_message_mb` kept (default 25).
    max_message_mb: Option<u32>,
    /// Seconds fetch and ingest may spend sending queued auto-replies and
    /// notifications after storing mail (default 5); the rest stays queued.
    outbox_budget_seconds: Option<u32>,
    /// Routing rules, applied in order (files in name order).
    #[serde(default)]
    rules: Vec<crate::routing::RuleFile>,
    /// Salutations, signatures and answer templates.
    #[serde(default)]
    snippets: Vec<crate::snippets::SnippetFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QueueFile {
    name: String,
    parent: Option<String>,
    #[serde(default)]
    addresses: Vec<String>,
    on_closed_followup: Option<ClosedFollowup>,
    /// The snippets replies in this queue start and end with.
    salutation: Option<String>,
    signature: Option<String>,
    /// The sender of replies: `Presse <presse@verein.example>` (default: the
    /// queue's first address, else its parent's, else smtp.from).
    from: Option<String>,
    /// The snippet answering new tickets at once (the auto-responder).
    auto_reply: Option<String>,
    /// The status after a reply (default: unchanged; new becomes open).
    reply_state: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AgentFile {
    name: String,
    email: Option<String>,
    full_name: Option<String>,
    /// Which events mail this agent (opt-in).
    #[serde(default)]
    notify: Vec<Notify>,
    /// Queues whose new tickets mail this agent (with `notify: [new_ticket]`).
    #[serde(default)]
    subscribe: Vec<String>,
}

/// Events an agent can be mailed about; never the agent's own doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Notify {
    /// Made responsible for a ticket (with the note).
    Responsible,
    /// The customer wrote again on a ticket the agent owns.
    Followup,
    /// A new ticket in a subscribed queue.
    NewTicket,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusFile {
    name: String,
    #[serde(rename = "type")]
    state_type: String,
    /// The statuses a ticket may move to from this one (all, when absent).
    next: Option<Vec<String>>,
    /// For a pending status: the date it gets when none is given (`3d`).
    pending_for: Option<String>,
}

/// What a customer's mail to a closed ticket does, per queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum ClosedFollowup {
    /// The ticket opens again (the default, as in OTRS).
    #[default]
    Reopen,
    /// A new ticket is opened; the closed one stays closed.
    NewTicket,
    /// The mail is added, the ticket stays closed, marked as a zombie.
    Zombie,
}

/// A queue, by its full name (`LV::Mitglieder::Austritt`).
#[derive(Debug, Clone, PartialEq)]
pub struct Queue {
    pub name: String,
    pub parent: Option<String>,
    /// Lower-cased addresses whose mail lands here.
    pub addresses: Vec<String>,
    pub on_closed_followup: ClosedFollowup,
    pub salutation: Option<String>,
    pub signature: Option<String>,
    pub from: Option<lettre::message::Mailbox>,
    pub auto_reply: Option<String>,
    pub reply_state: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Agent {
    pub name: String,
    pub email: Option<String>,
    pub full_name: Option<String>,
    pub notify: Vec<Notify>,
    /// Full queue names.
    pub subscribe: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub name: String,
    pub state_type: String,
    /// Allowed next statuses; `None` allows every status.
    pub next: Option<Vec<String>>,
    /// A pending status's default span (`pending_for: 3d`), when no date is given.
    pub pending_for: Option<std::time::Duration>,
}

/// The merged, validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub system_id: u32,
    pub subject_hook: String,
    pub subject_divider: String,
    pub default_queue: String,
    pub queues: Vec<Queue>,
    pub agents: Vec<Agent>,
    pub statuses: Vec<Status>,
    pub searches: std::collections::BTreeMap<String, String>,
    pub lock_minutes: u32,
    pub lock_on_note: bool,
    pub accounts: Vec<accounts::Account>,
    pub smtp: Option<smtp::Smtp>,
    pub auto_reply_limit: u32,
    pub max_message_bytes: usize,
    pub outbox_budget: std::time::Duration,
    pub rules: std::sync::Arc<crate::routing::Rules>,
    pub snippets: Vec<crate::snippets::Snippet>,
    /// The files read, for messages; empty on built-in defaults.
    pub sources: Vec<PathBuf>,
    /// The subject tag matcher, built on first use from subject_hook and
    /// subject_divider (which are final once the config is loaded).
    subject_tag: std::sync::OnceLock<crate::mail::subject_tag::SubjectTag>,
}

/// One problem found in the configuration, located in its file.
#[derive(Debug, Clone)]
pub struct Problem {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

pub const DEFAULT_QUEUE: &str = "Inbox";

/// The built-in pending statuses wait three days unless told otherwise.
const DEFAULT_PENDING_FOR: std::time::Duration = std::time::Duration::from_secs(3 * 86_400);

fn default_statuses() -> Vec<Status> {
    [
        ("new", "new"),
        ("open", "open"),
        ("in progress", "open"),
        ("clarify", "open"),
        ("waiting for customer", "pending-reminder"),
        ("waiting internal", "pending-reminder"),
        ("pending auto close", "pending-auto-close"),
        ("closed successful", "closed"),
        ("closed unsuccessful", "closed"),
        ("closed spam", "closed"),
        ("closed zombie", "closed"),
        ("merged", "merged"),
        ("deleted", "removed"),
    ]
    .into_iter()
    .map(|(n, t)| Status {
        name: n.to_string(),
        state_type: t.to_string(),
        next: None,
        pending_for: t.starts_with("pending-").then_some(DEFAULT_PENDING_FOR),
    })
    .collect()
}

impl Default for Config {
    fn default() -> Self {
        Config {
            system_id: 10,
            subject_hook: "Ticket#".to_string(),
            subject_divider: String::new(),
            default_queue: DEFAULT_QUEUE.to_string(),
            queues: vec![Queue {
                name: DEFAULT_QUEUE.to_string(),
                parent: None,
                addresses: vec![],
                on_closed_followup: ClosedFollowup::Reopen,
                salutation: None,
                signature: None,
                from: None,
                auto_reply: None,
                reply_state: None,
            }],
            agents: vec![],
            statuses: default_statuses(),
            searches: Default::default(),
            lock_minutes: 60,
            lock_on_note: true,
            accounts: vec![],
            smtp: None,
            auto_reply_limit: 1,
            max_message_bytes: crate::mail::parse::DEFAULT_MAX_SIZE,
            outbox_budget: std::time::Duration::from_secs(5),
            rules: Default::default(),
            snippets: vec![],
            sources: vec![],
            subject_tag: Default::default(),
        }
    }
}

/// Status names compare without regard to case, and `-`/`_` stand for spaces,
/// so `closed-successful` on a command line names "closed successful".
pub fn status_key(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Config {
    /// Loads the configuration at `path` (a file or a folder). `explicit` says
    /// the user named it, so a missing path is an error rather than "use defaults".
    pub fn load(path: &Path, explicit: bool) -> Result<Config> {
        match Self::load_checked(path, explicit)? {
            Ok(c) => Ok(c),
            Err(problems) => {
                let first = problems[0].to_string();
                let more = problems.len() - 1;
                let tail = if more > 0 {
                    format!(" (and {more} more; see `tix config check`)")
                } else {
                    String::new()
                };
                Err(TixError::new(ExitCode::Usage, format!("{first}{tail}")))
            }
        }
    }

    /// Like [`Config::load`], but returns every problem found instead of the first.
    pub fn load_checked(
        path: &Path,
        explicit: bool,
    ) -> Result<std::result::Result<Config, Vec<Problem>>> {
        let files = config_files(path, explicit)?;
        let mut parsed = Vec::new();
        let mut problems = Vec::new();
        for file in &files {
            let text = std::fs::read_to_string(file).map_err(|e| {
                TixError::usage(format!("{}: cannot read config: {e}", file.display()))
            })?;
            if text.trim().is_empty() {
                continue;
            }
            match serde_yaml::from_str::<Option<ConfigFile>>(&text) {
                Ok(cf) => parsed.push((
                    file.clone(),
                    Positions::index(&text),
                    cf.unwrap_or_default(),
                )),
                Err(e) => {
                    let (line, column) = e
                        .location()
                        .map(|l| (l.line(), l.column()))
                        .unwrap_or((1, 1));
                    problems.push(Problem {
                        file: file.clone(),
                        line,
                        column,
                        message: clean_serde_message(&e.to_string()),
                    });
                }
            }
        }
        let config = merge(parsed, &mut problems);
        if problems.is_empty() {
            let mut config = config;
            config.sources = files;
            Ok(Ok(config))
        } else {
            Ok(Err(problems))
        }
    }

    pub fn queue(&self, name: &str) -> Option<&Queue> {
        self.queues
            .iter()
            .find(|q| q.name.eq_ignore_ascii_case(name))
    }

    /// The queue whose addresses include `address` (case-insensitive).
    pub fn queue_for_address(&self, address: &str) -> Option<&Queue> {
        let a = address.trim().to_lowercase();
        self.queues.iter().find(|q| q.addresses.contains(&a))
    }

    /// `name` and every queue nested below it.
    pub fn queue_with_children(&self, name: &str) -> Vec<String> {
        let prefix = format!("{}::", name.to_lowercase());
        self.queues
            .iter()
            .filter(|q| {
                let l = q.name.to_lowercase();
                l == name.to_lowercase() || l.starts_with(&prefix)
            })
            .map(|q| q.name.clone())
            .collect()
    }

    pub fn status(&self, name: &str) -> Option<&Status> {
        let key = status_key(name);
        self.statuses.iter().find(|s| status_key(&s.name) == key)
    }

    /// The status names, for messages that list the choices.
    pub fn status_names(&self) -> String {
        let names: Vec<&str> = self.statuses.iter().map(|s| s.name.as_str()).collect();
        names.join(", ")
    }

    /// The first status of a state type (the one tix sets by itself).
    pub fn status_of_type(&self, state_type: &str) -> &Status {
        self.statuses
            .iter()
            .find(|s| s.state_type == state_type)
            .expect("validated: every required state type has a status")
    }

    pub fn snippet(&self, name: &str) -> Option<&crate::snippets::Snippet> {
        self.snippets
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
    }

    /// Finds and writes `[Ticket#N]` tags; compiled once per run.
    pub fn subject_tag(&self) -> &crate::mail::subject_tag::SubjectTag {
        self.subject_tag.get_or_init(|| {
            crate::mail::subject_tag::SubjectTag::new(&self.subject_hook, &self.subject_divider)
        })
    }

    pub fn agent(&self, name: &str) -> Option<&Agent> {
        self.agents
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
    }
}

/// serde_yaml appends " at line X column Y" to its messages; tix prints the
/// position in front instead.
fn clean_serde_message(msg: &str) -> String {
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
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

/// A value and where it was written.
struct At<T> {
    value: T,
    file: PathBuf,
    pos: (usize, usize),
}

fn problem(file: &Path, pos: (usize, usize), message: String) -> Problem {
    Problem {
        file: file.to_path_buf(),
        line: pos.0,
        column: pos.1,
        message,
    }
}

fn set_once<T>(
    slot: &mut Option<At<T>>,
    value: Option<T>,
    key: &str,
    file: &Path,
    pos: &Positions,
    problems: &mut Vec<Problem>,
) {
    let Some(value) = value else { return };
    if let Some(prev) = slot {
        problems.push(problem(
            file,
            pos.of(key),
            format!(
                "{key} is set already in {}:{}",
                prev.file.display(),
                prev.pos.0
            ),
        ));
        return;
    }
    *slot = Some(At {
        value,
        file: file.to_path_buf(),
        pos: pos.of(key),
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

fn merge(files: Vec<(PathBuf, Positions, ConfigFile)>, problems: &mut Vec<Problem>) -> Config {
    let mut config = Config::default();
    let mut system_id = None;
    let mut hook = None;
    let mut divider = None;
    let mut default_queue: Option<At<String>> = None;
    let mut lock_minutes: Option<At<u32>> = None;
    let mut lock_on_note: Option<At<bool>> = None;
    let mut queues: Vec<At<Queue>> = Vec::new();
    // Where each queue name (lower case) and address is defined: checks stay
    // linear for a config of tens of thousands of queues.
    let mut queue_index: std::collections::HashMap<String, usize> = Default::default();
    let mut address_queue: std::collections::HashMap<String, usize> = Default::default();
    let mut agents: Vec<At<Agent>> = Vec::new();
    let mut statuses: Vec<At<Status>> = Vec::new();
    // Where each kept status was written: file, positions, index in its file.
    let mut status_at: Vec<(PathBuf, Positions, usize)> = Vec::new();
    let mut search_at: Vec<(String, PathBuf, (usize, usize))> = Vec::new();
    // Queue references to check once every file is read.
    let mut parent_refs: Vec<(String, PathBuf, (usize, usize))> = Vec::new();

    let mut rule_files = Vec::new();
    let mut account_queues: Vec<(String, PathBuf, (usize, usize))> = Vec::new();
    let mut late_checks: Vec<LateCheck> = Vec::new();
    let mut smtp_at: Option<PathBuf> = None;
    let mut snippet_files = Vec::new();
    // (snippet name, kind wanted, file, position) for each queue default.
    let mut snippet_refs: Vec<(String, crate::snippets::Kind, PathBuf, (usize, usize))> =
        Vec::new();
    for (file, pos, cf) in files {
        for (i, a) in cf.accounts.into_iter().enumerate() {
            let base = format!("accounts[{i}]");
            let name = a.name.clone();
            if config.accounts.iter().any(|x| x.name == name) {
                problems.push(problem(
                    &file,
                    pos.of(&format!("{base}.name")),
                    format!("account {name:?} is defined twice"),
                ));
                continue;
            }
            let queue = a.queue.clone();
            match accounts::check(a, crate::store::now()) {
                Ok(acc) => {
                    if let Some(q) = &queue {
                        account_queues.push((
                            q.clone(),
                            file.clone(),
                            pos.of(&format!("{base}.queue")),
                        ));
                    }
                    config.accounts.push(acc);
                }
                Err((key, message)) => {
                    problems.push(problem(&file, pos.of(&format!("{base}.{key}")), message))
                }
            }
        }
        if let Some(limit) = cf.auto_reply_limit {
            config.auto_reply_limit = limit;
        }
        match cf.max_message_mb {
            Some(0) => problems.push(problem(
                &file,
                pos.of("max_message_mb"),
                "max_message_mb must be at least 1".to_string(),
            )),
            Some(mb) => config.max_message_bytes = mb as usize * 1024 * 1024,
            None => {}
        }
        if let Some(s) = cf.outbox_budget_seconds {
            config.outbox_budget = std::time::Duration::from_secs(s.into());
        }
        if let Some(block) = cf.smtp {
            if let Some(first) = &smtp_at {
                problems.push(problem(
                    &file,
                    pos.of("smtp"),
                    format!("smtp is set already in {}", first.display()),
                ));
            } else {
                smtp_at = Some(file.clone());
                match smtp::check(block, "smtp") {
                    Ok(s) => config.smtp = Some(s),
                    Err((key, message)) => {
                        problems.push(problem(&file, pos.of(&format!("smtp.{key}")), message))
                    }
                }
            }
        }
        rule_files.push((file.clone(), pos.clone(), cf.rules));
        snippet_files.push((file.clone(), pos.clone(), cf.snippets));
        set_once(
            &mut system_id,
            cf.system_id,
            "system_id",
            &file,
            &pos,
            problems,
        );
        set_once(
            &mut hook,
            cf.subject_hook,
            "subject_hook",
            &file,
            &pos,
            problems,
        );
        set_once(
            &mut divider,
            cf.subject_divider,
            "subject_divider",
            &file,
            &pos,
            problems,
        );
        set_once(
            &mut default_queue,
            cf.default_queue,
            "default_queue",
            &file,
            &pos,
            problems,
        );
        set_once(
            &mut lock_minutes,
            cf.lock_minutes,
            "lock_minutes",
            &file,
            &pos,
            problems,
        );
        set_once(
            &mut lock_on_note,
            cf.lock_on_note,
            "lock_on_note",
            &file,
            &pos,
            problems,
        );
        for (name, query) in cf.searches {
            let at = pos.of(&format!("searches.{name}"));
            let well_named = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
            if !well_named {
                problems.push(problem(
                    &file,
                    at,
                    format!("saved search name {name:?} must be letters, digits, - or _"),
                ));
            } else if config.searches.insert(name.clone(), query).is_some() {
                problems.push(problem(
                    &file,
                    at,
                    format!("saved search {name:?} is defined twice"),
                ));
            } else {
                search_at.push((name, file.clone(), at));
            }
        }

        for (i, q) in cf.queues.into_iter().enumerate() {
            let base = format!("queues[{i}]");
            let name = q.name.trim().to_string();
            if name.is_empty() || name.split("::").any(|p| p.trim().is_empty()) {
                problems.push(problem(
                    &file,
                    pos.of(&format!("{base}.name")),
                    format!("queue name {:?} is empty or has an empty part", q.name),
                ));
                continue;
            }
            let (full, parent) = match (&q.parent, name.rsplit_once("::")) {
                (Some(p), _) => (format!("{}::{name}", p.trim()), Some(p.trim().to_string())),
                (None, Some((p, _))) => (name.clone(), Some(p.to_string())),
                (None, None) => (name.clone(), None),
            };
            if let Some(p) = &parent {
                let key = if q.parent.is_some() { "parent" } else { "name" };
                parent_refs.push((p.clone(), file.clone(), pos.of(&format!("{base}.{key}"))));
            }
            if let Some(prev) = queue_index.get(&full.to_lowercase()).map(|&i| &queues[i]) {
                problems.push(problem(
                    &file,
                    pos.of(&format!("{base}.name")),
                    format!(
                        "queue {full:?} is defined already in {}:{}",
                        prev.file.display(),
                        prev.pos.0
                    ),
                ));
                continue;
            }
            for (key, value, kind) in [
                (
                    "salutation",
                    &q.salutation,
                    crate::snippets::Kind::Salutation,
                ),
                ("signature", &q.signature, crate::snippets::Kind::Signature),
                ("auto_reply", &q.auto_reply, crate::snippets::Kind::Answer),
            ] {
                if let Some(name) = value {
                    snippet_refs.push((
                        name.clone(),
                        kind,
                        file.clone(),
                        pos.of(&format!("{base}.{key}")),
                    ));
                }
            }
            let mut addresses = Vec::new();
            for (j, a) in q.addresses.iter().enumerate() {
                let at = pos.of(&format!("{base}.addresses[{j}]"));
                let lower = a.trim().to_lowercase();
                if !looks_like_address(&lower) {
                    problems.push(problem(&file, at, format!("{a:?} is not an email address")));
                } else if let Some(other) = address_queue.get(&lower).map(|&i| &queues[i]) {
                    problems.push(problem(
                        &file,
                        at,
                        format!(
                            "address {lower} routes to queue {:?} already",
                            other.value.name
                        ),
                    ));
                } else if !addresses.contains(&lower) {
                    address_queue.insert(lower.clone(), queues.len());
                    addresses.push(lower);
                }
            }
            queue_index.insert(full.to_lowercase(), queues.len());
            queues.push(At {
                value: Queue {
                    name: full,
                    parent,
                    addresses,
                    on_closed_followup: q.on_closed_followup.unwrap_or_default(),
                    salutation: q.salutation.clone(),
                    signature: q.signature.clone(),
                    from: match &q.from {
                        Some(f) => match f.parse::<lettre::message::Mailbox>() {
                            Ok(m) => Some(m),
                            Err(e) => {
                                problems.push(problem(
                                    &file,
                                    pos.of(&format!("{base}.from")),
                                    format!("from {f:?} is not a mail address: {e}"),
                                ));
                                None
                            }
                        },
                        None => None,
                    },
                    auto_reply: q.auto_reply.clone(),
                    reply_state: q.reply_state.clone().inspect(|st| {
                        late_checks.push(LateCheck::ReplyState(
                            st.clone(),
                            file.clone(),
                            pos.of(&format!("{base}.reply_state")),
                        ))
                    }),
                },
                file: file.clone(),
                pos: pos.of(&format!("{base}.name")),
            });
        }

        for (i, a) in cf.agents.into_iter().enumerate() {
            let at = pos.of(&format!("agents[{i}].name"));
            let name = a.name.trim().to_string();
            if name.is_empty() || name.contains(char::is_whitespace) {
                problems.push(problem(
                    &file,
                    at,
                    format!(
                        "agent name {:?} must be one word (it is typed on the command line)",
                        a.name
                    ),
                ));
                continue;
            }
            if let Some(e) = &a.email {
                if !looks_like_address(e) {
                    problems.push(problem(
                        &file,
                        pos.of(&format!("agents[{i}].email")),
                        format!("{e:?} is not an email address"),
                    ));
                }
            }
            if let Some(prev) = agents
                .iter()
                .find(|x| x.value.name.eq_ignore_ascii_case(&name))
            {
                problems.push(problem(
                    &file,
                    at,
                    format!(
                        "agent {name:?} is defined already in {}:{}",
                        prev.file.display(),
                        prev.pos.0
                    ),
                ));
                continue;
            }
            for (j, q) in a.subscribe.iter().enumerate() {
                late_checks.push(LateCheck::Queue(
                    q.clone(),
                    file.clone(),
                    pos.of(&format!("agents[{i}].subscribe[{j}]")),
                ));
            }
            agents.push(At {
                value: Agent {
                    name,
                    email: a.email,
                    full_name: a.full_name,
                    notify: a.notify,
                    subscribe: a.subscribe,
                },
                file: file.clone(),
                pos: at,
            });
        }

        for (i, s) in cf.statuses.into_iter().enumerate() {
            let at = pos.of(&format!("statuses[{i}].name"));
            if status_key(&s.name).is_empty() {
                problems.push(problem(&file, at, "status name is empty".to_string()));
                continue;
            }
            if !STATE_TYPES.contains(&s.state_type.as_str()) {
                problems.push(problem(
                    &file,
                    pos.of(&format!("statuses[{i}].type")),
                    format!(
                        "unknown state type {:?}; one of: {}",
                        s.state_type,
                        STATE_TYPES.join(", ")
                    ),
                ));
                continue;
            }
            if let Some(prev) = statuses
                .iter()
                .find(|x| status_key(&x.value.name) == status_key(&s.name))
            {
                problems.push(problem(
                    &file,
                    at,
                    format!(
                        "status {:?} is defined already in {}:{}",
                        s.name,
                        prev.file.display(),
                        prev.pos.0
                    ),
                ));
                continue;
            }
            status_at.push((file.clone(), pos.clone(), i));
            let pending_for = match s.pending_for.as_deref().map(humantime::parse_duration) {
                None => None,
                Some(Ok(d)) if s.state_type.starts_with("pending-") => Some(d),
                Some(Ok(_)) => {
                    problems.push(problem(
                        &file,
                        pos.of(&format!("statuses[{i}].pending_for")),
                        format!("pending_for goes with pending statuses, not {:?}", s.name),
                    ));
                    None
                }
                Some(Err(e)) => {
                    problems.push(problem(
                        &file,
                        pos.of(&format!("statuses[{i}].pending_for")),
                        format!("pending_for: {e} (write e.g. 3d, 12h, 1week)"),
                    ));
                    None
                }
            };
            statuses.push(At {
                value: Status {
                    name: s.name.trim().to_string(),
                    state_type: s.state_type,
                    next: s.next,
                    pending_for,
                },
                file: file.clone(),
                pos: at,
            });
        }
    }

    if let Some(id) = &system_id {
        if id.value > 99 {
            problems.push(problem(
                &id.file,
                id.pos,
                format!(
                    "system_id {} must be 0 to 99 (two digits of every ticket number)",
                    id.value
                ),
            ));
        }
        config.system_id = id.value;
    }
    if let Some(h) = hook {
        if h.value.trim().is_empty() || h.value.contains(['[', ']']) {
            problems.push(problem(
                &h.file,
                h.pos,
                "subject_hook must be a word such as \"Ticket#\" (no brackets)".to_string(),
            ));
        }
        config.subject_hook = h.value.trim().to_string();
    }
    if let Some(d) = divider {
        config.subject_divider = d.value;
    }

    for (parent, file, at) in &parent_refs {
        if !queue_index.contains_key(&parent.to_lowercase()) {
            problems.push(problem(
                file,
                *at,
                format!("parent queue {parent:?} is not defined"),
            ));
        }
    }
    if !queues.is_empty() {
        config.queues = queues.into_iter().map(|q| q.value).collect();
        config.default_queue = config.queues[0].name.clone();
    }
    if let Some(dq) = default_queue {
        match config.queue(&dq.value) {
            Some(q) => config.default_queue = q.name.clone(),
            None => problems.push(problem(
                &dq.file,
                dq.pos,
                format!("default_queue {:?} is not a defined queue", dq.value),
            )),
        }
    }
    config.agents = agents.into_iter().map(|a| a.value).collect();
    if let Some(m) = lock_minutes {
        config.lock_minutes = m.value;
    }
    if let Some(l) = lock_on_note {
        config.lock_on_note = l.value;
    }
    if !statuses.is_empty() {
        let first = (statuses[0].file.clone(), statuses[0].pos);
        config.statuses = statuses.into_iter().map(|s| s.value).collect();
        for required in ["new", "open", "closed", "merged", "removed"] {
            if !config.statuses.iter().any(|s| s.state_type == required) {
                problems.push(problem(
                    &first.0,
                    first.1,
                    format!("statuses need at least one of type {required:?}"),
                ));
            }
        }
        for (i, (file, pos, index)) in status_at.iter().enumerate() {
            for (j, next) in config.statuses[i].next.iter().flatten().enumerate() {
                if config.status(next).is_none() {
                    problems.push(problem(
                        file,
                        pos.of(&format!("statuses[{index}].next[{j}]")),
                        format!("next status {next:?} is not defined"),
                    ));
                }
            }
        }
    }
    for (file, pos, list) in snippet_files {
        for (i, sn) in list.into_iter().enumerate() {
            let name = sn.name.trim().to_string();
            let at = pos.of(&format!("snippets[{i}].name"));
            if name.is_empty() || name.contains(char::is_whitespace) {
                problems.push(problem(
                    &file,
                    at,
                    format!("snippet name {:?} must be one word", sn.name),
                ));
                continue;
            }
            if config
                .snippets
                .iter()
                .any(|x| x.name.eq_ignore_ascii_case(&name))
            {
                problems.push(problem(
                    &file,
                    at,
                    format!("snippet {name:?} is defined twice"),
                ));
                continue;
            }
            if let Err(why) = crate::snippets::check(&name, &sn.text) {
                problems.push(problem(&file, pos.of(&format!("snippets[{i}].text")), why));
                continue;
            }
            config.snippets.push(crate::snippets::Snippet {
                name,
                kind: sn.kind,
                text: sn.text,
            });
        }
    }
    for (name, kind, file, at) in snippet_refs {
        match config
            .snippets
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(&name))
        {
            Some(s) if s.kind == kind => {}
            Some(s) => problems.push(problem(
                &file,
                at,
                format!("snippet {name:?} is a {:?}, not a {kind:?}", s.kind),
            )),
            None => problems.push(problem(
                &file,
                at,
                format!("snippet {name:?} is not defined"),
            )),
        }
    }
    for check in late_checks {
        match check {
            LateCheck::ReplyState(name, file, at) => match config.status(&name) {
                None => problems.push(problem(
                    &file,
                    at,
                    format!(
                        "status {name:?} is not defined; statuses: {}",
                        config.status_names()
                    ),
                )),
                // A reply must know its pending date before it is sent.
                Some(s) if s.state_type.starts_with("pending-") && s.pending_for.is_none() => {
                    problems.push(problem(
                        &file,
                        at,
                        format!(
                            "reply_state {:?} is a pending status without pending_for: give the status a default like `pending_for: 3d`",
                            s.name
                        ),
                    ))
                }
                Some(_) => {}
            },
            LateCheck::Queue(name, file, at) => {
                if config.queue(&name).is_none() {
                    problems.push(problem(&file, at, format!("queue {name:?} is not defined")));
                }
            }
        }
    }
    // Subscriptions and reply states by their full, configured names.
    let full_queue = |c: &Config, q: &str| {
        c.queue(q)
            .map(|x| x.name.clone())
            .unwrap_or_else(|| q.to_string())
    };
    let subscribed: Vec<Vec<String>> = config
        .agents
        .iter()
        .map(|a| a.subscribe.iter().map(|q| full_queue(&config, q)).collect())
        .collect();
    for (a, subs) in config.agents.iter_mut().zip(subscribed) {
        a.subscribe = subs;
    }
    for (q, file, at) in account_queues {
        match config.queue(&q).map(|x| x.name.clone()) {
            Some(full) => {
                for a in config
                    .accounts
                    .iter_mut()
                    .filter(|a| a.queue.as_deref() == Some(q.as_str()))
                {
                    a.queue = Some(full.clone());
                }
            }
            None => problems.push(problem(&file, at, format!("queue {q:?} is not defined"))),
        }
    }
    config.rules = std::sync::Arc::new(crate::routing::compile_rules(
        &rule_files,
        &config,
        problems,
    ));
    // Saved searches must parse (used ones are parsed again, with columns).
    for (name, file, at) in search_at {
        if let Err(e) = crate::query::Query::parse(&config.searches[&name], &config) {
            problems.push(problem(
                &file,
                at,
                format!("saved search {name:?}: {}", e.message),
            ));
        }
    }
    config
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> std::result::Result<Config, Vec<Problem>> {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("tix.yaml");
        std::fs::write(&f, text).unwrap();
        Config::load_checked(&f, true).unwrap()
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
