//! A reason per failed recipient, in the vocabulary treasurers' tools share
//! (userunknown, mailboxfull, hostunknown, …), from the enhanced status code
//! and the diagnostic text.

use super::reasons::Reason;
use regex::Regex;
use std::cell::Cell;
use std::sync::LazyLock;

/// Dotted numbers; those of the form class.subject.detail are status
/// codes (not IP addresses, versions, or "4.16.55.1"-style reference ids).
static DOTTED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+(?:\.\d+)+").expect("valid"));
static REPLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\d.#-])([245][0-9][0-9])(?:[ ,-]|$)").expect("valid"));

pub fn is_status(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 3
        && ["2", "4", "5"].contains(&parts[0])
        && parts[1].len() == 1
        && parts[1].as_bytes()[0] <= b'7'
        && (1..=3).contains(&parts[2].len())
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

/// Every enhanced status code in `text`, in order.
pub fn statuses_in(text: &str) -> impl Iterator<Item = String> + '_ {
    DOTTED
        .find_iter(text)
        .map(|m| m.as_str())
        .filter(|s| is_status(s))
        .map(str::to_string)
}

/// The status code a diagnostic gives: the one the answering server put
/// after its reply code ("550-'5.7.1 …'") before one a relay wrote around
/// it ("5.1.0 - Unknown address error 550-'5.7.1 …'").
pub fn status_in(text: &str) -> Option<String> {
    SERVER_STATUS
        .captures_iter(text)
        .map(|c| c[1].to_string())
        .find(|s| is_status(s))
        .or_else(|| statuses_in(text).next())
}

static SERVER_STATUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d.])[45]\d\d[ -]'?([245]\.\d\.\d{1,3})(?:[^\d.]|\.(?:\D|$)|$)")
        .expect("valid")
});

pub fn reply_code_in(text: &str) -> Option<String> {
    REPLY.captures(text).map(|c| c[1].to_string())
}

/// The first failure reply (4xx or 5xx): in a failure notice's free text a
/// 2xx number is something else ("Size (in bytes): 222").
pub fn failure_reply_code_in(text: &str) -> Option<String> {
    REPLY
        .captures_iter(text)
        .map(|c| c[1].to_string())
        .find(|c| !c.starts_with('2'))
}

