//! A reason per failed recipient, in the vocabulary treasurers' tools share
//! (userunknown, mailboxfull, hostunknown, …), from the enhanced status code
//! and the diagnostic text.

use regex::Regex;
use std::sync::LazyLock;

/// Dotted numbers; those of the form class.subject.detail are status
/// codes (not IP addresses, versions, or "4.16.55.1"-style reference ids).
static DOTTED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+(?:\.\d+)+").expect("valid"));
static REPLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\d.#-])([245][0-9][0-9])(?:[ -]|$)").expect("valid"));

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

pub fn status_in(text: &str) -> Option<String> {
    statuses_in(text).next()
}

pub fn reply_code_in(text: &str) -> Option<String> {
    REPLY.captures(text).map(|c| c[1].to_string())
}

/// Diagnostic phrases, checked in order; the first that matches decides.
static PHRASES: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    [
        ("rejected", r"groups\.google\.com|group you tried to contact"),
        ("rejected", r"unroutable sender|sender address rejected"),
        // A name server that did not answer: it may next time.
        ("networkerror", r"host not found, try again"),
        ("hostunknown", r"domain (does ?n.t|does not) exist|unrouteable address|domain not found|host (\S+ )?not found"),
        ("notaccept", r"no mx (record )?found|couldn.t find a mail exchanger"),
        ("systemfull", r"insufficient disk space|insufficient system storage"),
        ("networkerror", r"(was ?n.t|not) able to establish an smtp connection"),
        ("failedstarttls", r"does not support (tls|starttls)"),
        ("speeding", r"receiving mail at a rate"),
        ("mesgtoobig", r"line limit exceeded"),
        ("notaccept", r"domain .{0,60}(does ?n.t|does not) (receive|accept) (any )?mail|null mx"),
        ("networkerror", r"dns error|dns type '?mx'? lookup|malformed or unexpected name server reply|hop count exceeded|too many hops|routing loop"),
        ("mailboxfull", r"mailbox (is )?full|mailbox exceeds|over ?quota|quota exceeded|exceeded (the )?(storage|quota)|insufficient storage|mailbox size limit|storage (space )?(limit|full)|disk quota|user.{0,20}over.{0,10}quota|too much mail|mail ?box is (full|over)"),
        ("mesgtoobig", r"message (size )?(is )?too (big|large)|size (limit|exceeds)|exceeds (the )?(maximum|max) (message )?size|message length exceeds|too large"),
        ("hasmoved", r"has moved|no longer (at|with|valid)|address (has )?changed"),
        ("userunknown", r"user(name)? (is )?unknown|unknown (user|recipient|local|address|mailbox)|no such (user|recipient|mailbox|address|account|local)|(user|recipient|mailbox|address|account) (does )?not (exist|found|known)|does ?n.t exist|invalid (recipient|mailbox|address|user)|recipient (address )?rejected.{0,30}(unknown|not|invalid|access denied)|not (a )?(valid|known) (user|recipient|mailbox)|mailbox (is )?unavailable|mailbox not (found|available)|addressee unknown|user not (found|listed)|bad destination mailbox|unknown or illegal|(is )?not listed|no mailbox|not our customer|recipient unknown|address unknown|doesn.t have a .{0,30}account|no valid recipients|recipient name is not recognized|invalid .{0,20}userid|not listed in .{0,30}(address|directory|book)"),
        ("suspend", r"recipient account is blocked|account (is )?(locked|frozen|blocked)|mailbox is frozen"),
        ("blocked", r"on our block ?list|client host (\S+ )?(rejected|blocked)|source ip|adresse ip source|my name was rejected|not accepting connections|smtp server of your isp|dynamic ip|dial-?up"),
        ("expired", r"connection timed out|did not accept our requests to connect"),
        ("notcompliantrfc", r"not rfc ?5322 compliant|multiple (\S+ )?addresses in from|multiple subject"),
        ("badreputation", r"reputation"),
        ("toomanyconn", r"too many (connections|concurrent|sessions|recipients)|connection (rate )?limit|frequency limited"),
        ("requireptr", r"ptr record|name lookup failed|mismatches client ip"),
        ("spamdetected", r"\bspam\b|junk mail|message content rejected|content.{0,10}(filter|policy)|bulk mail|unsolicited"),
        ("virusdetected", r"virus|malware|infected"),
        ("securityerror", r"authentication required|turn on smtp authentication|unauthenticated senders|must (be )?authenticate"),
        ("policyviolation", r"blocked because its content|message was blocked because"),
        ("requireptr", r"\bptr\b|reverse (dns|lookup)|rdns|no (dns )?reverse|client host .{0,40}(name|dns) (lookup|mismatch)|cannot find your hostname|resolve your (address|host)"),
        ("authfailure", r"authentication information|\bspf\b|\bdkim\b|\bdmarc\b|authentication (failed|required)|sender (address )?(is )?not authori[sz]ed|not authenticated"),
        ("badreputation", r"reputation|temporarily rate limited .{0,30}ip|low reputation"),
        ("norelaying", r"relay(ing)? (access )?(denied|not (permitted|allowed))|not permitted to relay|we do not relay|unable to relay|relay not"),
        ("blocked", r"client host (\S+ )?rejected|invalid ip for sending|block(ed|list)|black ?list|\brbl\b|\bdnsbl\b|spamhaus|spamcop|barracuda|listed (at|in|on)|banned|ip .{0,30}(denied|refused|rejected)|connection (refused|rejected) .{0,20}(policy|ip)|poor reputation"),
        ("toomanyconn", r"too many (connections|concurrent|sessions)|connection limit"),
        ("speeding", r"rate limit|too many (messages|mails|recipients)|sending rate|try (again )?later.{0,20}rate"),
        ("exceedlimit", r"exceed(ed|s)? .{0,20}limit|limit exceeded"),
        ("expired", r"retry time(out)? (exceeded|expired)|failing for a long time|expired|could not be delivered (within|for) |delivery time ?out|message timed out|timeout exceeded|has not been delivered .{0,30}days|giving up|too long"),
        ("suspend", r"frozen|suspended|disabled|inactive|not active|deactivated|account (is )?(locked|frozen|blocked)|temporarily (unavailable|disabled)"),
        ("hostunknown", r"domain is not reachable|host (or domain name )?(not found|unknown)|unknown host|domain (not found|does not exist|unknown)|name or service not known|no (such )?(domain|mx)|nxdomain|unrouteable (mail )?domain|unroutable|mx .{0,20}(not found|lookup)|does not resolve|invalid domain"),
        ("securityerror", r"tls (is )?required|must issue a starttls|encryption required|certificate|security"),
        ("failedstarttls", r"starttls"),
        ("notcompliantrfc", r"rfc ?(5322|2822|822|5321)|not (rfc )?compliant|duplicate header|malformed|invalid (header|message)"),
        ("syntaxerror", r"syntax error|command (not )?(recogni[sz]ed|unrecognized)|bad (command|sequence)"),
        ("policyviolation", r"polic(y|ies)|prohibited|not allowed|violat"),
        ("systemerror", r"service (is )?(currently )?unavailable|transaction failed"),
        ("rejected", r"sender .{0,30}(rejected|denied|refused|blocked)|rejected|refused|denied|not accepted"),
        ("filtered", r"filter|rule|not (accepting|accept) (mail|messages) from|unwanted"),
        ("networkerror", r"connection (timed out|refused|reset|lost)|network|no route|unreachable|could not connect|lost connection|timed out|dns (error|failure|lookup)|temporar"),
        ("systemfull", r"system (is )?full|disk full|out of (disk )?space"),
        ("systemerror", r"system error|internal (server )?error|local error|server error|system (is )?(busy|overloaded)|loop|mail loop|configuration error"),
        ("mailererror", r"\bmailer (error|failed|program)|pipe to|command (died|failed)|program|procmail|exit (code|status)"),
        ("notaccept", r"does not accept mail|null mx|no mail (is )?accepted|not accept(ing)? (any )?mail"),
        // Only a delay said, no cause: the message waited too long.
        ("expired", r"warning message only|delivery (has been |is )?delayed|will (keep|continue) (on )?trying|not (yet )?been delivered|still trying|retry timeout|could not be delivered for"),
        ("contenterror", r"content|encoding|attachment"),
    ]
    .into_iter()
    .map(|(r, p)| (r, Regex::new(&format!("(?i){p}")).expect("valid pattern")))
    .collect()
});

