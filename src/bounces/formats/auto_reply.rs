//! Out-of-office and other automatic replies (RFC 3834's Auto-Submitted,
//! the usual subjects): the person who is away, never a failure.

use super::{Format, Input};
use crate::bounces::{is_from_daemon, Reason, Recipient};
use crate::mail::automatic::AWAY_SUBJECTS;

pub const FORMAT: Format = Format {
    name: "auto-reply",
    structured: true,
    read: auto_reply,
};

fn auto_reply(input: &Input) -> Option<Vec<Recipient>> {
    let m = input.message;
    let auto = m
        .header_raw("Auto-Submitted")
        .is_some_and(|v| v.trim().to_lowercase().starts_with("auto-replied"));
    let subject = m.subject().unwrap_or("").to_lowercase();
    let away_subject = AWAY_SUBJECTS.iter().any(|s| subject.contains(s));
    if !(auto || away_subject) || is_from_daemon(m) {
        return None;
    }
    let from = m.from()?.first()?.address()?.to_lowercase();
    let mut r = Recipient::found(from, m.subject().unwrap_or("").to_string());
    r.reason = Some(Reason::Vacation);
    Some(vec![r])
}
