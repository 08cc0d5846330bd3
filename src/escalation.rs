//! Escalation times, as OTRS keeps them: per queue, how long a ticket may
//! wait for its first answer (`first_response`), for an answer to the
//! customer's latest mail (`update`) and for its closing (`solution`),
//! counted in a calendar's working time. A pending status stops the clock.
//!
//! The times are stored on the ticket and recomputed by every change that
//! moves them ([`refresh`]: mail in, an answer out, a status, a queue), so
//! `is:escalated` and `--sort escalation` read an index. When the rules
//! themselves change (or a store is upgraded), [`sync_rules`] recomputes
//! every ticket on the clock once.

use crate::calendar::Calendar;
use crate::config::{Config, Escalation};
use crate::error::Result;
use crate::store::escalation::{self as stored, ClockFacts, ClockTimes};
use crate::store::Db;

/// Working time: a calendar's, or every second.
#[derive(Clone, Copy)]
pub enum Clock<'a> {
    AroundTheClock,
    Working(&'a Calendar),
}

impl Clock<'_> {
    pub fn of<'a>(config: &'a Config, e: &Escalation) -> Clock<'a> {
        match e.calendar.as_deref().and_then(|c| config.calendar(c)) {
            Some(c) => Clock::Working(c),
            None => Clock::AroundTheClock,
        }
    }

    pub fn add(self, start: i64, secs: i64) -> i64 {
        match self {
            Clock::AroundTheClock => start.saturating_add(secs),
            Clock::Working(c) => c.add(start, secs),
        }
    }

    pub fn between(self, from: i64, to: i64) -> i64 {
        match self {
            Clock::AroundTheClock => (to - from).max(0),
            Clock::Working(c) => c.between(from, to),
        }
    }
}

/// Brings one ticket's escalation times up to date at `now`.
pub fn refresh(conn: &Db, config: &Config, ticket_id: i64, now: i64) -> Result<()> {
    if !config.escalates() {
        return Ok(());
    }
    let facts = stored::facts(conn, ticket_id)?;
    let times = compute(config, &facts, now);
    stored::write(conn, ticket_id, &times)
}

