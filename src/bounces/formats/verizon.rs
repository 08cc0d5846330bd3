//! Verizon Wireless's returns from its SMS and MMS gateways (vtext.com,
//! vzwpix.com): free text whose "Error:" line is the gateway's own verdict
//! on the phone number the mail was sent to.

use super::{free_text, own_verdict, Format, Input};
use crate::bounces::{Reason, Recipient};

pub const FORMAT: Format = Format {
    name: "verizon",
    structured: false,
    read: verizon,
};

/// The gateway's words, each at the start of a recipient's diagnostic.
const VERDICTS: &[(Reason, &str)] = &[
    (
        Reason::UserUnknown,
        "message could not be delivered to mobile. error: no valid recipients",
    ),
    (Reason::UserUnknown, "no valid recipients for this mm"),
    (
        Reason::UserUnknown,
        "550 - requested action not taken: no such user here",
    ),
];

fn verizon(input: &Input) -> Option<Vec<Recipient>> {
    let from = input.message.from()?.first()?.address()?.to_lowercase();
    if !(from.ends_with("vtext.com") || from.ends_with("vzwpix.com")) {
        return None;
    }
    let mut found = free_text::failures(input);
    own_verdict(&mut found, VERDICTS);
    Some(found)
}
