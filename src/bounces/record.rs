//! The bounce record as mail comes in: a delivery report's verdicts are
//! kept per address and scored by the policy; mail from an address (or a
//! success notice for it) shows it works again.

use super::policy::Policy;
use crate::error::Result;
use crate::mail::parse::ParsedMail;
use crate::store::bounce_record::{self as record, NewEvent};
use crate::store::Db;

/// Reads report `mail` (stored as `raw_id`, on `ticket`) into the record;
/// the number of addresses it said something new about. A report of mail
/// a ticket sent (an agent's reply) is that ticket's business, not the
/// member list's, and is left out.
pub fn take_report(
    conn: &Db,
    policy: &Policy,
    mail: &ParsedMail,
    raw: &[u8],
    raw_id: i64,
    received: i64,
    ticket: Option<&str>,
) -> Result<usize> {
    let analysis = super::analyse(raw);
    let named = policy.members.named(mail, raw);
    let probed = match &named.probe {
        Some(token) => record::probe_address(conn, token)?,
        None => None,
    };
    let at = analysis.date.unwrap_or(received);
    let mut changed = 0;
    for r in &analysis.recipients {
        // A probe's bounce is about the address probed, whatever the
        // report names (a forward).
        let address = probed.as_deref().unwrap_or(&r.address);
        if address.is_empty() {
            continue;
        }
        let reason = r.reason;
        let mut entry = record::entry_of(conn, address)?.unwrap_or_else(|| Policy::fresh(address));
        let (kind, score) = if reason == Some(super::Reason::Delivered) {
            ("delivered", 0.0)
        } else if r.delayed {
            ("delay", 0.0)
        } else if reason.is_some_and(|x| x.is_failure()) {
            (if probed.is_some() { "probe" } else { "failure" }, 0.0)
        } else {
            continue;
        };
        // Weighed before it is kept: the event says what it added.
        let mut after = entry.clone();
        let added = match kind {
            "failure" | "probe" => {
                let weight = policy.weight(reason, r.hard);
                let applied = policy.failure(&mut after, at, weight, kind == "probe");
                after.hard = r.hard;
                after.reason = reason.map(|x| x.as_str().to_string());
                after.status = Some(r.status.clone()).filter(|s| !s.is_empty());
                applied.added
            }
            "delivered" => {
                policy.works(&mut after, false);
                0.0
            }
            _ => score,
        };
        if named.member.is_some() {
            after.member = named.member.clone();
        }
        let fresh = record::add_event(
            conn,
            &NewEvent {
                address,
                at,
                kind,
                hard: r.hard && kind != "delay",
                reason: reason.map(|x| x.as_str()),
                status: Some(r.status.as_str()).filter(|s| !s.is_empty()),
                score: added,
                raw_id: Some(raw_id),
                ticket,
                member: named.member.as_deref(),
            },
        )?;
        if fresh {
            entry = after;
            record::save(conn, &entry)?;
            changed += 1;
        }
    }
    Ok(changed)
}

/// `address` wrote to us at `at` (`raw_id`): if the record has it, it
/// works again.
pub fn wrote(conn: &Db, policy: &Policy, address: &str, at: i64, raw_id: i64) -> Result<()> {
    let Some(mut entry) = record::entry_of(conn, address)? else {
        return Ok(());
    };
    if entry.state == super::policy::OK && entry.score == 0.0 {
        return Ok(());
    }
    policy.works(&mut entry, false);
    record::add_event(
        conn,
        &NewEvent {
            address,
            at,
            kind: "wrote",
            hard: false,
            reason: None,
            status: None,
            score: 0.0,
            raw_id: Some(raw_id),
            ticket: None,
            member: None,
        },
    )?;
    record::save(conn, &entry)
}

/// Reads every delivery report already stored on a ticket into the record
/// (a store that held bounces before the record existed); a report read
/// before counts once. The number of new verdicts.
pub fn rescan(conn: &Db, policy: &Policy) -> Result<usize> {
    let stored = crate::store::articles::incoming_mail(conn)?;
    let mut learnt = 0;
    for (raw_id, number, received) in stored {
        let raw = crate::store::raw_messages::raw_bytes(conn, raw_id)?;
        let Ok(mail) = crate::mail::parse::parse(&raw, crate::mail::parse::DEFAULT_MAX_SIZE) else {
            continue;
        };
        if mail.returned.report {
            learnt += take_report(conn, policy, &mail, &raw, raw_id, received, Some(&number))?;
        }
    }
    Ok(learnt)
}