static AFTER_COMMAND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:after|in reply to|while (?:sending|performing)(?: the)?)\s+(rcpt to|mail from|end of data|data|helo|ehlo|initial connection)")
        .expect("valid")
});
static TRANSCRIPT_COMMAND: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?im)^\s*(?:>>>\s*)?(rcpt to|mail from|data)\b").expect("valid"));

static DIRECTORY_LOOKUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)recipient name is not recognized|not listed in (public name|domino directory|.{0,30}address book)|doesn.t have an? \S+ account|invalid final delivery userid|unable to deliver your message to the following address")
        .expect("valid")
});

static SERVER_SAID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)the error that the other server returned was:").expect("valid")
});

/// The SMTP command a failure answered: what the diagnostic says it came
/// "after" / "in reply to", else the last command of a session transcript.
pub fn smtp_command(diagnostic: &str, message_text: &str) -> Option<&'static str> {
    let name = |c: &str| -> &'static str {
        match c.to_lowercase().as_str() {
            "rcpt to" => "RCPT",
            "mail from" => "MAIL",
            "data" | "end of data" => "DATA",
            "helo" | "ehlo" => "HELO",
            _ => "CONN",
        }
    };
    if let Some(c) = AFTER_COMMAND.captures(diagnostic) {
        return Some(name(&c[1]));
    }
    if let Some(c) = AFTER_COMMAND.captures(message_text) {
        return Some(name(&c[1]));
    }
    TRANSCRIPT_COMMAND
        .captures_iter(message_text)
        .last()
        .map(|c| name(&c[1]))
}

