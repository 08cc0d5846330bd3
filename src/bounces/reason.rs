//! A reason per failed recipient, in the vocabulary treasurers' tools share
//! (userunknown, mailboxfull, hostunknown, …), from the enhanced status code
//! and the diagnostic text.

use super::reasons::Reason;
use regex::Regex;
use std::cell::Cell;
use std::sync::LazyLock;

/// A phrase file as one regex: one phrase (a regex, ASCII, matched without
/// case) per line; empty lines and lines starting with `#` are skipped. A
/// space that matters at a phrase's end is written `[ ]`.
fn alternatives(file: &str) -> String {
    file.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("|")
}

/// Phrases by reason, one file each in `phrases/`. Each set says one cause
/// in the words mail systems use; [`find`] decides which sets are asked,
/// and in what order.
static SAYS: LazyLock<Vec<(Reason, regex::bytes::Regex)>> = LazyLock::new(|| {
    let sets = [
        (Reason::MailboxFull, include_str!("phrases/mailboxfull.txt")),
        (Reason::MesgTooBig, include_str!("phrases/mesgtoobig.txt")),
        (Reason::ExceedLimit, include_str!("phrases/exceedlimit.txt")),
        (Reason::Suspend, include_str!("phrases/suspend.txt")),
        (Reason::HasMoved, include_str!("phrases/hasmoved.txt")),
        (Reason::NoRelaying, include_str!("phrases/norelaying.txt")),
        (Reason::AuthFailure, include_str!("phrases/authfailure.txt")),
        (Reason::UserUnknown, include_str!("phrases/userunknown.txt")),
        (Reason::Filtered, include_str!("phrases/filtered.txt")),
        (Reason::RequirePtr, include_str!("phrases/requireptr.txt")),
        (
            Reason::NotCompliantRfc,
            include_str!("phrases/notcompliantrfc.txt"),
        ),
        (
            Reason::BadReputation,
            include_str!("phrases/badreputation.txt"),
        ),
        (
            Reason::ContentError,
            include_str!("phrases/contenterror.txt"),
        ),
        (Reason::Rejected, include_str!("phrases/rejected.txt")),
        (Reason::HostUnknown, include_str!("phrases/hostunknown.txt")),
        (
            Reason::SpamDetected,
            include_str!("phrases/spamdetected.txt"),
        ),
        (Reason::Speeding, include_str!("phrases/speeding.txt")),
        (Reason::TooManyConn, include_str!("phrases/toomanyconn.txt")),
        (Reason::Blocked, include_str!("phrases/blocked.txt")),
        (
            Reason::VirusDetected,
            include_str!("phrases/virusdetected.txt"),
        ),
        (
            Reason::PolicyViolation,
            include_str!("phrases/policyviolation.txt"),
        ),
        (Reason::SystemError, include_str!("phrases/systemerror.txt")),
        (
            Reason::NetworkError,
            include_str!("phrases/networkerror.txt"),
        ),
        (Reason::SystemFull, include_str!("phrases/systemfull.txt")),
        (Reason::NotAccept, include_str!("phrases/notaccept.txt")),
        (Reason::Expired, include_str!("phrases/expired.txt")),
        (
            Reason::FailedStartTls,
            include_str!("phrases/failedstarttls.txt"),
        ),
        (
            Reason::SecurityError,
            include_str!("phrases/securityerror.txt"),
        ),
        (Reason::SyntaxError, include_str!("phrases/syntaxerror.txt")),
        (Reason::MailerError, include_str!("phrases/mailererror.txt")),
    ]
    .into_iter()
    // Bytes and ASCII rules: the phrases are ASCII, and a regex free of
    // Unicode classes runs on the fast engine even with long gaps like .{0,60}.
    .map(|(r, file)| {
        let re = regex::bytes::Regex::new(&format!("(?i-u){}", alternatives(file)))
            .expect("valid pattern");
        (r, re)
    })
    .collect::<Vec<_>>();
    // Words keeps one bit per phrase set.
    assert!(sets.len() <= 64, "too many phrase sets for Words");
    sets
});

static DIRECTORY_LOOKUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)recipient name is not recognized|not listed in (public name|domino directory|.{0,30}address book)|invalid final delivery userid|delivery error: dd |resolver\.adr\.recipientnotfound|the address couldn.t be found|mail\.local: unknown user")
        .expect("valid")
});

