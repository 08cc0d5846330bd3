//! Bounced addresses out of delivery failures: standard delivery status
//! notifications (RFC 3464), the free-text returns of MTAs that send none,
//! ARF abuse reports, auto-replies and success notices.

pub(crate) mod address;
pub mod aggregate;
mod formats;
pub mod member;
pub mod policy;
mod providers;
mod reason;
pub mod reasons;
pub mod record;
mod smtp;

use crate::mail::parse::strip_envelope;
use mail_parser::{Message, MimeHeaders};
pub use reasons::Reason;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// One failed (or reported) recipient.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Recipient {
    pub address: String,
    /// RFC 3463 enhanced status code, "" where none is known.
    pub status: String,
    /// SMTP reply code, "" where none.
    pub reply_code: String,
    /// userunknown, mailboxfull, … and feedback, vacation, delivered;
    /// `None` until the classifier has read the diagnostic.
    pub reason: Option<Reason>,
    /// The report says the message is still being tried (Action: delayed):
    /// never hard, and counted apart from failures.
    pub delayed: bool,
    /// The address itself is bad and will not start working.
    pub hard: bool,
    pub diagnostic: String,
    /// The report's Diagnostic-Code type ("smtp", "x-postfix", …), "" if none.
    #[serde(skip)]
    pub diagnostic_type: String,
    /// Where the mail finally went, when that differs from the address it
    /// was sent to (a forward, an alias).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub final_recipient: Option<String>,
}

impl Recipient {
    /// A recipient as a reader first finds it: nothing known but its
    /// address and what the report says about it.
    pub(crate) fn found(address: String, diagnostic: String) -> Recipient {
        Recipient {
            address,
            status: String::new(),
            reply_code: String::new(),
            reason: None,
            delayed: false,
            hard: false,
            diagnostic,
            diagnostic_type: String::new(),
            final_recipient: None,
        }
    }

    /// The status and the SMTP reply code its diagnostic quotes.
    pub(crate) fn take_codes_from_diagnostic(&mut self) {
        self.status = smtp::status_in(&self.diagnostic).unwrap_or_default();
        self.reply_code = smtp::failure_reply_code_in(&self.diagnostic).unwrap_or_default();
    }
}

/// What kind of message a report is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MessageKind {
    /// At least one recipient failed.
    Failure,
    /// Nothing failed yet, but at least one delivery is delayed.
    Delay,
    /// An abuse or complaint report (ARF).
    Feedback,
    /// An out-of-office or other automatic reply.
    AutoReply,
    /// A success notice.
    Delivered,
    /// Nothing about delivery.
    NotABounce,
}

/// What a message says about delivery.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    /// A delivery failure or delay: at least one recipient failed or waits.
    pub bounce: bool,
    pub kind: MessageKind,
    /// The format it was read as ("rfc3464", "exim", "qmail", "free-text", …).
    pub format: &'static str,
    pub recipients: Vec<Recipient>,
    /// The message's Date, seconds since the epoch.
    #[serde(skip)]
    pub date: Option<i64>,
}

