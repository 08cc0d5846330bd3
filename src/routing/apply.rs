//! The actions of matched rules, applied to a ticket. Each change is recorded
//! in history under the rule's name ("rule:Spam").

use super::Rule;
use crate::config::Config;
use crate::error::Result;
use crate::lifecycle::{Report, Session};
use crate::store::history;
use crate::store::Db;
use crate::store::{history::Change, tickets};

pub fn apply(
    conn: &Db,
    config: &Config,
    rules: &[&Rule],
    ticket_id: i64,
    at: i64,
) -> Result<Vec<Report>> {
    let mut reports = Vec::new();
    for rule in rules {
        let actor = format!("rule:{}", rule.name);
        let s = Session {
            conn,
            config,
            actor: &actor,
            now: at,
            force: true,
        };
        let a = &rule.actions;
        let fresh = || tickets::ticket_by_id(conn, ticket_id);
        let mut steps: Vec<Result<Vec<Report>>> = Vec::new();
        if let Some(q) = &a.queue {
            steps.push(s.move_to(&fresh()?, q));
        }
        if let Some(p) = a.priority {
            steps.push(s.set_priority(&fresh()?, p));
        }
        if let Some(o) = &a.owner {
            steps.push(s.set_agent(&fresh()?, "owner", Some(o)));
        }
        if let Some(r) = &a.responsible {
            steps.push(s.set_agent(&fresh()?, "responsible", Some(r)));
        }
        if !a.tags.is_empty() {
            steps.push(s.tag(&fresh()?, &a.tags, &[]));
        }
        if a.no_autoreply {
            let t = fresh()?;
            tickets::set_no_autoreply(conn, ticket_id)?;
            history::record(
                conn,
                &Change {
                    ticket_id,
                    actor: &actor,
                    action: "no auto-reply",
                    old: None,
                    new: None,
                    detail: None,
                    at,
                },
            )?;
            reports.push(Report {
                ticket: t.number,
                change: "no auto-reply".into(),
                old: None,
                new: None,
            });
        }
        if let Some(state) = &a.state {
            if let Some(status) = config.status(state) {
                steps.push(s.set_state(&fresh()?, status, None));
            }
        }
        for step in steps {
            match step {
                Ok(r) => reports.extend(r),
                // A refused action (a transition the config forbids) must not
                // lose the mail: it is noted and intake goes on.
                Err(e) => history::record(
                    conn,
                    &Change {
                        ticket_id,
                        actor: &actor,
                        action: "rule refused",
                        old: None,
                        new: None,
                        detail: Some(&e.to_string()),
                        at,
                    },
                )?,
            }
        }
    }
    Ok(reports)
}
