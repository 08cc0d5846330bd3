//! Lists of tickets and of quarantined messages, as a table, CSV or JSON.

use crate::dates::now;
use crate::error::{Result, TixError};
use crate::render::{self, safe_text};
use crate::store::raw_messages::QuarantinedItem;
use crate::store::tickets::Ticket;

/// Prints tickets in the chosen form; `actor` decides the "wrote since you
/// looked" marker.
pub fn print_tickets(tickets: &[Ticket], actor: &str, json: bool, csv: bool) -> Result<()> {
    #[derive(serde::Serialize)]
    struct Row<'a> {
        #[serde(flatten)]
        ticket: &'a Ticket,
        unseen: bool,
    }
    let rows = || {
        tickets.iter().map(|t| Row {
            ticket: t,
            unseen: t.unseen_by(actor),
        })
    };
    if json {
        render::print_json_list(&rows().collect::<Vec<_>>());
        return Ok(());
    }
    if csv {
        return print_csv(
            tickets,
            rows().map(|r| serde_json::to_value(r).unwrap_or_default()),
        );
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

/// The columns every CSV of tickets had, by position; the JSON fields
/// follow under their JSON names.
const CSV_FIRST: [&str; 8] = [
    "number", "created", "from", "subject", "state", "queue", "owner", "priority",
];

/// Tickets as CSV: the columns scripts always read, then each field of
/// the JSON document (tix-json(7)) by its name, lists joined with ", ".
fn print_csv(tickets: &[Ticket], rows: impl Iterator<Item = serde_json::Value>) -> Result<()> {
    let rows: Vec<serde_json::Value> = rows.collect();
    let fields: Vec<String> = rows
        .first()
        .and_then(|r| r.as_object())
        .map(|o| {
            o.keys()
                .filter(|k| !CSV_FIRST.contains(&k.as_str()))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let mut w = csv::Writer::from_writer(vec![]);
    let header: Vec<&str> = CSV_FIRST
        .iter()
        .copied()
        .chain(fields.iter().map(String::as_str))
        .collect();
    let _ = w.write_record(&header);
    let cell = |v: &serde_json::Value| -> String {
        match v {
            serde_json::Value::Null => String::new(),
            serde_json::Value::String(s) => render::csv_text(s),
            serde_json::Value::Array(items) => render::csv_text(
                &items
                    .iter()
                    .map(|i| {
                        i.as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| i.to_string())
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            other => other.to_string(),
        }
    };
    for (t, row) in tickets.iter().zip(&rows) {
        let mut record = vec![
            t.number.clone(),
            render::iso(t.created_at),
            render::csv_text(&from_of(t)),
            render::csv_text(&t.title),
            render::csv_text(&t.state),
            render::csv_text(&t.queue),
            render::csv_text(t.owner.as_deref().unwrap_or("")),
            t.priority.to_string(),
        ];
        record.extend(fields.iter().map(|f| cell(&row[f.as_str()])));
        let _ = w.write_record(&record);
    }
    let bytes = w
        .into_inner()
        .map_err(|e| TixError::failure(e.to_string()))?;
    render::out(&String::from_utf8_lossy(&bytes));
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