/// Phrases by reason. Each set says one cause in the words mail systems use;
/// [`find`] decides which sets are asked, and in what order.
static SAYS: LazyLock<Vec<(Reason, regex::bytes::Regex)>> = LazyLock::new(|| {
    let sets = [
        (Reason::MailboxFull, r"mailbox (is )?full|full mailbox|mail ?box.{0,40}(full|quota|exceed)|over ?quota|quota (exceeded|violation)|exceeded (the )?(storage|quota)|exceeded storage allocation|not (sufficient|enough) (disk )?space|no space left on device|disk quota|user.{0,20}over.{0,10}quota|too much mail|mailfolder is full|too many messages on the server|space has been used up|boite du destinataire pleine|account is .{0,20}quota|maildir .{0,20}quota|exceeding receiving limits"),
        (Reason::MesgTooBig, r"message (size )?(is )?too (big|large)|message file too big|size limit|message size exceeds|exceeds (the )?(maximum|max) (message )?size|exceeded (the )?maximum (inbound|incoming) message size|max message size exceeded|message length exceeds|line limit exceeded|taille limite du message"),
        (Reason::ExceedLimit, r"header size exceeds (the )?limit"),
        (Reason::Suspend, r"(is|been|currently) suspended|user suspended|temporar(il)?y locked|account (is )?(locked|frozen|disabled|inactive)|recipient account is blocked|inactive (account|user)|invalid/inactive|mailbox (is )?(disabled|frozen)|deactivated mailbox|user is terminated|temporarily inactive|suspend the service|archived recipient|boite du destinataire archivee|account that you tried to reach is (disabled|inactive)|has been disabled or discontinued|mailbox unavailable or access denied|no longer accepts mail|user or domain is disabled"),
        (Reason::HasMoved, r"has been replaced by|has moved|no longer (at|with) |address (has )?changed"),
        (Reason::NoRelaying, r"relay(ing)? (access )?(denied|not (permitted|allowed))|no relaying|not (permitted|allowed) to relay|we do not relay|unable to relay|as a relay|not a gateway|not local host|not an open relay|insecure mail relay|relaying mail to|not configured to relay|we don.t handle mail for|list of allowed rcpthosts|email address is not verified|requires authentication when attempting to send to a non-local"),
        (Reason::AuthFailure, r"bad spf records|spf (check|validation|authentication)|spf\)? (domain authentication )?fail|inspect your spf|per it.s spf record|sender policy framework|\bdkim\b|\bdmarc\b|authentication information|required authentication level|authentication requirements defined"),
        (Reason::UserUnknown, r"user(name)? (is )?unknown|unknown (user|recipient|local.?part|address|mailbox|e-?mail address)|no such (user|recipient|mailbox|address|account|local|person)|(user|recipient|mailbox|address|account) (does )?not (exist|found|known|active)|(user|recipient|mailbox|address|account) .{0,60}does ?n.t exist|does not exist\.|invalid (recipient|mailbox|address|user)|recipient address rejected: (unknown|invalid|user ?unknown|access denied|user .{0,60}does not exist)|not (a )?(valid|known) (user|recipient|mailbox)|is not a valid mailbox|mailbox (is )?(unavailable|inactive|invalid)|mailbox not (found|present|available)|mailbox unavai?lable|addressee unknown|user not (found|listed)|bad destination mailbox|unknown or illegal|not our customer|recipient unknown|address unknown|doesn.t have an? .{0,30}account|no valid recipients|recipient name is not recognized|invalid .{0,20}userid|not listed in .{0,30}(address|directory|book)|can.t accept user|destination addresses were unknown|not an active address|no account by that name|no mailbox|nessun utente|no existe (dicha|ese)|account unavailable|not a local address|recipient (is not (accepted|local)|not ok|refuses to accept)|utilisateur inconnu|badrcptto|validrcptto|badrecipientto|email name is not found|no one at this address|wrong or no longer valid|invalid or unknown virtual user|adresse nicht gefunden|was not found in|non-?existent user|in name directory|> not found|destinataire invalide|address (is )?(invalid|not present)|address does not exist|email address could not be found|destination server rejected recipients|recipient (was )?not found|recipients? (does|do) not exist|address couldn.t be found"),
        (Reason::Filtered, r"account is protected by|bounced address|restricted sms e-?mail|is not accepting any mail|message filtered|message rejected due to user rules|not found recipient account|refuses? to receive (this )?mail|only accepting mail from specific|refused due to recipient preferences|user not found|user reject|blocked by the recipient"),
        (Reason::RequirePtr, r"ptr record|ptr resource record|reverse dns (failed|required|entry|name)|reverse dns lookup for host .{0,60}failed|fix reverse dns|no reverse dns|rdns|name lookup failed|mismatches client ip|cannot find your hostname|cannot resolve your (address|host)|unverifyable sending ips|unresolvable relay host|reverse lookup (rejected|for host)|dns lookup failure: .{0,80}try again later"),
        (Reason::NotCompliantRfc, r"not rfc ?5322 compliant|rfcmessagenoncompliant|duplicate header| multiple .{0,40} header|multiple subject|multiple addresses in from"),
        (Reason::BadReputation, r"reputation|temporarily deferred due to unexpected volume or user complaints"),
        (Reason::ContentError, r"improper use of 8-bit|header size exceeds maximum|mime complexity|invalid mime headers|improperly-formatted binary|unnecessary base64|media error|too many received: headers|header size, or recipient list, exceeds"),
        (Reason::Rejected, r"address rejected|administrative prohibition|batv|backscatter protection|list of senders to accept mail from|bogus mail from|purported responsible address|valid sender domain|bouncedeny|valid-address-filter|delivery not authorized, message refused|domain of sender address|senderfilterconfig|emetteur invalide|empty envelope senders|envelope blocked|no third-party dsns|from: domain is invalid|fully qualified email address required|invalid sender|not a registered gateway user|mail from not owned by user|email address is not verified|null sender is not allowed|returned mail not accepted here|recursive cname|rule imposed mailbox access|from a different address or alias|sender (address|email address|domain) .{0,20}(blacklisted|rejected|is empty|invalid)|sender is (in my black list|spammer)|sender not pre-approved|sender rejected|sender verify failed|sender was rejected|spam reporting address|empty email address|does not accept mail from|unsigned dsn|unroutable sender|not allowed to post to this mailing list|address that has been blacklisted|submit messages to this e-mail system has been rejected|your email address has been blacklisted|access denied \((sender blacklisted|in reply to mail from)|recipient addresses rejected : access denied|mx records for|groups\.google\.com|group you tried to contact"),
        (Reason::HostUnknown, r"domain (does ?n.t|does not|must) exist|domain is not reachable|host or domain name not found|host unknown|unknown host|host unreachable|domain mentioned in email address is unknown|name or service not known|no such domain|unknown domain|account or domain may not exist|unrout(e)?able address|553 .{0,80}does not exist|host \S+ not found"),
        (Reason::SpamDetected, r"\bspam\b|unsolicited|blacklisted url|content filter rejection|bulk e-?mail|message content rejected|mail content denied|unacceptable content|message rejected for policy reasons|message filtered|banned content|rejecting mail content|sender domain listed at|antispam|spam-like|greylisted.{0,40}please try again in|mail score \(|mail rejete\. mail rejected\. .{0,20}506|reject, id=|recurrent pattern detection|junk mail|classification as bulk mail|spamprofiler|spam (score|points|content)"),
        (Reason::Speeding, r"please try again slower|receiving mail at a rate|temporarily rate limited"),
        (Reason::TooManyConn, r"too many (connections|concurrent smtp|smtp sessions|errors from your ip|recipients)|connection rate limit exceeded|per-domain connection limit|max emails per hour|throttling failure|trop de connexions|maximum connection limit|numerous attempts to deliver|frequency limited"),
        (Reason::Blocked, r"(on|in) (our|a|the) (block|black) ?list|blacklisted by|blocked using|blocked - see|dnsbl|\brbl\b|bad sender ip|banned sending ip|spamcop|spamhaus|barracuda|client host (\S+ )?(rejected|blocked)|confirm this mail server|connection (dropped|refused by|reset by peer|was dropped)|currently sending spam|domain does not exist:|dynamic/zombied|no valid recipients from|not accepting connections|bad ip profile|go away|helo command rejected|host network not allowed|dynamic ip|invalid ip for sending|is not allowed to send mail from|no access from mail server|no matches to nameserver query|accepting mail from your ip|smtp server of your isp|refused - see|multi-blacklist|has not passed validation|open proxy|sender ip address rejected|forbidden by your ip|closing transmission channel|after initial connection|suspiciously like spammer|too many spams|unwanted messages have been sent from|was blocked by|you are not allowed to connect|you are sending spam|listed in the rbl|temporary blacklisted|requires confirmation|:blocked\)|access from ip address .{0,40} blocked|mail server at .{0,60} is blocked|mail from .{0,60} refused|rejected based on blacklist|listed as abusive|(domain|email|ip) .{0,60} is blacklisted|service refused, please try later\. .{0,20}(103|510)|your access ip .{0,40} has been rejected|abuseat\.org|source ip|adresse ip source|my name was rejected|dial-?up|poor reputation"),
        (Reason::VirusDetected, r"virus|malware|infected"),
        (Reason::PolicyViolation, r"illegal attachment|not accepting mail with|members-only list|closed mailing list|denied by policy|not accepted for policy reasons|security policies|header are not accepted|header error|local policy violation|organizational settings|message given low priority|rejected due to local policy|messages with multiple addresses|rejected for policy reasons|protocol violation|not subscribed to this group|rejected by organization policy|blocked because its content|images or other attachments|mass mailer|allowable number of posts"),
        (Reason::SystemError, r"forwarding loop broken|can.t create user output file|could not load drd|internal error reading data|operation now in progress|interrupted system call|encountered an error while being processed|would create a mail loop|configuration error|local error in processing|loop was found in the mail exchanger|loops back to myself|queue file write error|there is no mdb|misconfigured|service currently unavailable|system config error|temporary local problem|timeout waiting for input|transaction failed\b|unable to connect .{0,40}daemon"),
        (Reason::NetworkError, r"could not connect and send|dns records for the destination computer could not be found|hop count exceeded|host is unreachable|host name lookup failure|host not found, try again|forwarding loop|malformed (or unexpected )?name server reply|message looping|routing loop|no route to host|too many hops|unable to resolve route|unrouteable mail domain|dns error|dns type '?mx'? lookup|network error"),
        (Reason::SystemFull, r"mail system full|insufficient (system storage|disk space)"),
        (Reason::NotAccept, r"does not accept mail|mail receiving disabled|name server: \.: host not found|no mx (record )?found|no route for current request|smtp protocol returned a permanent error|null mx|couldn.t find a mail exchanger|indicated no smtp service"),
        (Reason::Expired, r"connection timed out|failed after [0-9]+ (delivery )?attempts|could not find a gateway for|delivery attempts will continue|delivery (time )?expired|failed to deliver to domain |giving up on|failing for a long time|has been delayed|not been collected after|message expired|message timed out|retry time not reached|server did not respond|in the queue too long|after multiple retries|allowed queue period|could not be delivered for|retry time(out)? (exceeded|expired)|could not deliver for the last|did not accept our requests to connect|envelope expired|not delivered within|warning message only|delivery (has been |is )?delayed|will (keep|continue) (on )?trying|not (yet )?been delivered|still trying|host not reachable"),
        (Reason::FailedStartTls, r"starttls is required|tls required but not supported|does not support (tls|starttls)"),
        (Reason::SecurityError, r"account not subscribed to ses|authentication credentials invalid|authentication failure|authentication (is )?required|authentication turned on|executable files are not allowed|insecure mail relay|recipient address rejected: access denied|don.t authenticate|unauthenticated senders not allowed|verification failure|authentication failed; server .{0,80} said|authentification (invalide|requise)|is a dead domain|not authorized to perform ses|turn on smtp authentication"),
        (Reason::SyntaxError, r"incorrectly constructed|malformed address"),
        (Reason::MailerError, r"\|\| exit |procmail: |bin/procmail|bin/maildrop|command failed: |command died with status|command output:|mailer error|pipe to \|/|x-unix; "),
    ]
    .into_iter()
    // Bytes and ASCII rules: the phrases are ASCII, and a regex free of
    // Unicode classes runs on the fast engine even with long gaps like .{0,60}.
    .map(|(r, p)| {
        let re = regex::bytes::Regex::new(&format!("(?i-u){p}")).expect("valid pattern");
        (r, re)
    })
    .collect::<Vec<_>>();
    // Words keeps one bit per phrase set.
    assert!(sets.len() <= 64, "too many phrase sets for Words");
    sets
});