static SERVER_SAID: LazyLock<Regex> = LazyLock::new(|| {
    // Gmail: "…the error that the other server returned was: 550 …";
    // Amazon SES: "5.1.0 - Unknown address error 550-'…'".
    Regex::new(r"(?i)the error that the other server returned was:|^[245]\.\d\.\d{1,3} - [a-z ]+ [45]\d\d-'")
        .expect("valid")
});

/// What a report says about one failed recipient.
pub struct Failure<'a> {
    pub status: &'a str,
    pub reply_code: &'a str,
    pub diagnostic: &'a str,
    /// The Diagnostic-Code type ("smtp", "x-postfix", "x-unix"), "" if none.
    pub diagnostic_type: &'a str,
    /// Still being tried (Action: delayed).
    pub delayed: bool,
}

fn says(reason: Reason, text: &str) -> bool {
    let said = SAYS
        .iter()
        .find(|(r, _)| *r == reason)
        .is_some_and(|(_, re)| re.is_match(text.as_bytes()));
    // "Recipient address rejected" names the recipient, not the sender.
    said && (reason != Reason::Rejected || !NOT_THE_SENDER.is_match(text))
}

/// What one diagnostic says, each phrase set read at most once.
struct Words<'a> {
    text: &'a str,
    asked: Cell<u64>,
    answers: Cell<u64>,
}

impl<'a> Words<'a> {
    fn new(text: &'a str) -> Self {
        Words {
            text,
            asked: Cell::new(0),
            answers: Cell::new(0),
        }
    }

    fn say(&self, reason: Reason) -> bool {
        let Some(i) = SAYS.iter().position(|(r, _)| *r == reason) else {
            return false;
        };
        let bit = 1u64 << i;
        if self.asked.get() & bit == 0 {
            self.asked.set(self.asked.get() | bit);
            if says(reason, self.text) {
                self.answers.set(self.answers.get() | bit);
            }
        }
        self.answers.get() & bit != 0
    }
}

/// The cause an RFC 3463 status code names, where it names one (none for
/// the vague ones: x.0.0, 4.x user codes, 5.5.0, …).
fn status_meaning(status: &str) -> Option<Reason> {
    match status {
        "2.1.5" => Some(Reason::Delivered),
        "4.1.6" | "5.1.6" | "5.7.17" | "5.7.18" => Some(Reason::HasMoved),
        "4.1.7" | "4.1.8" | "5.1.7" | "5.1.8" => Some(Reason::Rejected),
        "4.1.9" | "5.1.9" | "4.3.3" | "4.3.5" | "4.4.3" | "4.5.3" | "4.5.5" | "5.3.0" | "5.3.3"
        | "5.3.5" | "5.4.3" | "5.5.4" | "5.5.5" => Some(Reason::SystemError),
        "4.7.1" | "4.7.2" => Some(Reason::Blocked),
        // "Mailbox disabled, not accepting messages" (RFC 3463).
        "4.2.1" => Some(Reason::Suspend),
        "4.2.2" | "5.2.2" => Some(Reason::MailboxFull),
        "4.2.3" | "5.2.3" => Some(Reason::ExceedLimit),
        "4.2.4" | "5.1.4" | "5.2.0" | "5.2.1" | "5.2.4" => Some(Reason::Filtered),
        "4.3.1" | "4.4.5" | "5.3.1" => Some(Reason::SystemFull),
        "4.3.2" | "5.3.2" | "5.1.10" | "5.7.27" => Some(Reason::NotAccept),
        "4.4.1" | "4.4.7" => Some(Reason::Expired),
        "4.4.2" | "4.4.4" | "4.4.6" | "4.4.8" | "5.4.0" => Some(Reason::NetworkError),
        "4.6.0" | "4.6.2" | "4.6.5" | "5.6.0" | "5.6.1" | "5.6.2" | "5.6.3" | "5.6.5" | "5.6.6"
        | "5.6.7" | "5.6.8" | "5.6.9" => Some(Reason::ContentError),
        "4.7.16" | "5.7.16" | "5.3.4" => Some(Reason::MesgTooBig),
        "4.7.24" | "4.7.26" | "5.7.20" | "5.7.21" | "5.7.22" | "5.7.23" | "5.7.24" | "5.7.26"
        | "5.7.29" => Some(Reason::AuthFailure),
        "4.7.25" | "5.7.25" => Some(Reason::RequirePtr),
        "5.1.0" | "5.1.1" | "5.1.3" => Some(Reason::UserUnknown),
        "5.1.2" | "5.4.4" => Some(Reason::HostUnknown),
        "5.5.2" | "5.5.6" => Some(Reason::SyntaxError),
        "5.5.3" => Some(Reason::TooManyConn),
        "5.7.13" => Some(Reason::Suspend),
        "5.7.28" => Some(Reason::SpamDetected),
        "5.7.30" => Some(Reason::FailedStartTls),
        s if s.starts_with("5.7.") || (s.starts_with("4.7.") && s != "4.7.0") => {
            Some(Reason::SecurityError)
        }
        _ => None,
    }
}

