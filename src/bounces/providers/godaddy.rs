//! GoDaddy's mail servers (secureserver.net): refusals end in a code of
//! its own ("… too many recipients this hour. IB607") that its help pages
//! on bounce-backs explain; without one, a few plain answers of its own.

use super::Provider;
use crate::bounces::Reason;
use regex::Regex;
use std::sync::LazyLock;

pub const PROVIDER: Provider = Provider {
    name: "godaddy",
    domains: &["secureserver.net"],
    words: &[
        (
            Reason::Blocked,
            r"www\.spamhaus\.org/query/bl\?ip=|554 rbl reject\.",
        ),
        (
            Reason::Expired,
            r"delivery timeout|451 sorry, i wasn't able to establish an smtp connection\.",
        ),
        (Reason::Suspend, r"account disabled"),
        (Reason::MailboxFull, r"account storage limit"),
        (
            Reason::UserUnknown,
            r"account does not exist|550 recipient not found\.",
        ),
    ],
    codes: |text| godaddy(&CODE.captures(text)?[1]),
};

/// "IB607" after a space, as GoDaddy ends its answers.
static CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s(IB\d{3})(?-u:\b)").expect("valid"));

fn godaddy(code: &str) -> Option<Reason> {
    Some(match code {
        "IB103" | "IB104" | "IB105" | "IB106" | "IB108" | "IB110" | "IB111" | "IB112" | "IB113" => {
            Reason::Blocked
        }
        "IB007" | "IB504" | "IB510" | "IB607" => Reason::TooManyConn,
        "IB101" => Reason::Expired,
        "IB212" => Reason::SpamDetected,
        "IB401" => Reason::SecurityError,
        "IB501" | "IB502" | "IB506" | "IB508" => Reason::Rejected,
        "IB705" => Reason::VirusDetected,
        _ => return None,
    })
}