pub fn analyse(raw: &[u8]) -> Analysis {
    let none = Analysis {
        bounce: false,
        kind: MessageKind::NotABounce,
        format: "",
        recipients: vec![],
        date: None,
    };
    let Some(message) = crate::mail::parser().parse(strip_envelope(raw)) else {
        return none;
    };
    let date = message.date().map(|d| d.to_timestamp());
    let (format, mut recipients) = detect(&message, true);
    fill_diagnostics_from_notice(&message, &mut recipients);
    let single = recipients.len() == 1;
    // The hosts the report names, for a provider's words; made once, and
    // only if asked.
    let hosts = std::cell::LazyCell::new(|| report_hosts(&message));
    // The whole message as text, made once and only if a reason needs it.
    let message_text = std::cell::LazyCell::new(|| String::from_utf8_lossy(message.raw_message()));
    for r in &mut recipients {
        // Still being tried (the report says "delayed").
        let temporary = r.delayed;
        if r.reason.is_none() {
            let about = || format!("{} {} {}", r.address, r.diagnostic, *hosts);
            r.reason = providers::by_words(&r.diagnostic, about);
        }
        if r.reason.is_none() {
            let command = || smtp::smtp_command(&r.diagnostic, &message_text);
            let failure = reason::Failure {
                status: &r.status,
                reply_code: &r.reply_code,
                diagnostic: &r.diagnostic,
                diagnostic_type: &r.diagnostic_type,
                delayed: temporary,
            };
            r.reason = Some(reason::find(&failure, command));
        }
        // Nothing said in the notice, but its Subject names the recipient
        // and says why (Lotus Domino's "DELIVERY FAILURE: User x (x@…) not
        // listed in Domino Directory", HTML-only notices).
        if matches!(r.reason, Some(Reason::OnHold | Reason::Undefined)) {
            let subject = message.subject().unwrap_or("");
            if subject.to_lowercase().contains(&r.address) {
                let failure = reason::Failure {
                    status: &r.status,
                    reply_code: &r.reply_code,
                    diagnostic: subject,
                    diagnostic_type: "",
                    delayed: temporary,
                };
                let said = reason::find(&failure, || None);
                if !matches!(said, Reason::OnHold | Reason::Undefined) {
                    r.reason = Some(said);
                }
            }
        }
        // A report whose MIME structure broke still has its fields as text.
        if r.status.is_empty() && single {
            if let Some(s) = status_field_for(&notice_text(&message), &r.address) {
                r.status = s;
            }
        }
        let cause = r.reason.unwrap_or(Reason::Undefined);
        if r.status.is_empty() {
            let still_trying = temporary || reason::says_still_trying(&r.diagnostic);
            let reply = if still_trying && r.reply_code.is_empty() {
                "4"
            } else {
                &r.reply_code
            };
            r.status = cause.derived_status(reply);
        }
        // An expired message whose diagnostic quotes the last attempt's code
        // ("4.4.7 Message expired … <421 4.4.2 Connection timed out>"): the
        // last attempt says why it expired. A report for one recipient may
        // say it in its notice instead ("returned '441 4.4.1 Error …'").
        if cause == Reason::Expired {
            let last_attempt = |text: &str| {
                smtp::statuses_in(text)
                    .filter(|c| !c.ends_with(".4.7"))
                    .last()
            };
            let code = last_attempt(&r.diagnostic).or_else(|| {
                (single && r.status.ends_with(".4.7"))
                    .then(|| last_attempt(&notice_text(&message)))
                    .flatten()
            });
            if let Some(code) = code {
                r.status = code;
            }
        }
        r.hard = !r.delayed && cause.is_hard(&r.status);
    }
    // Every address printed is one the report itself names, spelled as it
    // does (the local part's case is the mailbox's; the domain's is not).
    let decode = || report_text(&message, 0);
    let report = address::Report::new(message.raw_message(), &decode);
    report.look_up_all(recipients.iter().map(|r| r.address.as_str()));
    // (A report that names no address, an abuse report say, keeps its
    // recipient without one: it is never printed as an address.)
    recipients.retain_mut(|r| {
        r.address.is_empty()
            || match address::as_reported(&r.address, &report) {
                Some(a) => {
                    r.address = a;
                    true
                }
                None => false,
            }
    });
    let kind = kind_of(&recipients);
    Analysis {
        bounce: matches!(kind, MessageKind::Failure | MessageKind::Delay),
        kind,
        format,
        recipients,
        date,
    }
}

/// The hosts a report names as reporting or answering (Reporting-MTA,
/// Remote-MTA) and its sender's address, separated by spaces.
fn report_hosts(m: &Message) -> String {
    static MTA: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
        regex::bytes::Regex::new(
            r"(?im)^[ \t]*(?:reporting|remote)-mta:[ \t]*(?:dns[ \t]*;)?[ \t]*([^\s;]+)",
        )
        .expect("valid")
    });
    let mut hosts: Vec<String> = MTA
        .captures_iter(m.raw_message())
        .map(|c| String::from_utf8_lossy(&c[1]).into_owned())
        .collect();
    if let Some(from) = m.from().and_then(|a| a.first()).and_then(|a| a.address()) {
        hosts.push(from.to_string());
    }
    hosts.join(" ")
}

/// Every part of a report decoded (an encoded delivery status, an
/// attached returned message), as one text.
fn report_text(m: &Message, depth: usize) -> String {
    let mut text = String::new();
    for part in &m.parts {
        match &part.body {
            mail_parser::PartType::Text(t) | mail_parser::PartType::Html(t) => {
                text.push('\n');
                text.push_str(t);
            }
            mail_parser::PartType::Binary(b) | mail_parser::PartType::InlineBinary(b) => {
                text.push('\n');
                text.push_str(&String::from_utf8_lossy(b));
            }
            mail_parser::PartType::Message(inner) if depth < 3 => {
                text.push('\n');
                text.push_str(&report_text(inner, depth + 1));
            }
            _ => {}
        }
    }
    text
}

