//! The configuration as tix uses it: queues, agents, statuses, snippets and
//! the settings around them, merged from every file and checked.

use super::accounts;
use super::smtp;
use serde::Deserialize;
use std::path::PathBuf;

pub use crate::vocabulary::StateType;

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
    /// A pending reminder of the agent's ticket fell due.
    Reminder,
    /// An escalation time of the agent's ticket (else of a subscribed
    /// queue's) runs out soon, or ran out.
    Escalation,
    /// Mail sent from the agent's ticket (else a subscribed queue's) came
    /// back undelivered.
    Undelivered,
}

impl Queue {
    /// What a customer's mail to a closed ticket here does.
    pub fn closed_followup(&self) -> ClosedFollowup {
        self.on_closed_followup.unwrap_or_default()
    }

    /// The queue `key`'s value comes from: this one, or the one above it
    /// that set it.
    pub fn origin_of(&self, key: &str) -> &str {
        self.inherited
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(self.name.as_str(), |(_, from)| from.as_str())
    }
}

impl Agent {
    /// Whether the agent writes from `address` (their email or one of
    /// `also_from`).
    pub fn writes_from(&self, address: &str) -> bool {
        self.email
            .as_deref()
            .is_some_and(|e| e.eq_ignore_ascii_case(address))
            || self
                .also_from
                .iter()
                .any(|a| a.eq_ignore_ascii_case(address))
    }
}

impl Notify {
    /// What an agent without a `notify` setting is mailed about: what is
    /// addressed to them alone (being made responsible, their own
    /// reminders, their ticket's mail that did not arrive); the rest they
    /// ask for.
    pub const DEFAULT: &'static [Notify] =
        &[Notify::Responsible, Notify::Reminder, Notify::Undelivered];
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
    /// Unset follows the parent, else reopens (see [`Queue::closed_followup`]).
    pub on_closed_followup: Option<ClosedFollowup>,
    pub salutation: Option<String>,
    pub signature: Option<String>,
    pub from: Option<lettre::message::Mailbox>,
    pub auto_reply: Option<String>,
    pub reply_state: Option<String>,
    /// The language its snippets are written in.
    pub language: Option<crate::vocabulary::Language>,
    pub escalation: Option<Escalation>,
    /// Seconds after closing that a closed ticket is deleted.
    pub delete_closed_after: Option<i64>,
    /// Seconds after deletion that a deleted ticket is purged.
    pub purge_after: Option<i64>,
    /// Who may see and change its tickets; none: everyone.
    pub access: Option<Access>,
    /// Keys this queue leaves unset and takes from a queue above it: (key,
    /// that queue), for `tix route --explain` and the history.
    pub inherited: Vec<(&'static str, String)>,
}

/// A queue's access: groups and agents by name (as OTRS's rw and ro).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Access {
    pub write: Vec<String>,
    pub read: Vec<String>,
}

/// Agents named together.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub name: String,
    pub agents: Vec<String>,
}

/// A queue's escalation times, in seconds of working time.
#[derive(Debug, Clone, PartialEq, Default, Hash)]
pub struct Escalation {
    pub first_response: Option<i64>,
    pub update: Option<i64>,
    pub solution: Option<i64>,
    /// The calendar's name; none counts around the clock.
    pub calendar: Option<String>,
    /// Percent of a budget after which the owner is warned.
    pub warn_at: Option<u8>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Agent {
    pub name: String,
    pub email: Option<String>,
    /// Further addresses the agent writes from (lower-cased).
    pub also_from: Vec<String>,
    pub full_name: Option<String>,
    pub notify: Vec<Notify>,
    /// Full queue names.
    pub subscribe: Vec<String>,
    pub language: Option<crate::vocabulary::Language>,
    /// The zone notifications show times in (else the queue calendar's).
    pub zone: Option<chrono_tz::Tz>,
    /// Notifications gathered into one mail a day by `tix maintain`.
    pub digest: Digest,
}

/// A program run on events (`hooks:`), the event as JSON on its stdin.
#[derive(Debug, Clone, PartialEq)]
pub struct Hook {
    pub on: Vec<HookEvent>,
    /// A query the ticket must meet (tix-query(7)).
    pub filter: Option<String>,
    /// The program, then its arguments.
    pub run: Vec<String>,
    pub timeout: std::time::Duration,
}

crate::vocabulary::vocabulary! {
    /// What a hook can be run on.
    HookEvent {
        /// A new ticket (mail, tix new, a split).
        Created = "created",
        /// The customer wrote again.
        Followup = "followup",
        /// The status changed.
        State = "state",
        /// An escalation time ran out.
        Escalated = "escalated",
        /// Mail the ticket sent came back undelivered.
        Bounced = "bounced",
    }
}

/// How an agent's notifications reach them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Digest {
    /// Each as it happens.
    #[default]
    None,
    /// Listed in one mail a day.
    Daily,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub name: String,
    pub state_type: StateType,
    /// Allowed next statuses; `None` allows every status.
    pub next: Option<Vec<String>>,
    /// A pending status's default span (`pending_for: 3d`), when no date is given.
    pub pending_for: Option<std::time::Duration>,
    /// A pending-auto-close status: the closed status it ends in.
    pub closes_to: Option<String>,
    /// A pending-reminder status: where a due ticket goes back to.
    pub on_due: Option<String>,
    /// A pending-auto-close status: the answer snippet sent on closing.
    pub answer: Option<String>,
}

