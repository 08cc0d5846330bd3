//! Orange and La Poste (France): their refusals carry a code such as
//! "LPN007_416", "OFR_506" or "OFR004_405 [405]" whose last three digits
//! their postmaster pages explain.

use super::Provider;
use crate::bounces::Reason;
use regex::Regex;
use std::sync::LazyLock;

pub const PROVIDER: Provider = Provider {
    name: "orange",
    domains: &["orange.fr", "wanadoo.fr", "laposte.net"],
    words: &[],
    codes: |text| orange(&ORANGE.captures(text)?[1]),
};

static ORANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:lpnaaa|lpn|ofr|ouk)(?:\d{3})?_?(\d{3})(?-u:\b)").expect("valid")
});

fn orange(code: &str) -> Option<Reason> {
    Some(match code {
        "101" | "102" | "103" | "510" | "999" => Reason::Blocked,
        "104" => Reason::TooManyConn,
        "305" | "402" => Reason::SecurityError,
        "401" | "517" => Reason::AuthFailure,
        "403" | "405" | "415" | "421" => Reason::Rejected,
        "416" => Reason::UserUnknown,
        "417" => Reason::MailboxFull,
        "420" | "426" => Reason::Suspend,
        "505" => Reason::SystemError,
        "506" => Reason::SpamDetected,
        "514" => Reason::MesgTooBig,
        "630" => Reason::PolicyViolation,
        _ => return None,
    })
}