fn kind_of(recipients: &[Recipient]) -> MessageKind {
    let has = |f: &dyn Fn(&Recipient) -> bool| recipients.iter().any(f);
    let failure = |r: &Recipient| r.reason.is_some_and(Reason::is_failure);
    if has(&|r| failure(r) && !r.delayed) {
        MessageKind::Failure
    } else if has(&|r| failure(r) && r.delayed) {
        MessageKind::Delay
    } else if has(&|r| r.reason == Some(Reason::Feedback)) {
        MessageKind::Feedback
    } else if has(&|r| r.reason == Some(Reason::Vacation)) {
        MessageKind::AutoReply
    } else if has(&|r| r.reason == Some(Reason::Delivered)) {
        MessageKind::Delivered
    } else {
        MessageKind::NotABounce
    }
}

/// The format a message is in and the recipients it reports; `nested`:
/// also look inside attached messages (a bounce forwarded as an attachment
/// by a gateway).
fn detect(message: &Message, nested: bool) -> (&'static str, Vec<Recipient>) {
    let (format, found) = formats::read(message);
    if !nested {
        return (format.name, found);
    }
    // A notice that says nothing precise (no code at all) may be a
    // gateway's cover for the real report it attaches.
    let vague = found
        .iter()
        .all(|r| r.status.is_empty() && r.reply_code.is_empty());
    if found.is_empty() || (!format.structured && vague) {
        if let Some(inner) = attached_report(message) {
            return inner;
        }
    }
    (format.name, found)
}

/// The recipients a report from a mailer daemon names, attached whole or
/// pasted into the text below a provider's own words.
fn attached_report(message: &Message) -> Option<(&'static str, Vec<Recipient>)> {
    let attached = message
        .parts
        .iter()
        .filter_map(|p| match &p.body {
            mail_parser::PartType::Message(inner) if is_from_daemon(inner) => {
                Some(detect(inner, false))
            }
            _ => None,
        })
        .find(|(_, r)| !r.is_empty());
    attached.or_else(|| {
        let text = message.body_text(0)?;
        let start = PASTED_REPORT.find(&text)?.start();
        let inner = crate::mail::parser().parse(strip_envelope(text[start..].as_bytes()))?;
        let found = detect(&inner, false);
        (is_from_daemon(&inner) && !found.1.is_empty()).then_some(found)
    })
}

/// Where a report pasted into a text begins: its mbox line or null sender.
static PASTED_REPORT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^(From MAILER-DAEMON |Return-Path: <>\s*$)").expect("valid"));

/// A report without Diagnostic-Code fields (OpenSMTPD, some gateways) often
/// says it in its human-readable part, one line per recipient.
fn fill_diagnostics_from_notice(m: &Message, recipients: &mut [Recipient]) {
    // A bare exit status ("255") or nothing: the notice may say it in full.
    let terse = |r: &Recipient| r.diagnostic.len() <= 8 && smtp::status_in(&r.diagnostic).is_none();
    if !recipients.iter().any(terse) {
        return;
    }
    let notice = notice_text(m);
    for r in recipients
        .iter_mut()
        .filter(|r| terse(r) && !r.address.is_empty())
    {
        let found = if r.diagnostic.is_empty() {
            notice_lines_about(&notice, &r.address)
        } else {
            // "554 5.3.0 unknown mailer error 255" for a diagnostic of "255".
            notice
                .lines()
                .find(|l| {
                    l.split_whitespace().any(|w| w == r.diagnostic) && smtp::status_in(l).is_some()
                })
                .map(|l| l.trim().to_string())
        };
        let Some(text) = found else {
            continue;
        };
        r.diagnostic = text;
        if r.status.is_empty() || r.status.ends_with(".0.0") {
            if let Some(s) = smtp::status_in(&r.diagnostic) {
                r.status = s;
            }
        }
        if r.reply_code.is_empty() {
            r.reply_code = smtp::failure_reply_code_in(&r.diagnostic).unwrap_or_default();
        }
    }
}

