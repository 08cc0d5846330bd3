//! A query resolved against the config, the acting agent and the clock:
//! what a ticket must be, in the domain's words. The store turns it into
//! its own query language; nothing here knows SQL.

use super::parser::{fts_match, Expr, Term};
use super::{QueryError, Scope};
use crate::config::Config;
use crate::vocabulary::StateType;

/// Which of a ticket's two agents a term means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Owner,
    Responsible,
}

/// A comparison in `priority:>3`, `age:<7d`, `before:`, `after:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Lt,
    Le,
    Eq,
    Ge,
    Gt,
}

/// See [`Filter::leading`]; the narrowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Leading {
    EscalationTime,
    LockHolder,
    Owner,
    Responsible,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    /// Every ticket.
    All,
    And(Vec<Filter>),
    Or(Vec<Filter>),
    Not(Box<Filter>),
    /// An article matches this full-text expression (FTS5 syntax).
    Text(String),
    QueueIn(Vec<String>),
    /// A configured status, by name.
    State(String),
    StateType(StateType),
    /// `None`: nobody in that role.
    Agent(Role, Option<String>),
    Tag(String),
    Priority(Cmp, i64),
    Created(Cmp, i64),
    LockedAt(i64),
    UnlockedAt(i64),
    /// Free for `agent` at a time: not locked, locked by them, or lapsed.
    AvailableTo(String, i64),
    /// The customer wrote since `agent`, the responsible, last looked.
    UnseenBy(String),
    Pending,
    OverdueAt(i64),
    /// A pending reminder whose date is reached.
    ReminderDueAt(i64),
    /// An escalation time passed.
    EscalatedAt(i64),
    /// An escalation time compared with an instant (`escalation:<2h`).
    Escalation(Cmp, i64),
    /// Any escalation time in force.
    OnTheClock,
    /// Locked by this agent at this instant.
    LockedBy(String, i64),
    /// Mail the ticket sent came back undelivered.
    Undelivered,
    /// Has child tickets.
    Parent,
    /// Is a child ticket.
    Child,
    /// Linked to the ticket of this number, in any way.
    LinkedTo(String),
    /// For this customer: an address, a contact's id or organisation.
    Customer(String),
}

impl Filter {
    /// Both; an `All` side drops out.
    /// The narrowest condition every match must meet, asked for at the
    /// top (not under OR or NOT): an escalation time, a lock holder, an
    /// owner, a responsible agent, in that order; what the store reads
    /// first.
    pub fn leading(&self) -> Option<Leading> {
        match self {
            Filter::EscalatedAt(_) | Filter::Escalation(..) | Filter::OnTheClock => {
                Some(Leading::EscalationTime)
            }
            Filter::LockedBy(..) => Some(Leading::LockHolder),
            Filter::Agent(Role::Owner, Some(_)) => Some(Leading::Owner),
            Filter::Agent(Role::Responsible, Some(_)) => Some(Leading::Responsible),
            Filter::And(parts) => parts.iter().filter_map(Filter::leading).min(),
            _ => None,
        }
    }

    pub fn and(self, other: Filter) -> Filter {
        match (self, other) {
            (Filter::All, f) | (f, Filter::All) => f,
            (Filter::And(mut a), Filter::And(b)) => {
                a.extend(b);
                Filter::And(a)
            }
            (Filter::And(mut a), f) => {
                a.push(f);
                Filter::And(a)
            }
            (f, g) => Filter::And(vec![f, g]),
        }
    }
}

/// Resolves a parsed expression: names checked against the config, `me`
/// and relative times made concrete. Full-text alternatives in an OR
/// become one full-text expression (one index lookup for a list of 2,000
/// addresses, not 2,000).
pub fn resolve(e: &Expr, scope: &Scope) -> Result<Filter, QueryError> {
    Ok(match e {
        Expr::And(parts) | Expr::Or(parts) if parts.is_empty() => Filter::All,
        Expr::And(parts) => Filter::And(
            parts
                .iter()
                .map(|p| resolve(p, scope))
                .collect::<Result<_, _>>()?,
        ),
        Expr::Or(parts) => {
            let mut texts = Vec::new();
            let mut others = Vec::new();
            for p in parts {
                match p {
                    Expr::Term(t, _) if fts_match(t).is_some() => {
                        texts.extend(fts_match(t));
                    }
                    _ => others.push(resolve(p, scope)?),
                }
            }
            if !texts.is_empty() {
                others.push(Filter::Text(texts.join(" OR ")));
            }
            Filter::Or(others)
        }
        Expr::Not(inner) => Filter::Not(Box::new(resolve(inner, scope)?)),
        Expr::Term(t, col) => term(t, *col, scope)?,
    })
}

fn err(column: usize, message: String) -> QueryError {
    QueryError { column, message }
}