/// The reason for one failure, knowing the SMTP command it answered.
/// An "unknown user" answer to the message's data is a filter at work (the
/// recipient was accepted before), unless the status says otherwise.
pub fn classify_after(
    status: &str,
    reply_code: &str,
    diagnostic: &str,
    command: impl FnOnce() -> Option<&'static str>,
) -> &'static str {
    let reason = classify(status, reply_code, diagnostic);
    if reason == "rejected" {
        // Refused before any sender was named: the client itself is blocked.
        return match AFTER_COMMAND
            .captures(diagnostic)
            .map(|c| c[1].to_lowercase())
        {
            Some(c) if ["initial connection", "helo", "ehlo"].contains(&c.as_str()) => "blocked",
            _ => reason,
        };
    }
    let status_says_user = matches!(status, "5.1.1" | "4.1.1" | "5.1.0" | "5.1.3");
    if reason != "userunknown" || status_says_user {
        return reason;
    }
    // A mail system naming its own directory has looked the user up.
    if DIRECTORY_LOOKUP.is_match(diagnostic) {
        return reason;
    }
    // Looked for only here: it means reading the whole message again.
    let command = command();
    // With no command known, a bare "unknown user" with no code (or a
    // meaningless x.0.0) came from a filter too: a server checking its
    // recipients says so at RCPT TO, and reports name that.
    let says_nothing = status.is_empty() || status.ends_with(".0.0");
    if command == Some("DATA") || (command.is_none() && says_nothing) {
        return "filtered";
    }
    reason
}

/// What the diagnostic text alone says, if it says anything.
pub fn phrase_reason(diagnostic: &str) -> Option<&'static str> {
    PHRASES
        .iter()
        .find(|(_, re)| re.is_match(diagnostic))
        .map(|(r, _)| *r)
}

/// The reason for a message still waiting or given up on after temporary
/// failures (see [`TEMPORARY`]): a named cause, else "expired". A server
/// that could not be reached in all that time is also "expired"; a name
/// that does not resolve is not.
pub fn temporary_reason(status: &str, diagnostic: &str) -> &'static str {
    match phrase_reason(diagnostic) {
        Some("networkerror") if !DNS_TROUBLE.is_match(diagnostic) => "expired",
        Some(r) => r,
        // No words, but a code for a network trouble (4.4.x but "gave up").
        None if status.starts_with("4.4.") && status != "4.4.7" => "networkerror",
        None => "expired",
    }
}

static DNS_TROUBLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bdns\b|name server|lost connection|hop count|loop").expect("valid")
});

/// A notice that the message is still queued ("warning message only").
pub fn says_still_trying(diagnostic: &str) -> bool {
    STILL_TRYING.is_match(diagnostic)
}

static STILL_TRYING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)warning message only|delivery (has been |is )?delayed|will (keep|continue) (on )?trying|still trying|will retry")
        .expect("valid")
});

/// Set by a report for a message still waiting or given up on after
/// temporary failures: the cause named in the diagnostic, else "expired".
pub const TEMPORARY: &str = "?temporary";