/// What a notice says about one address: the line naming it and the lines
/// indented below it (Exim lists "  anna@example.org" and, below it,
/// "    Unrouteable address"), if that says more than the address.
fn notice_lines_about(notice: &str, address: &str) -> Option<String> {
    let lines: Vec<&str> = notice.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    (0..lines.len())
        .filter(|&at| lines[at].to_lowercase().contains(address))
        .map(|at| {
            let below = lines[at + 1..]
                .iter()
                .take_while(|l| !l.trim().is_empty() && indent(l) > indent(lines[at]));
            std::iter::once(&lines[at])
                .chain(below)
                .map(|l| l.trim())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .find(|text| text.len() > address.len() + 4)
}

/// The Status field of a delivery report read as text, if the text also
/// has the Final-Recipient field naming `address`.
fn status_field_for(text: &str, address: &str) -> Option<String> {
    let names_it = text.lines().any(|l| {
        let l = l.trim().to_lowercase();
        l.starts_with("final-recipient:") && l.contains(address)
    });
    let status = STATUS_FIELD.captures(text)?[1].to_string();
    (names_it && smtp::is_status(&status)).then_some(status)
}

static STATUS_FIELD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?im)^\s*Status:\s*(\d\.\d{1,3}\.\d{1,3})").expect("valid"));

/// The human-readable parts of a message, one text; the raw body for a
/// multipart whose boundary never appears.
pub(crate) fn notice_text(m: &Message) -> String {
    let text = (0..m.text_body_count())
        .filter_map(|i| m.body_text(i))
        .collect::<Vec<_>>()
        .join("\n");
    if !text.trim().is_empty() {
        return text;
    }
    let (_, raw_body) = crate::mail::fingerprint::split_header(m.raw_message());
    String::from_utf8_lossy(raw_body).into_owned()
}

/// The To of the first message attached whole (the returned original, or
/// the message an abuse report is about).
pub(crate) fn attached_recipient(m: &Message) -> Option<String> {
    m.parts.iter().find_map(|p| match &p.body {
        mail_parser::PartType::Message(inner) => inner
            .to()
            .and_then(|a| a.first())
            .and_then(|a| a.address())
            .map(|a| a.to_lowercase()),
        _ => None,
    })
}

/// From a mailer daemon or postmaster.
pub(crate) fn is_from_daemon(m: &Message) -> bool {
    // "From: mailer-daemon" without a domain parses as a name.
    m.from()
        .and_then(|a| a.first())
        .and_then(|a| a.address().or(a.name()))
        .map(|a| a.to_lowercase())
        .is_some_and(|a| {
            a.starts_with("mailer-daemon")
                || a.starts_with("postmaster")
                || a.starts_with("post_master")
                || a.contains("mailer-daemon")
        })
}

/// The content type of a part as "type/subtype", lower-cased.
pub(crate) fn ctype(p: &mail_parser::MessagePart) -> String {
    p.content_type()
        .map(|ct| format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or("")).to_lowercase())
        .unwrap_or_default()
}

/// Messages analysed on every core, in the order they come: a treasurer's
/// mbox of tens of thousands of returns is read at the speed of the
/// machine, not of one core. `messages` yields each message with a key
/// (its name, its ticket); the first error ends the reading and is returned.
pub fn analyse_all<K: Send, E: Send>(
    messages: impl Iterator<Item = Result<(K, Vec<u8>), E>>,
) -> Result<Vec<(K, Analysis)>, E> {
    use std::sync::{mpsc, Mutex};
    // Enough messages per hand-over that the channels cost nothing next to
    // the analysis (a few hundred microseconds a message).
    const BATCH: usize = 64;
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (to_workers, batches) = mpsc::sync_channel::<(usize, Vec<(K, Vec<u8>)>)>(workers * 2);
    let batches = Mutex::new(batches);
    let (to_reader, analysed) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (batches, to_reader) = (&batches, to_reader.clone());
            scope.spawn(move || loop {
                let next = batches.lock().expect("no worker panics").recv();
                let Ok((seq, batch)) = next else { return };
                let done: Vec<(K, Analysis)> = batch
                    .into_iter()
                    .map(|(key, raw)| (key, analyse(&raw)))
                    .collect();
                if to_reader.send((seq, done)).is_err() {
                    return;
                }
            });
        }
        drop(to_reader);
        let mut failed = None;
        let mut batch = Vec::with_capacity(BATCH);
        let mut seq = 0;
        for m in messages {
            match m {
                Ok(m) => batch.push(m),
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
            if batch.len() == BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                to_workers.send((seq, full)).expect("workers wait for work");
                seq += 1;
            }
        }
        if !batch.is_empty() {
            to_workers
                .send((seq, batch))
                .expect("workers wait for work");
        }
        drop(to_workers);
        let mut done: Vec<(usize, Vec<(K, Analysis)>)> = analysed.iter().collect();
        if let Some(e) = failed {
            return Err(e);
        }
        done.sort_unstable_by_key(|(seq, _)| *seq);
        Ok(done.into_iter().flat_map(|(_, d)| d).collect())
    })
}
