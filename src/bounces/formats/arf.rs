//! Abuse and complaint reports (ARF, RFC 5965): the recipient who
//! complained, never a failure.

use super::rfc3464::{address_of, blocks, part_text};
use super::{Format, Input};
use crate::bounces::{Reason, Recipient};

pub const FORMAT: Format = Format {
    name: "arf",
    structured: true,
    read: feedback_report,
};

fn feedback_report(input: &Input) -> Option<Vec<Recipient>> {
    let m = input.message;
    let text = part_text(m, &["message/feedback-report"])?;
    let fields: Vec<(String, String)> = blocks(&text).into_iter().flatten().collect();
    // Every recipient the report names (several for one complaint about a
    // message sent to many), else the reported message's own recipient.
    let mut addresses: Vec<String> = Vec::new();
    for (_, v) in fields
        .iter()
        .filter(|(k, _)| k == "original-rcpt-to" || k == "removal-recipient")
    {
        let a = address_of(v);
        if !a.is_empty() && !addresses.contains(&a) {
            addresses.push(a);
        }
    }
    if addresses.is_empty() {
        addresses.push(crate::bounces::attached_recipient(m).unwrap_or_default());
    }
    let kind = fields
        .iter()
        .find(|(k, _)| k == "feedback-type")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    Some(
        addresses
            .into_iter()
            .map(|address| Recipient {
                reason: Some(Reason::Feedback),
                ..Recipient::found(address, kind.clone())
            })
            .collect(),
    )
}
