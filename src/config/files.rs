//! The configuration as written: one YAML file's shape, every key optional,
//! unknown keys refused. Values that later checks may complain about are
//! [`Spanned`], so the complaint names their line and column.

use super::accounts::AccountFile;
use super::model::{ClosedFollowup, Notify, SnippetKind};
use super::smtp::SmtpFile;
pub use super::yaml::Spanned;
use super::yaml::{pos, Pos};
use serde::de::{self, MapAccess, Visitor};
use serde::Deserialize;

type Text = Spanned<String>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub system_id: Option<Spanned<u32>>,
    pub subject_hook: Option<Text>,
    pub subject_divider: Option<Text>,
    pub default_queue: Option<Text>,
    /// The authserv-id the organisation's own MTA writes in the
    /// Authentication-Results of the mail it receives.
    pub mail_verified_by: Option<Text>,
    #[serde(default)]
    pub queues: Vec<QueueFile>,
    #[serde(default)]
    pub agents: Vec<AgentFile>,
    #[serde(default)]
    pub statuses: Vec<StatusFile>,
    /// Saved searches: name → query, used as `@name`. Kept in written order.
    #[serde(default)]
    pub searches: std::collections::HashMap<Text, Text>,
    /// The store: an SQLite file or a postgres:// URL (no password).
    pub store: Option<Text>,
    /// The password of a server store, from a command's output or a file.
    pub store_password_command: Option<Text>,
    pub store_password_file: Option<Text>,
    /// A CA certificate (PEM) to trust for a server store.
    pub store_ca_file: Option<Text>,
    /// Minutes after which a lock lapses by itself.
    pub lock_minutes: Option<Spanned<u32>>,
    /// Writing a note or a reply locks the ticket to its writer.
    pub lock_on_note: Option<Spanned<bool>>,
    /// Mail accounts for `tix fetch`.
    #[serde(default)]
    pub accounts: Vec<AccountFile>,
    /// The SMTP server for replies, auto-replies and notifications.
    pub smtp: Option<Spanned<SmtpFile>>,
    /// Auto-replies per sender address in 24 hours (default 1).
    pub auto_reply_limit: Option<u32>,
    /// A message larger than this (MB) is quarantined with its first
    /// `max_message_mb` kept (default 25).
    pub max_message_mb: Option<Spanned<u32>>,
    /// Seconds fetch and ingest may spend sending queued auto-replies and
    /// notifications after storing mail (default 5); the rest stays queued.
    pub outbox_budget_seconds: Option<u32>,
    /// Routing rules, applied in order (files in name order).
    #[serde(default)]
    pub rules: Vec<RuleFile>,
    /// Salutations, signatures and answer templates.
    #[serde(default)]
    pub snippets: Vec<SnippetFile>,
    /// Working hours that escalation times count in.
    #[serde(default)]
    pub calendars: Vec<CalendarFile>,
    /// How bounces add up to watching, holding and removing an address.
    pub bounce_policy: Option<Spanned<BouncePolicyFile>>,
    /// Programs run on events, with the event as JSON on stdin.
    #[serde(default)]
    pub hooks: Vec<Spanned<HookFile>>,
    /// The people tickets are for (usually kept in contacts.yaml).
    #[serde(default)]
    pub contacts: Vec<Spanned<ContactFile>>,
    /// Agents named together, for queue access.
    #[serde(default)]
    pub groups: Vec<GroupFile>,
}

/// A group of agents: `{ name: Mitgliederverwaltung, agents: [anna, carla] }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupFile {
    pub name: Text,
    #[serde(default)]
    pub agents: Vec<Text>,
}

