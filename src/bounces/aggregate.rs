//! Per failed address: what the treasurer's member list needs from many
//! bounces (hard or soft, the latest reason, how often, when, which tickets).

use super::{Analysis, Reason};
use std::collections::BTreeMap;

/// One failed address over all the bounces read.
#[derive(Debug, serde::Serialize)]
pub struct AddressRow {
    pub address: String,
    pub hard: bool,
    pub reason: Reason,
    pub status: String,
    /// Failures reported for the address.
    pub count: u32,
    /// Notices that its delivery is delayed (still being tried): never hard,
    /// never counted as failures.
    pub delays: u32,
    #[serde(serialize_with = "crate::dates::serialize_opt_ts")]
    pub first_seen: Option<i64>,
    #[serde(serialize_with = "crate::dates::serialize_opt_ts")]
    pub last_seen: Option<i64>,
    pub tickets: Vec<String>,
    /// Where the mail to the address finally went, when elsewhere (a forward).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub final_recipient: Option<String>,
}

/// The failed addresses of `messages` (each with its ticket number, if any),
/// in address order; those seen fewer than `min_count` times are left out.
pub fn by_address<'a>(
    messages: impl IntoIterator<Item = (&'a Analysis, Option<&'a str>)>,
    min_count: u32,
) -> Vec<AddressRow> {
    // One row per address whatever its case; shown as first reported.
    let mut by_address: BTreeMap<String, AddressRow> = BTreeMap::new();
    for (analysis, ticket) in messages {
        for r in &analysis.recipients {
            let Some(reason) = r.reason.filter(|r| r.is_failure()) else {
                continue;
            };
            if r.address.is_empty() {
                continue;
            }
            let row = by_address
                .entry(r.address.to_lowercase())
                .or_insert_with(|| AddressRow {
                    address: r.address.clone(),
                    hard: r.hard,
                    reason,
                    status: r.status.clone(),
                    count: 0,
                    delays: 0,
                    first_seen: None,
                    last_seen: None,
                    tickets: vec![],
                    final_recipient: r.final_recipient.clone(),
                });
            if r.delayed {
                row.delays += 1;
            } else {
                row.count += 1;
            }
            // The latest failure says most about the address now; a delay
            // says less than any failure.
            let says_more = !r.delayed || row.count == 0;
            if says_more && analysis.date >= row.last_seen {
                row.hard = r.hard;
                row.reason = reason;
                row.status = r.status.clone();
                row.final_recipient = r.final_recipient.clone();
            }
            if let Some(d) = analysis.date {
                row.first_seen = Some(row.first_seen.map_or(d, |f| f.min(d)));
                row.last_seen = Some(row.last_seen.map_or(d, |l| l.max(d)));
            }
            if let Some(n) = ticket {
                if !row.tickets.iter().any(|t| t == n) {
                    row.tickets.push(n.to_string());
                }
            }
        }
    }
    by_address
        .into_values()
        // An address only delayed so far is listed by its delays.
        .filter(|r| r.count >= min_count || (r.count == 0 && r.delays >= min_count))
        .collect()
}
