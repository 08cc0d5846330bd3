//! Routing rules (what OTRS calls postmaster filters): an ordered list in
//! YAML, each a condition over the message and actions on its ticket.
//!
//! Conditions are compiled once per run and evaluated on intake's reader
//! thread, each regular expression at most once per message and only when a
//! rule needs it (the regex crate's literal prefilters skip most of a body);
//! the writer only applies the actions of the rules that matched.

mod apply;
mod compile;
pub mod explain;
mod prefilter;

pub use apply::apply;
pub use compile::compile_rules;
pub use explain::explain;

use crate::mail::parse::ParsedMail;
use regex::Regex;
use std::borrow::Cow;

pub use crate::config::files::RuleScope as Scope;

/// The part of a message a condition looks at.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Field {
    /// Any header by its lower-cased name, every occurrence.
    Header(String),
    From,
    To,
    Cc,
    Subject,
    Body,
    /// The names of the attachments.
    Attachment,
    /// Where the message came from (the account, Maildir or mbox).
    Mailbox,
}

impl Field {
    pub fn label(&self) -> String {
        match self {
            Field::Header(h) => format!("header {h}"),
            Field::From => "from".into(),
            Field::To => "to".into(),
            Field::Cc => "cc".into(),
            Field::Subject => "subject".into(),
            Field::Body => "body".into(),
            Field::Attachment => "attachment".into(),
            Field::Mailbox => "mailbox".into(),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Cond {
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
    /// `pattern` is the regex as written; `id` its place among all patterns,
    /// `field_id` its field's place among the fields the rules look at.
    Matches {
        field: Field,
        pattern: String,
        id: usize,
        field_id: usize,
    },
    Exists {
        header: String,
        exists: bool,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Actions {
    pub queue: Option<String>,
    pub priority: Option<i64>,
    pub owner: Option<String>,
    pub responsible: Option<String>,
    pub tags: Vec<String>,
    pub state: Option<String>,
    pub no_autoreply: bool,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub name: String,
    pub cond: Cond,
    pub actions: Actions,
    pub scope: Scope,
    /// Stop at this rule when it matches (default: go on to the next).
    pub stop: bool,
    /// Only for follow-ups to a ticket that was closed (true) or not (false).
    pub ticket_closed: Option<bool>,
}

/// The compiled rule list.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    pub rules: Vec<Rule>,
    /// Every pattern, by id.
    patterns: Vec<Regex>,
    /// Every field a pattern looks at, by field id.
    fields: Vec<Field>,
    /// Per field id: which patterns can match at all, found in one pass.
    prefilters: Vec<prefilter::Prefilter>,
}

/// What a message offers to conditions.
pub struct Subject<'a> {
    pub mail: &'a ParsedMail,
    pub source: &'a str,
}

impl Subject<'_> {
    /// The values of a field (several for repeated headers and attachments),
    /// borrowed where they stand.
    pub fn values(&self, field: &Field) -> Vec<Cow<'_, str>> {
        let m = self.mail;
        match field {
            Field::Header(name) => m
                .headers
                .iter()
                .filter(|(n, _)| n == name)
                .map(|(_, v)| Cow::Borrowed(v.as_str()))
                .collect(),
            Field::From => vec![match (&m.from_name, &m.from_addr) {
                (Some(n), Some(a)) => Cow::Owned(format!("{n} <{a}>")),
                (n, a) => Cow::Borrowed(n.as_deref().or(a.as_deref()).unwrap_or("")),
            }],
            Field::To => vec![Cow::Owned(m.to.join(", "))],
            Field::Cc => vec![Cow::Owned(m.cc.join(", "))],
            Field::Subject => vec![Cow::Borrowed(m.subject.as_str())],
            Field::Body => vec![Cow::Borrowed(m.body.as_str())],
            Field::Attachment => m
                .attachments
                .iter()
                .map(|a| Cow::Borrowed(a.filename.as_str()))
                .collect(),
            Field::Mailbox => vec![Cow::Borrowed(self.source)],
        }
    }
}

impl Rules {
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Which rules' conditions hold for a message (scope and stop are the
    /// writer's business: only it knows whether the mail is a follow-up).
    pub fn evaluate(&self, s: &Subject) -> Vec<bool> {
        let mut eval = Eval {
            rules: self,
            subject: s,
            values: vec![None; self.fields.len()],
            memo: vec![None; self.patterns.len()],
            candidates: vec![false; self.patterns.len()],
        };
        self.rules.iter().map(|r| eval.holds(&r.cond)).collect()
    }

    /// A pattern by its id.
    pub fn regex(&self, id: usize) -> Option<&Regex> {
        self.patterns.get(id)
    }
}

/// One message's evaluation: field values and pattern results, each worked
/// out once and only when asked for.
struct Eval<'a> {
    rules: &'a Rules,
    subject: &'a Subject<'a>,
    values: Vec<Option<Vec<Cow<'a, str>>>>,
    memo: Vec<Option<bool>>,
    /// Set for every pattern the prefilter of an examined field let through.
    candidates: Vec<bool>,
}

impl<'a> Eval<'a> {
    fn holds(&mut self, c: &'a Cond) -> bool {
        match c {
            Cond::All(v) => v.iter().all(|c| self.holds(c)),
            Cond::Any(v) => v.iter().any(|c| self.holds(c)),
            Cond::Not(c) => !self.holds(c),
            Cond::Matches {
                field,
                id,
                field_id,
                ..
            } => {
                if let Some(hit) = self.memo[*id] {
                    return hit;
                }
                if self.values[*field_id].is_none() {
                    let values = self.subject.values(field);
                    self.rules.prefilters[*field_id].candidates(&values, &mut self.candidates);
                    self.values[*field_id] = Some(values);
                }
                let hit = self.candidates[*id] && {
                    let re = &self.rules.patterns[*id];
                    let values = self.values[*field_id].as_deref().unwrap_or_default();
                    values.iter().any(|v| re.is_match(v))
                };
                self.memo[*id] = Some(hit);
                hit
            }
            Cond::Exists { header, exists } => {
                self.subject.mail.headers.iter().any(|(n, _)| n == header) == *exists
            }
        }
    }
}

/// Where a message lands: a new ticket, or a follow-up to an open or a
/// closed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Landing {
    NewTicket,
    FollowUp { was_closed: bool },
}

impl Rule {
    pub fn applies_to(&self, landing: Landing) -> bool {
        match landing {
            Landing::NewTicket => {
                self.scope != Scope::Followups && self.ticket_closed != Some(true)
            }
            Landing::FollowUp { was_closed } => {
                self.scope != Scope::New && self.ticket_closed.is_none_or(|c| c == was_closed)
            }
        }
    }
}

/// The rules that act on a message, in order: matched, in scope, up to the
/// first matching rule that stops.
pub fn acting<'r>(rules: &'r Rules, matched: &[bool], landing: Landing) -> Vec<&'r Rule> {
    let mut out = Vec::new();
    for (rule, hit) in rules.rules.iter().zip(matched) {
        let in_scope = rule.applies_to(landing);
        if in_scope && *hit {
            out.push(rule);
            if rule.stop {
                break;
            }
        }
    }
    out
}
