//! Cox Communications: "AUP#CXBL" and the like in its refusals.

use super::{aup_code, Provider};
use crate::bounces::Reason;

pub const PROVIDER: Provider = Provider {
    name: "cox",
    domains: &["cox.net"],
    words: &[],
    codes: |text| cox(aup_code(text)?),
};

fn cox(code: &str) -> Option<Reason> {
    Some(match code {
        "CXBL" | "CDRBL" => Reason::Blocked,
        c if c.starts_with("IPBL") => Reason::Blocked,
        c if c.starts_with("URLBL") => Reason::SpamDetected,
        "CXDNS" => Reason::RequirePtr,
        "CXSNDR" => Reason::AuthFailure,
        "CXSMTP" => Reason::Rejected,
        "CXCNCT" | "CXMXRT" => Reason::TooManyConn,
        "CXTHRT" | "CXMJ" => Reason::SecurityError,
        _ => return None,
    })
}
