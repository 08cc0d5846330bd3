//! Microsoft's consumer mail (Outlook.com, Hotmail, Live, MSN): its servers
//! answer an address with no mailbox by RFC 5321's bare "Requested action
//! not taken: mailbox unavailable", which elsewhere may also be a policy.

use super::Provider;
use crate::bounces::Reason;

pub const PROVIDER: Provider = Provider {
    name: "microsoft",
    domains: &["hotmail.com", "outlook.com", "live.com", "msn.com"],
    words: &[(
        Reason::UserUnknown,
        "requested action not taken: mailbox unavailable",
    )],
    codes: |_| None,
};