static AFTER_COMMAND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:after|in reply to|while (?:sending|performing)(?: the)?|most progress was)\s+(rcpt to|rcpt|mail from|end of data|data|helo|ehlo|initial connection)")
        .expect("valid")
});
/// Other ways reports say a recipient was refused at RCPT TO.
static REFUSED_AT_RCPT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)does not like recipient|did not like our rcpt|\[rcpt_to\]|smtp:rcpt host|has rejected address")
        .expect("valid")
});
static TRANSCRIPT_COMMAND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^\s*(?:>>>\s*)?(rcpt to|mail from|data)(?-u:\b)").expect("valid")
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

/// The SMTP command a failure answered: what the diagnostic says it came
/// "after" / "in reply to", else the last command of a session transcript.
pub fn smtp_command(diagnostic: &str, message_text: &str) -> Option<&'static str> {
    let name = |c: &str| -> &'static str {
        match c.to_lowercase().as_str() {
            "rcpt to" | "rcpt" => "RCPT",
            "mail from" => "MAIL",
            "data" | "end of data" => "DATA",
            "helo" | "ehlo" => "HELO",
            _ => "CONN",
        }
    };
    for text in [diagnostic, message_text] {
        if let Some(c) = AFTER_COMMAND.captures(text) {
            return Some(name(&c[1]));
        }
        if REFUSED_AT_RCPT.is_match(text) {
            return Some("RCPT");
        }
    }
    TRANSCRIPT_COMMAND
        .captures_iter(message_text)
        .last()
        .map(|c| name(&c[1]))
}

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
    if let Some(r) = super::provider::reason(text) {
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
    if named == Some(Reason::HasMoved) || said(Reason::HasMoved) {
        return Some(Reason::HasMoved);
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

    #[test]
    fn status_codes_are_told_from_other_dotted_numbers() {
        let text =
            "421 4.7.0 [TSS04] Messages from 192.0.2.25 temporarily deferred - 4.16.55.1; 5.1.1.";
        assert_eq!(statuses_in(text).collect::<Vec<_>>(), ["4.7.0", "5.1.1"]);
        assert!(is_status("5.1.10") && is_status("4.7.650"));
        assert!(!is_status("4.16.55") && !is_status("6.1.1") && !is_status("5.1"));
    }

    fn reason(status: &str, diagnostic: &str, kind: &str, command: Option<&'static str>) -> Reason {
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

    #[test]
    fn a_notice_s_reply_code_is_a_failure_code() {
        let details = "RCPT TO: a@example.com\nSize (in bytes): 222\n550 - no such user here";
        assert_eq!(failure_reply_code_in(details).as_deref(), Some("550"));
        assert_eq!(reply_code_in("250 2.0.0 OK").as_deref(), Some("250"));
    }
}

#[cfg(test)]
mod plain_words {
    use super::*;

    fn reason_of(status: &str, diagnostic: &str, command: Option<&'static str>) -> Reason {
        let reply_code = reply_code_in(diagnostic).unwrap_or_default();
        let failure = Failure {
            status,
            reply_code: &reply_code,
            diagnostic,
            diagnostic_type: "smtp",
            delayed: false,
        };
        find(&failure, || command)
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
