//! Ipswitch IMail Server's returns (X-Mailer "<SMTP32 v…>" or "<IMail v…>"):
//! free text that opens with IMail's own verdict ("Unknown user: anna@…",
//! "User mailbox exceeds allowed size: …"), or quotes the remote server
//! after "… command generated response:". IMail's verdict comes from its own
//! lookup, not from a remote server at some stage of SMTP, so it names the
//! reason as it stands.

use super::{free_text, own_verdict, Format, Input};
use crate::bounces::{Reason, Recipient};

pub const FORMAT: Format = Format {
    name: "imail",
    structured: false,
    read: imail,
};

/// IMail's words, each at the start of a recipient's line.
const VERDICTS: &[(Reason, &str)] = &[
    (Reason::UserUnknown, "unknown user"),
    (Reason::UserUnknown, "invalid final delivery userid"),
    (Reason::HostUnknown, "unknown host"),
    (Reason::MailboxFull, "user mailbox exceeds allowed size"),
    (
        Reason::VirusDetected,
        "requested action not taken: virus detected",
    ),
    (Reason::Expired, "delivery failed "),
];

fn imail(input: &Input) -> Option<Vec<Recipient>> {
    let mailer = input.message.header_raw("X-Mailer")?.trim_start();
    if !(mailer.starts_with("<SMTP32 ") || mailer.starts_with("<IMail ")) {
        return None;
    }
    let mut found = free_text::failures(input);
    own_verdict(&mut found, VERDICTS);
    Some(found)
}
