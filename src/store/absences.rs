//! Agents marked away (`tix agent away`): until when, and who stands in.

use super::db::{params, Db};
use crate::error::Result;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Absence {
    pub agent: String,
    #[serde(serialize_with = "crate::dates::serialize_ts")]
    pub until: i64,
    pub substitute: Option<String>,
    #[serde(skip)]
    pub set_at: i64,
    #[serde(skip)]
    pub set_by: String,
}

pub fn set(conn: &Db, a: &Absence) -> Result<()> {
    conn.execute(
        "INSERT INTO agent_absences (agent, until, substitute, set_at, set_by)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (agent) DO UPDATE SET until = excluded.until,
             substitute = excluded.substitute, set_at = excluded.set_at, set_by = excluded.set_by",
        params![a.agent, a.until, a.substitute, a.set_at, a.set_by],
    )?;
    Ok(())
}

/// Ends an absence; whether there was one.
pub fn clear(conn: &Db, agent: &str) -> Result<bool> {
    Ok(conn.execute(
        "DELETE FROM agent_absences WHERE agent = ?1",
        params![agent],
    )? > 0)
}

/// Agents away at `now`, by name.
pub fn current(conn: &Db, now: i64) -> Result<Vec<Absence>> {
    let rows = conn
        .prepare_cached(
            "SELECT agent, until, substitute, set_at, set_by FROM agent_absences
             WHERE until > ?1 ORDER BY agent",
        )?
        .query_map(params![now], |r| {
            Ok(Absence {
                agent: r.get(0)?,
                until: r.get(1)?,
                substitute: r.get(2)?,
                set_at: r.get(3)?,
                set_by: r.get(4)?,
            })
        })?
        .collect::<Result<_>>()?;
    Ok(rows)
}

/// The agent's absence at `now`, if away.
pub fn of(conn: &Db, agent: &str, now: i64) -> Result<Option<Absence>> {
    conn.prepare_cached(
        "SELECT agent, until, substitute, set_at, set_by FROM agent_absences
             WHERE agent = ?1 AND until > ?2",
    )?
    .query_opt(params![agent, now], |r| {
        Ok(Absence {
            agent: r.get(0)?,
            until: r.get(1)?,
            substitute: r.get(2)?,
            set_at: r.get(3)?,
            set_by: r.get(4)?,
        })
    })
}