/// The merged, validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub system_id: u32,
    pub subject_hook: String,
    pub subject_divider: String,
    pub default_queue: String,
    /// The authserv-id of the organisation's own MTA in Authentication-Results:
    /// a verdict it wrote makes an agent's mail an agent's answer.
    pub mail_verified_by: Option<String>,
    pub queues: Vec<Queue>,
    pub agents: Vec<Agent>,
    pub statuses: Vec<Status>,
    pub searches: std::collections::BTreeMap<String, String>,
    /// The store named in the config (`--db` and TIX_DB come first).
    pub store: Option<PathBuf>,
    /// Where the password of that store (a server) comes from.
    pub store_password: Option<accounts::PasswordSource>,
    /// A CA certificate to trust for that store's server.
    pub store_ca_file: Option<PathBuf>,
    pub lock_minutes: u32,
    pub lock_on_note: bool,
    pub accounts: Vec<accounts::Account>,
    pub smtp: Option<smtp::Smtp>,
    pub auto_reply_limit: u32,
    pub max_message_bytes: usize,
    pub outbox_budget: std::time::Duration,
    pub snippets: Vec<Snippet>,
    pub calendars: Vec<crate::calendar::Calendar>,
    pub bounce_policy: crate::bounces::policy::Policy,
    pub hooks: Vec<Hook>,
    /// Contacts written in the config (`tix contact import` reads CSV).
    pub contacts: Vec<Contact>,
    pub groups: Vec<Group>,
    /// The files read, for messages; empty on built-in defaults.
    pub sources: Vec<PathBuf>,
    /// The subject tag matcher, built on first use from subject_hook and
    /// subject_divider (which are final once the config is loaded).
    subject_tag: std::sync::OnceLock<crate::mail::subject_tag::SubjectTag>,
    /// Whether any queue escalates, found on first use (asked per message).
    escalates: std::sync::OnceLock<bool>,
}

/// A person tickets are for, as the member list or contacts.yaml has
/// them. Mail from any of a contact's addresses is that contact's.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Contact {
    pub id: String,
    pub name: String,
    pub org: Option<String>,
    /// Lower-cased, active ones first.
    pub addresses: Vec<String>,
    /// Addresses kept but no longer written to (a hard bounce).
    pub inactive: Vec<String>,
    pub fields: serde_json::Value,
}

/// What a snippet is for; a queue's salutation must name a salutation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SnippetKind {
    Salutation,
    Signature,
    #[default]
    Answer,
}

impl SnippetKind {
    /// "a salutation", "an answer": for messages.
    pub fn with_article(self) -> &'static str {
        match self {
            SnippetKind::Salutation => "a salutation",
            SnippetKind::Signature => "a signature",
            SnippetKind::Answer => "an answer",
        }
    }
}

