//! Why a delivery failed, in the words of the sisimai bounce library (so
//! that reports from both agree), with what each reason implies: the status
//! code derived for a bounce that gives none, and whether the address is
//! dead for good. One table, [`Reason::facts`]; the words that say each reason are in
//! `phrases/`, one file per reason, one phrase per line.

use crate::vocabulary::vocabulary;

vocabulary! {
    /// The cause of one failed (or reported) delivery.
    Reason {
        Undefined = "undefined",
        OnHold = "onhold",
        SyntaxError = "syntaxerror",
        NoRelaying = "norelaying",
        Filtered = "filtered",
        UserUnknown = "userunknown",
        HostUnknown = "hostunknown",
        HasMoved = "hasmoved",
        Rejected = "rejected",
        Suspend = "suspend",
        MailboxFull = "mailboxfull",
        ExceedLimit = "exceedlimit",
        SystemError = "systemerror",
        SystemFull = "systemfull",
        NotAccept = "notaccept",
        MesgTooBig = "mesgtoobig",
        MailerError = "mailererror",
        NetworkError = "networkerror",
        TooManyConn = "toomanyconn",
        Expired = "expired",
        ContentError = "contenterror",
        SecurityError = "securityerror",
        Blocked = "blocked",
        PolicyViolation = "policyviolation",
        RequirePtr = "requireptr",
        NotCompliantRfc = "notcompliantrfc",
        BadReputation = "badreputation",
        FailedStartTls = "failedstarttls",
        AuthFailure = "authfailure",
        Speeding = "speeding",
        SpamDetected = "spamdetected",
        VirusDetected = "virusdetected",
        /// An abuse or complaint report (ARF), not a failure.
        Feedback = "feedback",
        /// An auto-reply, not a failure.
        Vacation = "vacation",
        /// A success notice, not a failure.
        Delivered = "delivered",
    }
}

impl Reason {
    /// The x.0.9NN detail of the status derived for this reason (`None`
    /// for the reasons that are not failures), and whether a permanent
    /// failure for it means the address is dead.
    fn facts(self) -> (Option<&'static str>, bool) {
        use Reason::*;
        match self {
            Undefined => (Some("900"), false),
            OnHold => (Some("901"), false),
            SyntaxError => (Some("902"), false),
            NoRelaying => (Some("909"), false),
            Filtered => (Some("910"), false),
            UserUnknown => (Some("911"), true),
            HostUnknown => (Some("912"), true),
            HasMoved => (Some("916"), true),
            Rejected => (Some("918"), false),
            Suspend => (Some("921"), false),
            MailboxFull => (Some("922"), false),
            ExceedLimit => (Some("923"), false),
            AuthFailure => (Some("926"), false),
            SystemError => (Some("930"), false),
            SystemFull => (Some("931"), false),
            NotAccept => (Some("932"), true),
            MesgTooBig => (Some("934"), false),
            MailerError => (Some("939"), false),
            NetworkError => (Some("944"), false),
            TooManyConn => (Some("945"), false),
            Speeding => (Some("946"), false),
            Expired => (Some("947"), false),
            ContentError => (Some("960"), false),
            SecurityError => (Some("970"), false),
            Blocked => (Some("971"), false),
            PolicyViolation => (Some("972"), false),
            RequirePtr => (Some("973"), false),
            NotCompliantRfc => (Some("974"), false),
            BadReputation => (Some("975"), false),
            FailedStartTls => (Some("976"), false),
            SpamDetected => (Some("980"), false),
            VirusDetected => (Some("981"), false),
            Feedback | Vacation | Delivered => (None, false),
        }
    }

    /// A failure of delivery (not a report, an auto-reply or a success).
    pub fn is_failure(self) -> bool {
        self.facts().0.is_some()
    }

    /// The status to report where the bounce gives none: x.0.9NN, 4 for a
    /// temporary failure, else 5. A real RFC 3463 code never has the form
    /// x.0.9NN, so a derived one is recognisable. "" for non-failures.
    pub fn derived_status(self, reply_code: &str) -> String {
        let Some(detail) = self.facts().0 else {
            return String::new();
        };
        let class = if reply_code.starts_with('4') {
            '4'
        } else {
            '5'
        };
        format!("{class}.0.{detail}")
    }

    /// Hard: the address itself is bad and will not start working. Only a
    /// permanent answer (5.x.x) says so: a temporary one (4.4.3, "host not
    /// found, try again") may be the sender's own trouble of a day.
    pub fn is_hard(self, status: &str) -> bool {
        self.facts().1 && status.starts_with('5')
    }
}
