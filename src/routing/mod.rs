//! Routing rules (what OTRS calls postmaster filters): an ordered list in
//! YAML, each a condition over the message and actions on its ticket.
//!
//! Conditions are compiled once per run. At intake every regular expression
//! over one field runs as one `RegexSet` pass on the reader thread; the
//! writer only applies the actions of the rules that matched.

mod apply;
mod compile;
pub mod explain;

pub use apply::apply;
pub use compile::{compile_rules, RuleFile};
pub use explain::explain;

use crate::mail::parse::ParsedMail;
use regex::{Regex, RegexSet};
use std::collections::HashMap;

/// Which tickets a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// New tickets only (the default).
    #[default]
    New,
    /// New tickets and follow-ups.
    Both,
    /// Follow-ups only (e.g. a "thanks" to a closed ticket).
    Followups,
}

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
    /// `pattern` is the regex as written; `id` its place in the field's set.
    Matches {
        field: Field,
        pattern: String,
        id: usize,
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
    /// Per field: the patterns in id order, and them as one set.
    sets: HashMap<Field, (Vec<Regex>, RegexSet)>,
}

/// What a message offers to conditions.
pub struct Subject<'a> {
    pub mail: &'a ParsedMail,
    pub source: &'a str,
}

impl Subject<'_> {
    /// The values of a field (several for repeated headers and attachments).
    pub fn values(&self, field: &Field) -> Vec<String> {
        let m = self.mail;
        match field {
            Field::Header(name) => m
                .headers
                .iter()
                .filter(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
                .collect(),
            Field::From => vec![match (&m.from_name, &m.from_addr) {
                (Some(n), Some(a)) => format!("{n} <{a}>"),
                (n, a) => n.clone().or(a.clone()).unwrap_or_default(),
            }],
            Field::To => vec![m.to.join(", ")],
            Field::Cc => vec![m.cc.join(", ")],
            Field::Subject => vec![m.subject.clone()],
            Field::Body => vec![m.body.clone()],
            Field::Attachment => m.attachments.iter().map(|a| a.filename.clone()).collect(),
            Field::Mailbox => vec![self.source.to_string()],
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
        if self.rules.is_empty() {
            return vec![];
        }
        let mut hits: HashMap<&Field, Vec<bool>> = HashMap::new();
        for (field, (patterns, set)) in &self.sets {
            let mut matched = vec![false; patterns.len()];
            for value in s.values(field) {
                for i in set.matches(&value).iter() {
                    matched[i] = true;
                }
            }
            hits.insert(field, matched);
        }
        self.rules
            .iter()
            .map(|r| holds(&r.cond, &hits, s))
            .collect()
    }

    /// The pattern of a condition, for explanations.
    pub fn regex(&self, field: &Field, id: usize) -> Option<&Regex> {
        self.sets.get(field).and_then(|(p, _)| p.get(id))
    }
}

fn holds(c: &Cond, hits: &HashMap<&Field, Vec<bool>>, s: &Subject) -> bool {
    match c {
        Cond::All(v) => v.iter().all(|c| holds(c, hits, s)),
        Cond::Any(v) => v.iter().any(|c| holds(c, hits, s)),
        Cond::Not(c) => !holds(c, hits, s),
        Cond::Matches { field, id, .. } => hits.get(field).is_some_and(|m| m[*id]),
        Cond::Exists { header, exists } => {
            s.mail.headers.iter().any(|(n, _)| n == header) == *exists
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