/// The clock and the times that follow from a ticket's facts at `now`.
pub fn compute(config: &Config, f: &ClockFacts, now: i64) -> ClockTimes {
    let Some(rules) = config.escalation(&f.queue) else {
        return ClockTimes::default();
    };
    let clock = Clock::of(config, rules);
    let mut t = ClockTimes {
        stopped_at: f.stopped_at,
        stopped_secs: f.stopped_secs,
        stopped_since_customer: f.stopped_since_customer,
        ..ClockTimes::default()
    };
    if f.state_type.is_pending() {
        // Stopped: nothing escalates while the ticket waits.
        t.stopped_at = Some(f.stopped_at.unwrap_or(now));
        return t;
    }
    if let Some(since) = f.stopped_at {
        t.stopped_secs += clock.between(since, now);
        // The update time counts from the customer's latest mail: only
        // the part of the stop after it holds that clock back.
        let customer = f.last_customer_at.unwrap_or(f.created_at);
        t.stopped_since_customer += clock.between(since.max(customer), now);
        t.stopped_at = None;
    }
    if !f.state_type.is_open() {
        return t;
    }
    // (kind, start, budget, working time the clock stood still since start)
    let mut candidates: Vec<(&'static str, i64, i64, i64)> = Vec::new();
    if let (Some(budget), None) = (rules.first_response, f.first_response_at) {
        candidates.push(("first-response", f.created_at, budget, t.stopped_secs));
    }
    if let Some(budget) = rules.update {
        let customer = f.last_customer_at.unwrap_or(f.created_at);
        if f.last_answer_at.is_none_or(|a| a < customer) {
            candidates.push(("update", customer, budget, t.stopped_since_customer));
        }
    }
    if let Some(budget) = rules.solution {
        candidates.push(("solution", f.created_at, budget, t.stopped_secs));
    }
    let due = candidates
        .iter()
        .map(|&(kind, start, budget, stood)| {
            (clock.add(start, budget + stood), kind, start, budget, stood)
        })
        .min_by_key(|c| c.0);
    let Some((at, kind, start, budget, stood)) = due else {
        return t;
    };
    t.escalation_at = Some(at);
    t.kind = Some(kind);
    t.warn_at = rules
        .warn_at
        .map(|pct| clock.add(start, budget * i64::from(pct) / 100 + stood));
    t.alert_at = if f.notified_for == Some(at) {
        None
    } else if t.warn_at.is_some_and(|w| w < at) && f.warned_for != Some(at) {
        t.warn_at
    } else {
        Some(at)
    };
    t
}

/// The store fact naming the rules the stored times follow.
const RULES_FACT: &str = "escalation-rules";

/// What the stored times depend on in the config: every queue's
/// escalation and the calendars; `None` when no queue escalates.
fn rules_fingerprint(config: &Config) -> Option<String> {
    use sha2::{Digest, Sha256};
    if !config.escalates() {
        return None;
    }
    let mut h = Sha256::new();
    for q in &config.queues {
        h.update(format!(
            "{}\u{0}{:?}\u{0}",
            q.name,
            config.escalation(&q.name)
        ));
    }
    for c in &config.calendars {
        h.update(format!("{c:?}\u{0}"));
    }
    Some(format!("{:x}", h.finalize()))
}

/// Recomputes every ticket on the clock when the escalation rules differ
/// from those the store's times were computed with (a new or changed
/// config, an upgraded store). Cheap when they do not: one lookup.
pub fn sync_rules(store: &mut crate::store::Store, config: &Config) -> Result<()> {
    if rules_current(&store.conn, config)? {
        return Ok(());
    }
    let tx = store.conn.transaction()?;
    // Another process may have done it while this one waited.
    if !rules_current(&tx, config)? {
        recompute(&tx, config)?;
    }
    tx.commit()?;
    Ok(())
}

/// Were the store's escalation times computed with `config`'s rules?
pub fn rules_current(db: &Db, config: &Config) -> Result<bool> {
    Ok(stored::store_fact(db, RULES_FACT)? == rules_fingerprint(config))
}

/// Every ticket on the clock computed with `config`'s rules, and the rules
/// noted, within the caller's transaction.
pub fn recompute(db: &Db, config: &Config) -> Result<()> {
    let ids = stored::tickets_on_the_clock(db)?;
    if ids.len() > 50_000 {
        eprintln!(
            "tix: computing escalation times of {} tickets, once after a change of the rules",
            ids.len()
        );
    }
    let now = crate::dates::now();
    for id in ids {
        let facts = stored::facts(db, id)?;
        stored::write(db, id, &compute(config, &facts, now))?;
    }
    stored::set_store_fact(db, RULES_FACT, rules_fingerprint(config).as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::StateType;

    fn config(e: Escalation) -> Config {
        let mut c = Config::default();
        c.queues[0].escalation = Some(e);
        c
    }

    fn facts(state_type: StateType) -> ClockFacts {
        ClockFacts {
            queue: "Inbox".into(),
            state_type,
            created_at: 1_000,
            last_customer_at: Some(1_000),
            first_response_at: None,
            last_answer_at: None,
            stopped_at: None,
            stopped_secs: 0,
            stopped_since_customer: 0,
            warned_for: None,
            notified_for: None,
        }
    }

    #[test]
    fn the_earliest_time_in_force_is_the_escalation_and_an_answer_ends_the_first() {
        let c = config(Escalation {
            first_response: Some(600),
            update: Some(3_600),
            solution: Some(7_200),
            warn_at: Some(50),
            calendar: None,
        });
        let t = compute(&c, &facts(StateType::New), 1_000);
        assert_eq!(
            (t.escalation_at, t.kind),
            (Some(1_600), Some("first-response"))
        );
        assert_eq!((t.warn_at, t.alert_at), (Some(1_300), Some(1_300)));
        let mut answered = facts(StateType::Open);
        answered.first_response_at = Some(1_100);
        answered.last_answer_at = Some(1_100);
        let t = compute(&c, &answered, 1_200);
        assert_eq!((t.escalation_at, t.kind), (Some(8_200), Some("solution")));
        answered.last_customer_at = Some(2_000);
        let t = compute(&c, &answered, 2_000);
        assert_eq!((t.escalation_at, t.kind), (Some(5_600), Some("update")));
    }

    #[test]
    fn a_pending_status_stops_the_clock_and_the_stop_is_added_after() {
        let c = config(Escalation {
            solution: Some(7_200),
            ..Escalation::default()
        });
        let pending = compute(&c, &facts(StateType::PendingReminder), 2_000);
        assert_eq!(
            (pending.escalation_at, pending.stopped_at),
            (None, Some(2_000))
        );
        let mut back = facts(StateType::Open);
        back.stopped_at = Some(2_000);
        let t = compute(&c, &back, 5_000);
        assert_eq!((t.stopped_at, t.stopped_secs), (None, 3_000));
        assert_eq!(t.escalation_at, Some(1_000 + 7_200 + 3_000));
    }

    #[test]
    fn an_announced_escalation_asks_for_nothing_more() {
        let c = config(Escalation {
            solution: Some(100),
            warn_at: Some(80),
            ..Escalation::default()
        });
        let mut f = facts(StateType::Open);
        f.warned_for = Some(1_100);
        assert_eq!(compute(&c, &f, 1_090).alert_at, Some(1_100));
        f.notified_for = Some(1_100);
        assert_eq!(compute(&c, &f, 1_200).alert_at, None);
    }
}