/// Reasons a status code names only loosely: the words may say better.
fn loosely_named(reason: Option<Reason>) -> bool {
    matches!(
        reason,
        None | Some(
            Reason::Undefined
                | Reason::OnHold
                | Reason::SystemError
                | Reason::SecurityError
                | Reason::Expired
                | Reason::NetworkError
                | Reason::HostUnknown
                | Reason::UserUnknown
        )
    )
}

/// Words that name a refused recipient or client, not a refused sender.
static NOT_THE_SENDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)5\.1\.0 address rejected|recipient address rejected|sender ip address rejected",
    )
    .expect("valid")
});

/// A server saying it refused the sender (its address, domain or its
/// verification), whatever code it put beside the words.
static SENDER_REFUSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)sender (address |domain )?(denied|refused|rejected|not allowed|is not allowed|blocked)|sender verif\w* failed|domain of sender address")
        .expect("valid")
});

static ACCESS_DENIED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)access denied").expect("valid"));

/// The reason for one failure. `command` finds the SMTP command the failure
/// answered; it is asked only when that matters (it may read the whole
/// message again).
pub fn find(f: &Failure, command: impl FnOnce() -> Option<&'static str>) -> Reason {
    // A relay's wrapper ("Google tried to deliver your message, but it was
    // rejected…") around the server's own words: the words decide.
    let text = SERVER_SAID
        .find(f.diagnostic)
        .map_or(f.diagnostic, |m| &f.diagnostic[m.end()..]);
    let mut command = Some(command);
    let mut known = None;
    let mut cmd = move || {
        if let Some(c) = command.take() {
            known = c();
        }
        known
    };
    let words = Words::new(text);
    // A mail system naming its own directory has looked the user up.
    if DIRECTORY_LOOKUP.is_match(text) && words.say(Reason::UserUnknown) {
        return Reason::UserUnknown;
    }
    if let Some(r) = super::providers::by_code(text) {
        return r;
    }
    let named = status_meaning(f.status);
    let smtp_typed = f.diagnostic_type.eq_ignore_ascii_case("smtp");
    // A local delivery program's complaint is not a server's answer: only
    // the second pass reads it.
    let local_program = f.diagnostic_type.to_lowercase().starts_with("x-unix");
    if !local_program {
        if let Some(r) = by_status_and_words(f, &words, named, &mut cmd) {
            return r;
        }
    }
    match named {
        Some(r) if smtp_typed && !loosely_named(named) => return r,
        _ => {
            if let Some(r) = by_words_alone(f, &words, named, &mut cmd) {
                return r;
            }
        }
    }
    // Still being tried, or given up on after temporary failures only: a
    // failed recipient with a 4.x.x status is what an MTA returns when the
    // queue lifetime ended (Postfix's "Action: failed, Status: 4.3.0").
    if f.delayed || f.status.starts_with("4.") {
        Reason::Expired
    } else if text.trim().is_empty() {
        Reason::Undefined
    } else {
        Reason::OnHold
    }
}

