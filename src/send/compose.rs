//! The parts of an agent's reply or forward taken from the ticket.

use crate::error::Result;
use rusqlite::{Connection, OptionalExtension};

/// The message a reply answers.
pub struct Answered {
    pub message_id: Option<String>,
    pub references: Vec<String>,
    pub from_name: Option<String>,
    pub from_addr: Option<String>,
    pub body: String,
    pub date: i64,
    pub raw_id: Option<i64>,
    pub subject: String,
}

/// The last mail from the customer; else the last mail of the ticket.
pub fn last_mail(conn: &Connection, ticket_id: i64) -> Result<Option<Answered>> {
    Ok(conn
        .query_row(
            "SELECT message_id, refs, from_name, from_addr, body, created_at, raw_id, subject FROM articles
             WHERE ticket_id = ?1 AND kind LIKE 'email%'
             ORDER BY sender_type = 'customer' DESC, id DESC LIMIT 1",
            [ticket_id],
            |r| {
                Ok(Answered {
                    message_id: r.get(0)?,
                    references: r
                        .get::<_, Option<String>>(1)?
                        .unwrap_or_default()
                        .split_whitespace()
                        .map(|x| x.trim_matches(['<', '>']).to_string())
                        .filter(|x| !x.is_empty())
                        .collect(),
                    from_name: r.get(2)?,
                    from_addr: r.get(3)?,
                    body: r.get(4)?,
                    date: r.get(5)?,
                    raw_id: r.get(6)?,
                    subject: r.get(7)?,
                })
            },
        )
        .optional()?)
}

/// The answered text quoted below a reply, with its attribution line.
pub fn quote(a: &Answered) -> String {
    let who = match (&a.from_name, &a.from_addr) {
        (Some(n), Some(addr)) => format!("{n} <{addr}>"),
        (n, addr) => n
            .clone()
            .or(addr.clone())
            .unwrap_or_else(|| "the customer".into()),
    };
    let mut out = format!("On {}, {who} wrote:\n", crate::render::datetime(a.date));
    for line in a.body.trim_end().lines() {
        if line.is_empty() {
            out.push_str(">\n");
        } else {
            out.push_str(&format!("> {line}\n"));
        }
    }
    out
}

/// The References of an answer to `a`: its own, then its Message-ID.
pub fn references_after(a: &Answered) -> Vec<String> {
    let mut refs = a.references.clone();
    if let Some(id) = &a.message_id {
        if !refs.contains(id) {
            refs.push(id.clone());
        }
    }
    refs
}
