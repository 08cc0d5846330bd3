//! The counts behind `tix dashboard`, each one grouped query over the index
//! named in it, read from the index alone (migration 22 made the indexes
//! by creation and closing carry queue and state type); SQLite's own
//! choice may read every open ticket instead.

use super::db::Db;
use super::db::Value;
use crate::error::Result;

fn grouped(
    conn: &Db,
    sql: &str,
    now: Option<i64>,
    queues: Option<&[String]>,
) -> Result<Vec<(String, String, i64)>> {
    let mut params: Vec<Value> = now.map(Value::Int).into_iter().collect();
    let clause = conn.queue_filter("queue", queues, &mut params);
    let sql = sql.replace("{queues}", &clause);
    let rows = conn
        .prepare(&sql)?
        .query_map(&super::db::param_refs(&params), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<Result<_>>()?;
    Ok(rows)
}

/// Tickets being worked on per queue and state type.
pub fn open_by_queue(conn: &Db, queues: Option<&[String]>) -> Result<Vec<(String, String, i64)>> {
    grouped(
        conn,
        "SELECT queue, state_type, count(*) FROM tickets INDEXED BY tickets_open_by_queue
         WHERE state_type IN ('new', 'open', 'pending-reminder', 'pending-auto-close'){queues}
         GROUP BY queue, state_type",
        None,
        queues,
    )
}

/// Escalated tickets per queue at `now`.
pub fn escalated_by_queue(
    conn: &Db,
    now: i64,
    queues: Option<&[String]>,
) -> Result<Vec<(String, String, i64)>> {
    grouped(
        conn,
        "SELECT queue, 'escalated', count(*) FROM tickets INDEXED BY tickets_escalation
         WHERE escalation_at IS NOT NULL AND escalation_at <= ?1{queues} GROUP BY queue",
        Some(now),
        queues,
    )
}

/// Pending reminders due per queue at `now`.
pub fn reminders_due_by_queue(
    conn: &Db,
    now: i64,
    queues: Option<&[String]>,
) -> Result<Vec<(String, String, i64)>> {
    grouped(
        conn,
        "SELECT queue, 'reminder-due', count(*) FROM tickets INDEXED BY tickets_pending_due
         WHERE state_type IN ('pending-reminder', 'pending-auto-close')
           AND pending_until <= ?1 AND state_type = 'pending-reminder'{queues}
         GROUP BY queue",
        Some(now),
        queues,
    )
}

/// Tickets created and closed per local day since `since` (a local
/// midnight): (day as YYYY-MM-DD, "created" or "closed", count).
pub fn per_day(
    conn: &Db,
    since: i64,
    queues: Option<&[String]>,
) -> Result<Vec<(String, String, i64)>> {
    let mut params = vec![Value::Int(since.div_euclid(SLOT))];
    let clause = conn.queue_filter("queue", queues, &mut params);
    // Counted per quarter hour from the indexes alone (they carry queue and
    // state type), summed into local days here.
    let sql = format!(
        "SELECT 'created', created_at / 900 AS slot, count(*) FROM tickets INDEXED BY tickets_created
         WHERE created_at >= ?1 * 900 AND state_type <> 'removed'{clause} GROUP BY slot
         UNION ALL
         SELECT 'closed', closed_at / 900 AS slot, count(*) FROM tickets INDEXED BY tickets_closed
         WHERE closed_at IS NOT NULL AND closed_at >= ?1 * 900 AND state_type = 'closed'{clause}
         GROUP BY slot"
    );
    let slots: Vec<(String, i64, i64)> = conn
        .prepare(&sql)?
        .query_map(&super::db::param_refs(&params), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<Result<_>>()?;
    let mut days: std::collections::BTreeMap<(String, String), i64> = Default::default();
    let mut day_of: std::collections::HashMap<i64, String> = Default::default();
    for (what, slot, n) in slots {
        let day = day_of
            .entry(slot)
            .or_insert_with(|| crate::dates::local_date(slot * SLOT))
            .clone();
        *days.entry((day, what)).or_default() += n;
    }
    Ok(days.into_iter().map(|((d, w), n)| (d, w, n)).collect())
}

/// The counts' time unit: a quarter of an hour, in which every time zone's
/// midnight falls.
const SLOT: i64 = 900;

/// Seconds from creation to the first answer of the tickets created since
/// `since`, per queue.
pub fn first_responses(
    conn: &Db,
    since: i64,
    queues: Option<&[String]>,
) -> Result<Vec<(String, i64)>> {
    let mut params = vec![Value::Int(since)];
    let clause = conn.queue_filter("queue", queues, &mut params);
    let rows = conn
        .prepare(&format!(
            "SELECT queue, first_response_at - created_at FROM tickets INDEXED BY tickets_answered
             WHERE created_at >= ?1 AND first_response_at IS NOT NULL{clause}"
        ))?
        .query_map(&super::db::param_refs(&params), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<Result<_>>()?;
    Ok(rows)
}
