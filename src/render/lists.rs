//! Lists of tickets and of quarantined messages, as a table, CSV or JSON.

use crate::dates::now;
use crate::error::{Result, TixError};
use crate::render::{self, safe_text};
use crate::store::raw_messages::QuarantinedItem;
use crate::store::tickets::Ticket;

/// Prints tickets in the chosen form; `actor` decides the "wrote since you
/// looked" marker.
pub fn print_tickets(tickets: &[Ticket], actor: &str, json: bool, csv: bool) -> Result<()> {
    if json {
        #[derive(serde::Serialize)]
        struct Row<'a> {
            #[serde(flatten)]
            ticket: &'a Ticket,
            unseen: bool,
        }
        let rows: Vec<Row> = tickets
            .iter()
            .map(|t| Row {
                ticket: t,
                unseen: t.unseen_by(actor),
            })
            .collect();
        render::out(&render::json(&rows));
        return Ok(());
    }
    if csv {
        let mut w = csv::Writer::from_writer(vec![]);
        let _ = w.write_record([
            "number", "created", "from", "subject", "state", "queue", "owner", "priority",
        ]);
        for t in tickets {
            let _ = w.write_record([
                t.number.as_str(),
                &render::iso(t.created_at),
                &render::csv_text(&from_of(t)),
                &render::csv_text(&t.title),
                &render::csv_text(&t.state),
                &render::csv_text(&t.queue),
                &render::csv_text(t.owner.as_deref().unwrap_or("")),
                &t.priority.to_string(),
            ]);
        }
        let bytes = w
            .into_inner()
            .map_err(|e| TixError::failure(e.to_string()))?;
        render::out(&String::from_utf8_lossy(&bytes));
        return Ok(());
    }
    let now = now();
    let rows = tickets
        .iter()
        .map(|t| {
            let mark = if t.unseen_by(actor) { "*" } else { "" };
            let state = match t.lock_holder(now) {
                Some(who) => format!("{} (locked: {who})", t.state),
                None => t.state.clone(),
            };
            vec![
                format!("{}{mark}", t.number),
                render::age(t.created_at, now),
                safe_text(&from_of(t), true),
                safe_text(&t.title, true),
                state,
                safe_text(&t.queue, true),
                safe_text(t.owner.as_deref().unwrap_or_default(), true),
            ]
        })
        .collect();
    render::out(&render::table(
        &[
            "Number", "Age", "From", "Subject", "State", "Queue", "Owner",
        ],
        rows,
    ));
    Ok(())
}

fn from_of(t: &Ticket) -> String {
    // The member list's name before the one the mail gave.
    let name = t
        .contact_name
        .clone()
        .filter(|n| !n.is_empty())
        .or_else(|| t.customer_name.clone());
    match (&name, &t.customer_address) {
        (Some(n), Some(a)) => format!("{n} <{a}>"),
        (Some(n), None) => n.clone(),
        (None, Some(a)) => a.clone(),
        (None, None) => String::new(),
    }
}

/// Prints the quarantined messages in the chosen form.
pub fn print_quarantine(items: &[QuarantinedItem], json: bool, csv: bool) -> Result<()> {
    if json {
        render::out(&render::json(&items));
        return Ok(());
    }
    if csv {
        let mut w = csv::Writer::from_writer(vec![]);
        let _ = w.write_record(["id", "received", "source", "size", "error"]);
        for q in items {
            let _ = w.write_record([
                q.id.to_string(),
                render::iso(q.received_at),
                render::csv_text(&q.source),
                q.size.to_string(),
                render::csv_text(&q.error),
            ]);
        }
        let bytes = w
            .into_inner()
            .map_err(|e| TixError::failure(e.to_string()))?;
        render::out(&String::from_utf8_lossy(&bytes));
        return Ok(());
    }
    let rows = items
        .iter()
        .map(|q| {
            vec![
                q.id.to_string(),
                render::datetime(q.received_at),
                safe_text(&q.source, true),
                q.size.to_string(),
                safe_text(&q.error, true),
            ]
        })
        .collect();
    render::out(&render::table(
        &["Id", "Received", "Source", "Bytes", "Why"],
        rows,
    ));
    Ok(())
}
