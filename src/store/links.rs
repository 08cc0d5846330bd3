//! Links between tickets, as OTRS and RT keep them: parent and child (a
//! task and its parts), or related. A link is one row: `parent` with the
//! parent first, `related` with the lower id first.

use super::db::{params, Db};
use crate::error::Result;
use serde::Serialize;

/// How a ticket is linked to another, seen from the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    /// The other ticket is part of this one.
    Parent,
    /// This ticket is part of the other.
    Child,
    Related,
}

/// One link of a ticket.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// The other ticket's number.
    pub ticket: String,
    /// What this ticket is to the other.
    pub kind: LinkKind,
    #[serde(skip)]
    pub other_id: i64,
    /// Whether the other ticket is open (neither closed, merged nor removed).
    pub open: bool,
}

/// Links `this` to `other` as `kind` (what `this` is to `other`); a link
/// the two had before is replaced. Returns whether anything changed.
pub fn set(conn: &Db, this: i64, other: i64, kind: LinkKind, at: i64, by: &str) -> Result<bool> {
    let (a, b, stored) = match kind {
        LinkKind::Parent => (this, other, "parent"),
        LinkKind::Child => (other, this, "parent"),
        LinkKind::Related => (this.min(other), this.max(other), "related"),
    };
    let before = kind_between(conn, a, b)?;
    if before.as_deref() == Some(stored) {
        return Ok(false);
    }
    remove(conn, this, other)?;
    conn.execute(
        "INSERT INTO links (a, b, kind, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![a, b, stored, at, by],
    )?;
    Ok(true)
}

fn kind_between(conn: &Db, a: i64, b: i64) -> Result<Option<String>> {
    conn.query_opt(
        "SELECT kind FROM links WHERE a = ?1 AND b = ?2",
        params![a, b],
        |r| r.get(0),
    )
}

/// Removes any link between the two; whether there was one.
pub fn remove(conn: &Db, x: i64, y: i64) -> Result<bool> {
    let n = conn.execute(
        "DELETE FROM links WHERE (a = ?1 AND b = ?2) OR (a = ?2 AND b = ?1)",
        params![x, y],
    )?;
    Ok(n > 0)
}

/// The links of ticket `id`, in the order they were made.
pub fn of(conn: &Db, id: i64) -> Result<Vec<Link>> {
    // A linked ticket of a queue hidden from the agent is not named.
    let mut values = vec![super::db::Value::Int(id)];
    let not_hidden = conn.not_hidden("t.queue", &mut values);
    conn.prepare(&format!(
        "SELECT t.number, l.a, l.kind, t.id, t.state_type FROM links l
             JOIN tickets t ON t.id = CASE WHEN l.a = ?1 THEN l.b ELSE l.a END
         WHERE (l.a = ?1 OR l.b = ?1){not_hidden} ORDER BY l.created_at, t.id"
    ))?
    .query_map(&super::db::param_refs(&values), |r| {
        let a: i64 = r.get(1)?;
        let stored: String = r.get(2)?;
        let state: crate::vocabulary::StateType = r.get(4)?;
        Ok(Link {
            ticket: r.get(0)?,
            kind: match (stored.as_str(), a == id) {
                ("parent", true) => LinkKind::Parent,
                ("parent", false) => LinkKind::Child,
                _ => LinkKind::Related,
            },
            other_id: r.get(3)?,
            open: state.is_open() || state.is_pending(),
        })
    })?
    .collect()
}
