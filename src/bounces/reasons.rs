//! Why a delivery failed, in the words of the sisimai bounce library (so
//! that reports from both agree), with what each reason implies: the status
//! code derived for a bounce that gives none, and whether the address is
//! dead for good. One table, [`Reason::facts`].

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

/// When a reason means the address itself is bad.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hard {
    Always,
    /// Only with a permanent (5.x.x) status.
    IfPermanent,
    Never,
}

impl Reason {
    /// The x.0.9NN detail of the status derived for this reason (`None`
    /// for the reasons that are not failures), and when it is hard.
    fn facts(self) -> (Option<&'static str>, Hard) {
        use Hard::*;
        use Reason::*;
        match self {
            Undefined => (Some("900"), Never),
            OnHold => (Some("901"), Never),
            SyntaxError => (Some("902"), Never),
            NoRelaying => (Some("909"), Never),
            Filtered => (Some("910"), Never),
            UserUnknown => (Some("911"), Always),
            HostUnknown => (Some("912"), Always),
            HasMoved => (Some("916"), Always),
            Rejected => (Some("918"), Never),
            Suspend => (Some("921"), Never),
            MailboxFull => (Some("922"), Never),
            ExceedLimit => (Some("923"), Never),
            AuthFailure => (Some("926"), Never),
            SystemError => (Some("930"), Never),
            SystemFull => (Some("931"), Never),
            NotAccept => (Some("932"), IfPermanent),
            MesgTooBig => (Some("934"), Never),
            MailerError => (Some("939"), Never),
            NetworkError => (Some("944"), Never),
            TooManyConn => (Some("945"), Never),
            Speeding => (Some("946"), Never),
            Expired => (Some("947"), Never),
            ContentError => (Some("960"), Never),
            SecurityError => (Some("970"), Never),
            Blocked => (Some("971"), Never),
            PolicyViolation => (Some("972"), Never),
            RequirePtr => (Some("973"), Never),
            NotCompliantRfc => (Some("974"), Never),
            BadReputation => (Some("975"), Never),
            FailedStartTls => (Some("976"), Never),
            SpamDetected => (Some("980"), Never),
            VirusDetected => (Some("981"), Never),
            Feedback | Vacation | Delivered => (None, Never),
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

    /// Hard: the address itself is bad and will not start working.
    pub fn is_hard(self, status: &str) -> bool {
        match self.facts().1 {
            Hard::Always => true,
            Hard::IfPermanent => status.starts_with('5'),
            Hard::Never => false,
        }
    }
}