/// First pass: causes a status code or the words establish, most specific
/// first. Some words count only after the right SMTP command: an "unknown
/// user" answered to the message's data is a filter at work, the recipient
/// having been accepted before.
fn by_status_and_words(
    f: &Failure,
    words: &Words,
    named: Option<Reason>,
    cmd: &mut impl FnMut() -> Option<&'static str>,
) -> Option<Reason> {
    let text = words.text;
    let said = |r: Reason| words.say(r);
    let before_data = |c: Option<&str>| c.is_some_and(|c| c != "DATA");
    if named == Some(Reason::MailboxFull) || said(Reason::MailboxFull) {
        return Some(Reason::MailboxFull);
    }
    if named == Some(Reason::MesgTooBig)
        || (named != Some(Reason::ExceedLimit) && f.status != "5.2.3" && said(Reason::MesgTooBig))
    {
        return Some(Reason::MesgTooBig);
    }
    if named == Some(Reason::ExceedLimit) || said(Reason::ExceedLimit) {
        return Some(Reason::ExceedLimit);
    }
    if f.reply_code == "525" || said(Reason::Suspend) {
        return Some(Reason::Suspend);
    }
    // A code's registered meaning yields to plain words next to it: a
    // 5.7.17 ("mailbox owner has changed") beside "no mailbox here by that
    // name" is a missing mailbox.
    if said(Reason::HasMoved) {
        return Some(Reason::HasMoved);
    }
    if named == Some(Reason::HasMoved) {
        // x.1.6 says the mailbox moved, which "not our customer" agrees
        // with; x.7.17 (owner changed) beside "no mailbox here by that
        // name" is a mailbox that is not there.
        return Some(
            if f.status.ends_with(".7.17") && said(Reason::UserUnknown) {
                Reason::UserUnknown
            } else {
                Reason::HasMoved
            },
        );
    }
    // Words about the sender ("Sender denied") beside a recipient's code
    // (5.1.1): the server refused who sent it, not the address.
    if SENDER_REFUSED.is_match(text) && !NOT_THE_SENDER.is_match(text) {
        return Some(Reason::Rejected);
    }
    if said(Reason::NoRelaying) && !matches!(cmd(), Some("CONN" | "HELO")) {
        return Some(Reason::NoRelaying);
    }
    if named == Some(Reason::AuthFailure) || said(Reason::AuthFailure) {
        return Some(Reason::AuthFailure);
    }
    if named == Some(Reason::UserUnknown) {
        let other = [
            Reason::NoRelaying,
            Reason::Blocked,
            Reason::MailboxFull,
            Reason::HasMoved,
            Reason::Rejected,
            Reason::NotAccept,
        ];
        if !other.iter().any(|r| said(*r)) {
            return Some(Reason::UserUnknown);
        }
    } else if said(Reason::UserUnknown) && cmd() == Some("RCPT") {
        return Some(Reason::UserUnknown);
    }
    let user_or_filter = || said(Reason::UserUnknown) || said(Reason::Filtered);
    if named == Some(Reason::Filtered) {
        if user_or_filter() {
            return Some(Reason::Filtered);
        }
    } else if user_or_filter() && !before_data(cmd()) {
        return Some(Reason::Filtered);
    }
    if named == Some(Reason::RequirePtr) || said(Reason::RequirePtr) {
        return Some(Reason::RequirePtr);
    }
    if said(Reason::NotCompliantRfc) {
        return Some(Reason::NotCompliantRfc);
    }
    if said(Reason::BadReputation) {
        return Some(Reason::BadReputation);
    }
    let spam = !f.status.is_empty()
        && (named == Some(Reason::SpamDetected)
            || (said(Reason::SpamDetected) && !before_data(cmd())));
    if !spam && (named == Some(Reason::ContentError) || said(Reason::ContentError)) {
        return Some(Reason::ContentError);
    }
    if named == Some(Reason::Rejected) || (ACCESS_DENIED.is_match(text) && cmd() == Some("MAIL")) {
        return Some(Reason::Rejected);
    }
    if said(Reason::Rejected) {
        let counts = match cmd() {
            Some("MAIL") => true,
            Some("DATA") => named != Some(Reason::UserUnknown),
            _ => matches!(
                named,
                None | Some(
                    Reason::Undefined
                        | Reason::OnHold
                        | Reason::SecurityError
                        | Reason::SystemError
                )
            ),
        };
        if counts {
            return Some(Reason::Rejected);
        }
    }
    if named == Some(Reason::HostUnknown) {
        // "Couldn't find a mail exchanger": the domain is there, takes no mail.
        if said(Reason::NotAccept) && !said(Reason::HostUnknown) {
            return Some(Reason::NotAccept);
        }
        if !said(Reason::NetworkError) {
            return Some(Reason::HostUnknown);
        }
    } else if said(Reason::HostUnknown) {
        return Some(Reason::HostUnknown);
    }
    if spam {
        return Some(Reason::SpamDetected);
    }
    if said(Reason::Speeding) {
        return Some(Reason::Speeding);
    }
    if named == Some(Reason::TooManyConn) || said(Reason::TooManyConn) {
        return Some(Reason::TooManyConn);
    }
    if named == Some(Reason::Blocked) || said(Reason::Blocked) {
        return Some(Reason::Blocked);
    }
    None
}