fn term(t: &Term, col: usize, scope: &Scope) -> Result<Filter, QueryError> {
    if let Some(m) = fts_match(t) {
        return Ok(Filter::Text(m));
    }
    let Term::Field { name, value, .. } = t else {
        unreachable!("text terms are full-text terms")
    };
    let (name, value) = (name.as_str(), value.as_str());
    let config = scope.config;
    Ok(match name {
        "queue" => queue(config, value)
            .ok_or_else(|| err(col, format!("unknown queue \"{value}\"")))?,
        "state" => match state(config, value) {
            Some(f) => f,
            None => {
                return Err(err(
                    col,
                    format!(
                        "unknown state \"{value}\"; statuses: {}",
                        config.status_names()
                    ),
                ))
            }
        },
        "owner" | "responsible" => {
            let role = if name == "owner" {
                Role::Owner
            } else {
                Role::Responsible
            };
            Filter::Agent(role, agent(value, scope).map_err(|m| err(col, m))?)
        }
        "tag" => Filter::Tag(value.to_lowercase()),
        "link" => Filter::LinkedTo(value.trim().to_string()),
        "customer" => Filter::Customer(value.trim().to_string()),
        "priority" => {
            let (op, rest) = comparison(value);
            let n = crate::vocabulary::parse_priority(rest).ok_or_else(|| {
                err(
                    col,
                    format!("priority {rest:?} is not 1–5 or a priority name"),
                )
            })?;
            Filter::Priority(op, n)
        }
        "age" => {
            // age:7d and age:>7d: older than; age:<7d: younger than.
            let (op, rest) = comparison(value);
            let d = humantime::parse_duration(rest).map_err(|_| {
                err(
                    col,
                    format!("age {rest:?} is not a duration such as 7d or 12h"),
                )
            })?;
            let cutoff = scope.now - d.as_secs() as i64;
            let created = match op {
                Cmp::Lt => Cmp::Gt,
                Cmp::Le => Cmp::Ge,
                Cmp::Ge => Cmp::Le,
                _ => Cmp::Lt,
            };
            Filter::Created(created, cutoff)
        }
        "before" | "after" => {
            let ts = crate::dates::parse_date(value, scope.now).map_err(|m| err(col, m))?;
            let op = if name == "before" { Cmp::Lt } else { Cmp::Ge };
            Filter::Created(op, ts)
        }
        "is" => match value {
            "locked" => Filter::LockedAt(scope.now),
            "unlocked" => Filter::UnlockedAt(scope.now),
            "unseen" => Filter::UnseenBy(scope.actor.to_string()),
            "pending" => Filter::Pending,
            "overdue" => Filter::OverdueAt(scope.now),
            "reminder-due" => Filter::ReminderDueAt(scope.now),
            "escalated" => Filter::EscalatedAt(scope.now),
            "undelivered" => Filter::Undelivered,
            "parent" => Filter::Parent,
            "child" => Filter::Child,
            _ => {
                return Err(err(
                    col,
                    format!(
                        "is:{value} is not known; one of is:locked, is:unlocked, is:unseen, is:pending, is:overdue, is:reminder-due, is:escalated, is:undelivered, is:parent, is:child"
                    ),
                ))
            }
        },
        "escalation" => {
            // escalation:<2h: escalates within two hours (or has);
            // escalation:>1d: not before a day from now.
            let (op, rest) = comparison(value);
            let d = humantime::parse_duration(rest).map_err(|_| {
                err(
                    col,
                    format!("escalation {rest:?} is not a duration such as 2h or 1d"),
                )
            })?;
            let op = if op == Cmp::Eq { Cmp::Le } else { op };
            Filter::Escalation(op, scope.now + d.as_secs() as i64)
        }
        _ => unreachable!("checked by the parser"),
    })
}

/// A queue and the queues nested below it; `None` for an unknown queue.
pub fn queue(config: &Config, name: &str) -> Option<Filter> {
    let queues = config.queue_with_children(name);
    (!queues.is_empty()).then_some(Filter::QueueIn(queues))
}

/// A configured status by name, else a state type; `None` for neither.
pub fn state(config: &Config, value: &str) -> Option<Filter> {
    if let Some(s) = config.status(value) {
        Some(Filter::State(s.name.clone()))
    } else {
        StateType::parse(value).map(Filter::StateType)
    }
}

/// `none` is nobody, `me` the acting agent.
/// `none` is nobody, `me` the acting agent; any other name must be a
/// configured agent where agents are configured (else it would find
/// nothing, silently).
pub fn agent(value: &str, scope: &Scope) -> Result<Option<String>, String> {
    let config = scope.config;
    match value {
        "none" => Ok(None),
        "me" => Ok(Some(scope.actor.to_string())),
        v if config.agents.is_empty() => Ok(Some(v.to_string())),
        v => match config.agent(v) {
            Some(a) => Ok(Some(a.name.clone())),
            None => Err(format!(
                "unknown agent \"{v}\"; agents: {}",
                config
                    .agents
                    .iter()
                    .map(|a| a.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        },
    }
}

/// Splits a leading comparison operator off a value (`>7d` → (Gt, "7d")).
fn comparison(value: &str) -> (Cmp, &str) {
    for (text, op) in [
        (">=", Cmp::Ge),
        ("<=", Cmp::Le),
        (">", Cmp::Gt),
        ("<", Cmp::Lt),
        ("=", Cmp::Eq),
    ] {
        if let Some(rest) = value.strip_prefix(text) {
            return (op, rest);
        }
    }
    (Cmp::Eq, value)
}