/// A salutation, signature or answer template (`{{ variable }}` placeholders).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Snippet {
    pub name: String,
    pub kind: SnippetKind,
    pub text: String,
    /// Sent as written: no salutation or signature around it.
    pub plain: bool,
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
        ("new", StateType::New),
        ("open", StateType::Open),
        ("in progress", StateType::Open),
        ("clarify", StateType::Open),
        ("waiting for customer", StateType::PendingReminder),
        ("waiting internal", StateType::PendingReminder),
        ("pending auto close", StateType::PendingAutoClose),
        ("closed successful", StateType::Closed),
        ("closed unsuccessful", StateType::Closed),
        ("closed spam", StateType::Closed),
        ("closed zombie", StateType::Closed),
        ("merged", StateType::Merged),
        ("deleted", StateType::Removed),
    ]
    .into_iter()
    .map(|(n, t)| Status {
        name: n.to_string(),
        state_type: t,
        next: None,
        pending_for: t.is_pending().then_some(DEFAULT_PENDING_FOR),
        closes_to: None,
        on_due: None,
        answer: None,
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
            mail_verified_by: None,
            queues: vec![Queue {
                name: DEFAULT_QUEUE.to_string(),
                parent: None,
                addresses: vec![],
                on_closed_followup: None,
                salutation: None,
                signature: None,
                from: None,
                auto_reply: None,
                reply_state: None,
                language: None,
                escalation: None,
                delete_closed_after: None,
                access: None,
                inherited: vec![],
                purge_after: None,
            }],
            agents: vec![],
            statuses: default_statuses(),
            searches: Default::default(),
            store: None,
            store_password: None,
            store_ca_file: None,
            lock_minutes: 60,
            lock_on_note: true,
            accounts: vec![],
            smtp: None,
            auto_reply_limit: 1,
            max_message_bytes: crate::mail::parse::DEFAULT_MAX_SIZE,
            outbox_budget: std::time::Duration::from_secs(5),
            snippets: vec![],
            calendars: vec![],
            bounce_policy: Default::default(),
            contacts: vec![],
            groups: vec![],
            hooks: vec![],
            sources: vec![],
            subject_tag: Default::default(),
            escalates: Default::default(),
        }
    }
}

pub use crate::vocabulary::name_key as status_key;

impl Config {
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
    pub fn status_of_type(&self, state_type: StateType) -> &Status {
        self.statuses
            .iter()
            .find(|s| s.state_type == state_type)
            .expect("validated: every required state type has a status")
    }

    pub fn snippet(&self, name: &str) -> Option<&Snippet> {
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

    /// The queue and its parents, nearest first.
    fn queue_line<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a Queue> + 'a {
        let mut next = self.queue(name);
        std::iter::from_fn(move || {
            let q = next?;
            next = q.parent.as_deref().and_then(|p| self.queue(p));
            Some(q)
        })
    }

    /// A queue's escalation times: its own, else its nearest parent's.
    pub fn escalation(&self, queue: &str) -> Option<&Escalation> {
        self.queue_line(queue).find_map(|q| q.escalation.as_ref())
    }

    /// A queue's retention (delete closed after, purge deleted after), each
    /// its own or its nearest parent's.
    pub fn retention(&self, queue: &str) -> (Option<i64>, Option<i64>) {
        (
            self.queue_line(queue).find_map(|q| q.delete_closed_after),
            self.queue_line(queue).find_map(|q| q.purge_after),
        )
    }

    /// Whether any queue says who may see it.
    pub fn restricts_access(&self) -> bool {
        self.queues.iter().any(|q| q.access.is_some())
    }

    /// Whether `who` is named by `names` (an agent, or a group with it).
    fn names_agent(&self, names: &[String], who: &str) -> bool {
        names.iter().any(|n| {
            n.eq_ignore_ascii_case(who)
                || self.groups.iter().any(|g| {
                    g.name.eq_ignore_ascii_case(n)
                        && g.agents.iter().any(|a| a.eq_ignore_ascii_case(who))
                })
        })
    }

    /// Whether agent `who` may see the tickets of `queue` (a queue the
    /// config does not know has no access rule).
    pub fn may_read(&self, who: &str, queue: &str) -> bool {
        match self.queue(queue).and_then(|q| q.access.as_ref()) {
            None => true,
            Some(a) => self.names_agent(&a.write, who) || self.names_agent(&a.read, who),
        }
    }

    /// Whether agent `who` may change the tickets of `queue`.
    pub fn may_write(&self, who: &str, queue: &str) -> bool {
        match self.queue(queue).and_then(|q| q.access.as_ref()) {
            None => true,
            Some(a) => self.names_agent(&a.write, who),
        }
    }

    /// The queues whose tickets `who` may not see (empty: none hidden).
    pub fn hidden_queues(&self, who: &str) -> Vec<String> {
        self.queues
            .iter()
            .filter(|q| !self.may_read(who, &q.name))
            .map(|q| q.name.clone())
            .collect()
    }

    pub fn calendar(&self, name: &str) -> Option<&crate::calendar::Calendar> {
        self.calendars
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(name))
    }

    /// Whether tix can send mail at all (an SMTP server anywhere).
    pub fn sends_mail(&self) -> bool {
        self.smtp.is_some() || self.accounts.iter().any(|a| a.smtp.is_some())
    }

    /// Whether any queue escalates: when none does, nothing is computed.
    pub fn escalates(&self) -> bool {
        *self
            .escalates
            .get_or_init(|| self.queues.iter().any(|q| q.escalation.is_some()))
    }

    pub fn agent(&self, name: &str) -> Option<&Agent> {
        self.agents
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
    }
}