/// A contact as written: an identifier, a name, addresses (some kept but
/// no longer written to), an organisation and free fields.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactFile {
    pub id: Text,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub org: Option<String>,
    #[serde(default)]
    pub addresses: Vec<Text>,
    #[serde(default)]
    pub inactive: Vec<Text>,
    #[serde(default)]
    pub fields: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HookFile {
    /// The events: created, followup, state, escalated, bounced.
    pub on: Vec<Text>,
    /// Only for tickets this query finds.
    #[serde(rename = "where")]
    pub filter: Option<Text>,
    /// The program and its arguments.
    pub run: Vec<Text>,
    /// How long it may run (default 30s).
    pub timeout: Option<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BouncePolicyFile {
    pub hard: Option<f64>,
    pub soft: Option<f64>,
    /// Weights per reason (userunknown, mailboxfull, …).
    #[serde(default)]
    pub reasons: std::collections::BTreeMap<String, f64>,
    pub watch_at: Option<f64>,
    pub hold_at: Option<f64>,
    /// After this long without a bounce a watched address is fine again.
    pub quiet: Option<String>,
    /// Return paths naming the member: `bounces+{member}@example.org`.
    #[serde(default)]
    pub verp: Vec<String>,
    /// Headers of the returned original naming the member.
    pub member_headers: Option<Vec<String>>,
    /// The return path of a bounce round's probes: `bounces+probe-{token}@example.org`.
    pub probe_from: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarFile {
    pub name: Text,
    /// An IANA time zone (`Europe/Berlin`).
    pub zone: Text,
    /// Weekdays (`mon-fri`, `sat`) → spans (`09:00-17:00, 18:00-20:00`).
    #[serde(default)]
    pub hours: std::collections::HashMap<Text, Text>,
    /// Dates without working time (`2026-12-24`, or `12-25` every year).
    #[serde(default)]
    pub holidays: Vec<Text>,
}

/// How long a queue's tickets may wait, as OTRS's escalation times.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalationFile {
    /// From the ticket's creation to the first answer to the customer.
    pub first_response: Option<Text>,
    /// From the customer's latest mail to the next answer.
    pub update: Option<Text>,
    /// From creation to closing.
    pub solution: Option<Text>,
    /// The calendar whose working hours count (default: around the clock).
    pub calendar: Option<Text>,
    /// A warning when this share of a budget is used (`80%`).
    pub warn_at: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueueFile {
    pub name: Text,
    pub parent: Option<Text>,
    #[serde(default)]
    pub addresses: Vec<Text>,
    pub on_closed_followup: Option<ClosedFollowup>,
    /// The snippets replies in this queue start and end with.
    pub salutation: Option<Text>,
    pub signature: Option<Text>,
    /// The sender of replies: `Presse <presse@verein.example>` (default: the
    /// queue's first address, else its parent's, else smtp.from).
    pub from: Option<Text>,
    /// The snippet answering new tickets at once (the auto-responder).
    pub auto_reply: Option<Text>,
    /// The status after a reply (default: unchanged; new becomes open).
    pub reply_state: Option<Text>,
    /// The language its snippets are written in.
    pub language: Option<crate::vocabulary::Language>,
    /// Escalation times (`{ first_response: 4h, calendar: office }`).
    pub escalation: Option<Spanned<EscalationFile>>,
    /// Closed tickets older than this are deleted by `tix maintain`.
    pub delete_closed_after: Option<Text>,
    /// Deleted tickets older than this are purged by `tix maintain`.
    pub purge_after: Option<Text>,
    /// Groups and agents who may read and change its tickets (none: everyone).
    pub access: Option<Vec<Text>>,
    /// Groups and agents who may only read its tickets.
    pub read_access: Option<Vec<Text>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentFile {
    pub name: Text,
    pub email: Option<Text>,
    /// Further addresses the agent writes from (a personal account).
    #[serde(default)]
    pub also_from: Vec<Text>,
    pub full_name: Option<String>,
    /// Which events mail this agent; unset, [`Notify::DEFAULT`].
    pub notify: Option<Vec<Notify>>,
    /// Queues whose new tickets mail this agent (with `notify: [new_ticket]`).
    #[serde(default)]
    pub subscribe: Vec<Text>,
    /// The language the agent writes in.
    pub language: Option<crate::vocabulary::Language>,
    /// The time zone notifications show times in (IANA name).
    pub zone: Option<Text>,
    /// none (each notification as it happens) or daily.
    pub digest: Option<super::Digest>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusFile {
    pub name: Text,
    #[serde(rename = "type")]
    pub state_type: Text,
    /// The statuses a ticket may move to from this one (all, when absent).
    pub next: Option<Vec<Text>>,
    /// For a pending status: the date it gets when none is given (`3d`).
    pub pending_for: Option<Text>,
    /// For a pending-auto-close status: the closed status it ends in.
    pub closes_to: Option<Text>,
    /// For a pending-reminder status: the status a due ticket goes back to.
    pub on_due: Option<Text>,
    /// For a pending-auto-close status: the answer snippet sent to the
    /// customer when the ticket closes by date.
    pub answer: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SnippetFile {
    pub name: Text,
    #[serde(default)]
    pub kind: SnippetKind,
    pub text: Text,
    /// An answer sent exactly as written, without the queue's salutation
    /// and signature around it (as `tix reply --plain`).
    #[serde(default)]
    pub plain: bool,
}

/// One routing rule as written (compiled by `routing`).
#[derive(Debug)]
pub struct RuleFile {
    pub name: Text,
    /// The condition, and where its `if:` key stands.
    pub condition: (Pos, CondFile),
    pub then: ActionsFile,
    pub followups: RuleScope,
    pub stop: bool,
    /// Only follow-ups to a closed (true) or not closed (false) ticket.
    pub ticket_closed: Option<bool>,
}

/// Which tickets a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleScope {
    /// New tickets only (the default).
    #[default]
    New,
    /// New tickets and follow-ups.
    Both,
    /// Follow-ups only (e.g. a "thanks" to a closed ticket).
    Followups,
}

/// One condition node: exactly one of the keys (with `matches`/`exists` for
/// `header`, and `case_sensitive` beside any pattern). A nested condition
/// keeps the place of its key (`not:`, `all:`), where a problem with it is
/// reported.
#[derive(Debug, Default)]
pub struct CondFile {
    pub all: Option<(Pos, Vec<Spanned<CondFile>>)>,
    pub any: Option<(Pos, Vec<Spanned<CondFile>>)>,
    pub not: Option<Box<(Pos, CondFile)>>,
    pub header: Option<Text>,
    pub matches: Option<Text>,
    pub exists: Option<bool>,
    pub from: Option<Text>,
    pub to: Option<Text>,
    pub cc: Option<Text>,
    pub subject: Option<Text>,
    pub body: Option<Text>,
    pub attachment: Option<Text>,
    pub mailbox: Option<Text>,
    pub case_sensitive: bool,
}

// Rules and conditions are read key by key, so that the place of a key
// (`if:`, `not:`, `all:`) is known: serde-saphyr locates values, not keys.
const RULE_KEYS: &[&str] = &["name", "if", "then", "followups", "stop", "ticket_closed"];
const COND_KEYS: &[&str] = &[
    "all",
    "any",
    "not",
    "header",
    "matches",
    "exists",
    "from",
    "to",
    "cc",
    "subject",
    "body",
    "attachment",
    "mailbox",
    "case_sensitive",
];

impl<'de> Deserialize<'de> for RuleFile {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Rule;
        impl<'de> Visitor<'de> for Rule {
            type Value = RuleFile;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a rule (name, if, then)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RuleFile, A::Error> {
                let (mut name, mut condition) = (None, None);
                let mut then = ActionsFile::default();
                let mut followups = RuleScope::default();
                let (mut stop, mut ticket_closed) = (false, None);
                while let Some(key) = map.next_key::<Text>()? {
                    match key.value.as_str() {
                        "name" => name = Some(map.next_value()?),
                        "if" => condition = Some((pos(&key), map.next_value()?)),
                        "then" => then = map.next_value()?,
                        "followups" => followups = map.next_value()?,
                        "stop" => stop = map.next_value()?,
                        "ticket_closed" => ticket_closed = map.next_value()?,
                        other => return Err(de::Error::unknown_field(other, RULE_KEYS)),
                    }
                }
                Ok(RuleFile {
                    name: name.ok_or_else(|| de::Error::missing_field("name"))?,
                    condition: condition.ok_or_else(|| de::Error::missing_field("if"))?,
                    then,
                    followups,
                    stop,
                    ticket_closed,
                })
            }
        }
        d.deserialize_map(Rule)
    }
}

impl<'de> Deserialize<'de> for CondFile {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Cond;
        impl<'de> Visitor<'de> for Cond {
            type Value = CondFile;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a condition such as { subject: REGEX }")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CondFile, A::Error> {
                let mut c = CondFile::default();
                while let Some(key) = map.next_key::<Text>()? {
                    let at = pos(&key);
                    match key.value.as_str() {
                        "all" => c.all = Some((at, map.next_value()?)),
                        "any" => c.any = Some((at, map.next_value()?)),
                        "not" => c.not = Some(Box::new((at, map.next_value()?))),
                        "header" => c.header = Some(map.next_value()?),
                        "matches" => c.matches = Some(map.next_value()?),
                        "exists" => c.exists = Some(map.next_value()?),
                        "from" => c.from = Some(map.next_value()?),
                        "to" => c.to = Some(map.next_value()?),
                        "cc" => c.cc = Some(map.next_value()?),
                        "subject" => c.subject = Some(map.next_value()?),
                        "body" => c.body = Some(map.next_value()?),
                        "attachment" => c.attachment = Some(map.next_value()?),
                        "mailbox" => c.mailbox = Some(map.next_value()?),
                        "case_sensitive" => c.case_sensitive = map.next_value()?,
                        other => return Err(de::Error::unknown_field(other, COND_KEYS)),
                    }
                }
                Ok(c)
            }
        }
        d.deserialize_map(Cond)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionsFile {
    pub queue: Option<Text>,
    /// 1–5 or a name (`high`).
    pub priority: Option<Text>,
    pub owner: Option<Text>,
    pub responsible: Option<Text>,
    #[serde(default)]
    pub tags: Vec<Text>,
    pub state: Option<Text>,
    #[serde(default)]
    pub no_autoreply: bool,
}