/// Second pass, for a vague status: the words alone, then the status.
fn by_words_alone(
    f: &Failure,
    words: &Words,
    named: Option<Reason>,
    cmd: &mut impl FnMut() -> Option<&'static str>,
) -> Option<Reason> {
    const ORDER: &[Reason] = &[
        Reason::MailboxFull,
        Reason::AuthFailure,
        Reason::BadReputation,
        Reason::Speeding,
        Reason::SpamDetected,
        Reason::VirusDetected,
        Reason::PolicyViolation,
        Reason::NoRelaying,
        Reason::SystemError,
        Reason::NotAccept,
        Reason::NetworkError,
        Reason::Suspend,
        Reason::ContentError,
        Reason::SystemFull,
        Reason::Expired,
        Reason::FailedStartTls,
        Reason::SecurityError,
        Reason::MailerError,
        Reason::SyntaxError,
    ];
    if let Some(r) = ORDER.iter().find(|r| words.say(**r)) {
        return Some(*r);
    }
    if named.is_some() {
        return named;
    }
    match f.status.get(..3) {
        Some("5.6" | "4.6") => return Some(Reason::ContentError),
        Some("5.7" | "4.7") => return Some(Reason::SecurityError),
        _ => {}
    }
    if f.diagnostic_type.to_lowercase().starts_with("x-unix") {
        return Some(Reason::MailerError);
    }
    if let Ok(code) = f.reply_code.parse::<u16>() {
        if (401..=407).contains(&code) || (501..=507).contains(&code) {
            return Some(Reason::SyntaxError);
        }
    }
    if f.delayed {
        return Some(Reason::Expired);
    }
    if cmd() == Some("HELO") {
        return Some(Reason::Blocked);
    }
    None
}

/// A notice that the message is still queued ("warning message only").
pub fn says_still_trying(diagnostic: &str) -> bool {
    STILL_TRYING.is_match(diagnostic)
}

