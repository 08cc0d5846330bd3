//! Tencent's QQ Mail (qq.com, foxmail.com): its servers word each refusal
//! their own way, in English, for the causes below.

use super::Provider;
use crate::bounces::Reason;

pub const PROVIDER: Provider = Provider {
    name: "tencent",
    domains: &["qq.com", "foxmail.com"],
    words: &[
        // Its own pages call these blocks; in tix's words a sender that
        // failed authentication is an authfailure.
        (Reason::AuthFailure, r"dmarc check failed|spf check failed"),
        (Reason::Blocked, r"suspected spam ip"),
        (Reason::Filtered, r"mail is rejected by recipients"),
        (Reason::MesgTooBig, r"message too large"),
        (
            Reason::SpamDetected,
            r"mail content denied|spam is embedded in the email|suspected spam",
        ),
        (Reason::SyntaxError, r"bad address syntax"),
        (
            Reason::TooManyConn,
            r"connection denied|(connection|domain|ip|sender) frequency limited|mailbox unavailable or access denied",
        ),
        (Reason::UserUnknown, r"mailbox not found"),
    ],
    codes: |_| None,
};
