//! Facebook's mail servers: "550 5.1.1 RCP-P2
//! http://postmaster.facebook.com/response_codes…".

use super::Provider;
use crate::bounces::Reason;
use regex::Regex;
use std::sync::LazyLock;

pub const PROVIDER: Provider = Provider {
    name: "facebook",
    domains: &["facebook.com"],
    words: &[],
    codes: |text| {
        if !text.contains("facebook.com") {
            return None;
        }
        facebook(&FACEBOOK.captures(text)?[1])
    },
};

static FACEBOOK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)((?:RCP|POL|MSG|DNS|CON|INT)-[PT]\d)(?-u:\b)").expect("valid")
});

fn facebook(code: &str) -> Option<Reason> {
    Some(match code {
        "RCP-P1" | "INT-P1" | "INT-P3" | "INT-P4" => Reason::UserUnknown,
        "RCP-P2" | "RCP-P3" => Reason::Filtered,
        "RCP-T4" => Reason::Suspend,
        "RCP-T1" => Reason::SystemError,
        "POL-P1" | "POL-P2" | "POL-P3" | "POL-P4" | "POL-T1" | "POL-T2" | "POL-T3" => {
            Reason::Blocked
        }
        "POL-P5" => Reason::VirusDetected,
        "POL-P6" => Reason::SpamDetected,
        "POL-P7" => Reason::AuthFailure,
        "MSG-P1" | "INT-P2" => Reason::MesgTooBig,
        "MSG-P2" => Reason::ContentError,
        "MSG-P3" => Reason::NotCompliantRfc,
        "DNS-P1" | "DNS-P2" | "DNS-T1" => Reason::Rejected,
        "DNS-P3" | "DNS-T2" => Reason::RequirePtr,
        "CON-T1" | "CON-T2" | "CON-T3" | "CON-T4" | "MSG-T1" => Reason::TooManyConn,
        _ => return None,
    })
}