/// The reason for one failure.
pub fn classify(status: &str, reply_code: &str, diagnostic: &str) -> &'static str {
    // A relay's wrapper ("Google tried to deliver your message, but it was
    // rejected…") around the server's own words: the words decide.
    let diagnostic = SERVER_SAID
        .find(diagnostic)
        .map_or(diagnostic, |m| &diagnostic[m.end()..]);
    // Enhanced status codes that say it exactly.
    let by_status = match status {
        "5.1.1" | "4.1.1" | "5.1.0" | "5.1.3" => Some("userunknown"),
        "5.1.2" | "4.1.2" => Some("hostunknown"),
        "5.1.6" => Some("hasmoved"),
        // The sender's address or domain was refused, not the recipient's.
        "5.1.7" | "5.1.8" | "4.1.7" | "4.1.8" => Some("rejected"),
        "5.2.2" | "4.2.2" => Some("mailboxfull"),
        "5.2.3" | "4.2.3" => Some("exceedlimit"),
        "5.3.4" | "4.3.4" => Some("mesgtoobig"),
        "5.4.7" | "4.4.7" => Some("expired"),
        "5.7.26" | "5.7.27" | "5.7.23" | "5.7.24" => Some("authfailure"),
        // RFC 7372: reverse DNS validation failed.
        "5.7.25" | "4.7.25" => Some("requireptr"),
        "5.3.1" | "4.3.1" => Some("systemfull"),
        _ => None,
    };
    // A diagnostic phrase is usually more telling than a generic status.
    let by_text = phrase_reason(diagnostic);
    // A "user unknown" status code is overruled by a text that names
    // another cause (a blocked IP, a full mailbox, a refused sender).
    let text_overrules = |t: &str| {
        matches!(
            t,
            "blocked" | "mailboxfull" | "hasmoved" | "norelaying" | "notaccept"
        )
    };
    match (by_status, by_text) {
        (Some("userunknown"), Some(t)) if text_overrules(t) => t,
        (Some(s), _) if !matches!(status, "5.1.0") => s,
        (_, Some(t)) => t,
        (Some(s), None) => s,
        (None, None) => match status.get(..4) {
            Some("5.1.") | Some("4.1.") => "userunknown",
            Some("5.2.") => "mailboxfull",
            Some("4.2.") => "mailboxfull",
            // "Unable to route": the domain has no mail host.
            Some("5.4.") if status == "5.4.4" => "hostunknown",
            Some("5.4.") | Some("4.4.") => "networkerror",
            Some("5.7.") => "rejected",
            Some("5.3.") | Some("4.3.") => "systemerror",
            Some("5.5.") => "syntaxerror",
            Some("5.6.") => "contenterror",
            _ => match reply_code {
                "550" | "551" | "553" => "userunknown",
                "552" => "mailboxfull",
                "421" | "450" | "451" => "expired",
                "554" => "rejected",
                _ => "onhold",
            },
        },
    }
}

/// The status to report where the bounce gives none: an x.0.9NN code that
/// names the reason (the convention of the sisimai bounce library, so that
/// reports from both agree), 4 for temporary failures, 5 otherwise. A real
/// RFC 3463 code never has the form x.0.9NN, so a derived one is recognisable.
pub fn status_for(reason: &str, reply_code: &str) -> String {
    let detail = match reason {
        "undefined" => "900",
        "onhold" => "901",
        "syntaxerror" => "902",
        "norelaying" => "909",
        "filtered" => "910",
        "userunknown" => "911",
        "hostunknown" => "912",
        "hasmoved" => "916",
        "rejected" => "918",
        "suspend" => "921",
        "mailboxfull" => "922",
        "exceedlimit" => "923",
        "systemerror" => "930",
        "systemfull" => "931",
        "notaccept" => "932",
        "mesgtoobig" => "934",
        "mailererror" => "939",
        "networkerror" => "944",
        "toomanyconn" => "945",
        "expired" => "947",
        "contenterror" => "960",
        "securityerror" => "970",
        "blocked" => "971",
        "policyviolation" => "972",
        "requireptr" => "973",
        "authfailure" => "975",
        "badreputation" => "976",
        "spamdetected" => "980",
        "virusdetected" => "981",
        _ => return String::new(),
    };
    let class = if reply_code.starts_with('4') {
        '4'
    } else {
        '5'
    };
    format!("{class}.0.{detail}")
}

/// Hard: the address itself is bad and will not start working.
pub fn is_hard(reason: &str, status: &str) -> bool {
    match reason {
        "userunknown" | "hostunknown" | "hasmoved" => true,
        "notaccept" => status.starts_with('5'),
        _ => false,
    }
}

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
}