static STILL_TRYING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)warning message only|delivery (has been |is )?delayed|will (keep|continue) (on )?trying|still trying|will retry")
        .expect("valid")
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bounces::smtp::reply_code_in;

    pub(super) fn reason(
        status: &str,
        diagnostic: &str,
        kind: &str,
        command: Option<&'static str>,
    ) -> Reason {
        let reply_code = reply_code_in(diagnostic).unwrap_or_default();
        let failure = Failure {
            status,
            reply_code: &reply_code,
            diagnostic,
            diagnostic_type: kind,
            delayed: false,
        };
        find(&failure, || command)
    }

    #[test]
    fn a_refused_recipient_is_not_a_refused_sender() {
        let said = "550 5.1.1 <neko@example.jp>: Recipient address rejected: User unknown in virtual mailbox table";
        assert_eq!(reason("5.1.1", said, "smtp", None), Reason::UserUnknown);
    }

    #[test]
    fn unknown_user_words_count_by_the_command_they_answered() {
        let said = "550 5.2.1 <kijitora@example.jp>... User Unknown";
        assert_eq!(
            reason("5.2.1", said, "smtp", Some("RCPT")),
            Reason::UserUnknown
        );
        // Refused after the data, or with nothing to say when: a filter.
        assert_eq!(
            reason("5.2.1", said, "smtp", Some("DATA")),
            Reason::Filtered
        );
        assert_eq!(reason("5.2.1", said, "smtp", None), Reason::Filtered);
    }

    /// Wordings of the same causes that MTAs and providers document, beyond
    /// Postfix's (qmail, Office 365, Exchange, IIS-style servers).
    #[test]
    fn other_wordings_of_a_missing_mailbox_a_full_one_and_an_unknown_host() {
        let rcpt = Some("RCPT");
        for said in [
            "550 No mail box available for this user",
            "Sorry, no mailbox here by that name. (#5.1.1)",
            "550 Rcpt <nobody@example.org> does not exist",
            "550 5.1.1 BAD_RECIPIENT",
            "nobody wasn't found at example.org.",
        ] {
            assert_eq!(
                reason("5.0.0", said, "smtp", rcpt),
                Reason::UserUnknown,
                "{said}"
            );
        }
        for said in [
            "552 The recipient's mailbox does not have enough space",
            "452 Not enough storage space in the mailbox",
        ] {
            assert_eq!(
                reason("4.0.0", said, "smtp", rcpt),
                Reason::MailboxFull,
                "{said}"
            );
        }
        let qmail = "Sorry, I couldn't find any host by that name. (#4.1.2)";
        assert_eq!(reason("5.0.0", qmail, "smtp", None), Reason::HostUnknown);
    }

    #[test]
    fn a_refused_sender_is_not_an_unknown_recipient_whatever_the_code() {
        for said in [
            "550 5.1.1 <treasurer@club.example>: Sender denied",
            "553 5.1.1 Sender address rejected: not owned by user",
            "550 5.1.0 Sender verify failed",
        ] {
            assert_eq!(
                reason("5.1.1", said, "smtp", None),
                Reason::Rejected,
                "{said}"
            );
        }
        // The recipient's own refusal keeps its cause.
        let rcpt = "550 5.1.1 <a@example.org>: Recipient address rejected: User unknown";
        assert_eq!(reason("5.1.1", rcpt, "smtp", None), Reason::UserUnknown);
    }

    #[test]
    fn qmail_giving_up_on_a_connection_is_an_expiry() {
        // qmail-remote's words (#4.4.1), returned once the queue lifetime
        // ended: the attempts timed out, as with any MTA that gave up.
        let said = "Sorry, I wasn't able to establish an SMTP connection. (#4.4.1) I'm not going to try again; this message has been in the queue too long.";
        assert_eq!(reason("4.4.1", said, "", None), Reason::Expired);
    }

    #[test]
    fn a_local_delivery_program_failing_is_a_mailer_error() {
        let said = "procmail: Couldn't create \"/var/spool/mail/neko\" id: No such user";
        assert_eq!(reason("5.1.1", said, "x-unix", None), Reason::MailerError);
    }

    #[test]
    fn a_vague_temporary_failure_returned_or_still_queued_is_an_expiry() {
        // Returned with a 4.x.x status: the MTA gave up, its queue lifetime
        // over (what Postfix writes, tests/cli/mta.rs).
        let said = "450 4.0.0 Temporary failure";
        assert_eq!(reason("4.0.0", said, "smtp", None), Reason::Expired);
        // Nothing temporary about it and nothing said: on hold.
        assert_eq!(
            reason("5.0.0", "550 Administrative reasons", "smtp", None),
            Reason::OnHold
        );
        let queued = Failure {
            status: "4.0.0",
            reply_code: "450",
            diagnostic: said,
            diagnostic_type: "smtp",
            delayed: true,
        };
        assert_eq!(find(&queued, || None), Reason::Expired);
    }

    #[test]
    fn a_precise_status_stands_unless_the_words_name_a_commoner_cause() {
        assert_eq!(
            reason("5.2.2", "552 5.2.2 Over quota", "smtp", None),
            Reason::MailboxFull
        );
        // 5.7.1 only says "not authorized"; the words say why.
        let ptr = "554 5.7.1 Reverse DNS lookup for host 203.0.113.22 failed permanently.";
        assert_eq!(
            reason("5.7.1", ptr, "smtp", Some("MAIL")),
            Reason::RequirePtr
        );
        assert_eq!(
            reason("5.7.1", "550 5.7.1 Delivery not authorized", "smtp", None),
            Reason::SecurityError
        );
    }
}

#[cfg(test)]
mod plain_words {
    use super::tests::reason;
    use super::*;

    fn reason_of(status: &str, diagnostic: &str, command: Option<&'static str>) -> Reason {
        reason(status, diagnostic, "smtp", command)
    }

    #[test]
    fn plain_words_at_rcpt_name_an_unknown_user() {
        for said in [
            "550 User unknown",
            "550 No such user",
            "550 mailbox unavailable",
            "550 Requested action not taken: mailbox unavailable",
        ] {
            assert_eq!(
                reason_of("5.0.0", said, Some("RCPT")),
                Reason::UserUnknown,
                "{said}"
            );
            assert_eq!(
                reason_of("", said, Some("RCPT")),
                Reason::UserUnknown,
                "{said}"
            );
        }
    }

    #[test]
    fn giving_up_after_attempts_is_an_expiry() {
        let said = "Delivery failed after 20 attempts";
        assert_eq!(reason_of("", said, None), Reason::Expired);
        assert_eq!(reason_of("5.0.0", said, None), Reason::Expired);
    }

    #[test]
    fn a_refused_sender_is_not_an_unknown_user() {
        let said = "550 5.1.1 <kasse@verein.test>: Sender address rejected: User unknown in local recipient table";
        assert_eq!(reason_of("5.1.1", said, Some("MAIL")), Reason::Rejected);
    }
}
