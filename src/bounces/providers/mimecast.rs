//! Mimecast, which filters many organisations' inbound mail: its answers
//! are worded per cause in its published list of SMTP error codes, each
//! with its reply code. Matched only where Mimecast answered.

use super::Provider;
use crate::bounces::Reason;

pub const PROVIDER: Provider = Provider {
    name: "mimecast",
    domains: &["mimecast.com"],
    words: &[
        (Reason::Blocked, r"421[ -].*sender address blocked"),
        (
            Reason::Blocked,
            r"451[ -].*(recipient temporarily unavailable|ip temporarily blacklisted|internal resources are temporarily unavailable)",
        ),
        (
            Reason::Blocked,
            r"550[ -].*(local ct ip reputation - \(reject\)|(spf|dkim|dmarc) sender invalid - envelope rejected)",
        ),
        (Reason::MesgTooBig, r"554[ -].*maximum email size exceeded"),
        (Reason::NetworkError, r"554[ -].*mail loop detected"),
        (Reason::NoRelaying, r"451[ -].*open relay not allowed"),
        (Reason::NotAccept, r"451[ -].*account inbounds disabled"),
        (
            Reason::OnHold,
            r"451[ -].*(account outbounds disabled|hostname is not authorized)",
        ),
        (
            Reason::PolicyViolation,
            r"550[ -].*(anti-spoofing policy - inbound not allowed|rejected by header-based anti-spoofing policy|message bounced due to content examination policy)",
        ),
        (
            Reason::PolicyViolation,
            r"554[ -].*host network not allowed",
        ),
        (
            Reason::Rejected,
            r"550[ -].*(administrative prohibition envelope blocked|envelope blocked .{1,3} user (domain )?entry|rejected by header-based (manually )?blocked senders|envelope rejected - block policy for envelope from address)",
        ),
        (
            Reason::SecurityError,
            r"535[ -].*incorrect authentication data",
        ),
        (
            Reason::SecurityError,
            r"553[ -].*this route requires (encryption|tls version|high-strength ciphers)",
        ),
        (
            Reason::SecurityError,
            r"554[ -].*configuration is invalid for this certificate",
        ),
        (
            Reason::SystemError,
            r"451[ -].*(unable to process connection at this time|message ended early|unable to process command|unable to process an email at this time)",
        ),
        (
            Reason::TooManyConn,
            r"451[ -].*account service is temporarily unavailable",
        ),
        (Reason::TooManyConn, r"452[ -].*too many recipients"),
        (
            Reason::TooManyConn,
            r"550[ -].*exceeding outbound thread limit",
        ),
        (Reason::UserUnknown, r"501[ -].*invalid address"),
        (Reason::UserUnknown, r"503[ -].*user unknown"),
        (Reason::UserUnknown, r"550[ -].*invalid recipient"),
        (
            Reason::VirusDetected,
            r"554[ -].*email rejected due to security policies",
        ),
    ],
    codes: |_| None,
};
