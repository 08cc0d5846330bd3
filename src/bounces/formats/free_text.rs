//! Returns in free text from the MTAs and providers no other reader knows
//! (older Sendmail and its transcripts, Exchange 2003, Yahoo, Lotus Notes,
//! …): the failed recipients read from the notice's lines. Always answers,
//! so it comes last.

use super::{Format, Input};
use crate::bounces::{is_from_daemon, Recipient};
use mail_parser::Message;
use regex::Regex;
use std::sync::LazyLock;

static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)<?([a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)>?").expect("valid")
});

/// Where the copy of the original message starts in a text bounce.
static ORIGINAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^\s*(-+ ?(below this line is a copy|this is a copy|original message|the (original|header)|returned message|unsent message|message header follows|your message)|(original message|returned mail|message) follows|original message:|------ ?this is a copy|--- original message|content-type: message/rfc822|received: from )").expect("valid")
});

/// A line introducing the sender's address on the next.
static SENT_BY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)sent by\s*:?\s*$").expect("valid"));

/// Sendmail's summary for a recipient that says no more than this.
static PROTOCOL_ERROR_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*[45]\d\d <[^>]+>\.\.\. remote protocol error\s*$").expect("valid")
});

/// "550 example.org (smtp)... 550 Host unknown": Sendmail's line about a host.
static HOST_SUMMARY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[45]\d\d \S+ \(\w+\)\.\.\. ").expect("valid"));

/// Where a Sendmail transcript moves on from one recipient: the next
/// session, the next command, another recipient's or a host's summary.
fn ends_sendmail_block(line: &str, address: &str) -> bool {
    let l = line.trim_start().to_lowercase();
    l.starts_with("while talking to")
        || l.starts_with(">>>")
        || (SENDMAIL_SUMMARY.is_match(line) && !l.contains(address))
        || HOST_SUMMARY.is_match(line)
}

/// A line of a multi-line SMTP reply: "550-Reason: …".
static REPLY_CONTINUES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[45]\d\d[- ]").expect("valid"));

/// The opening words of a delivery failure notice.
static NOTICE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^\s*(could not be delivered to:|error message below:)").expect("valid")
});

/// "554 <kijitora@example.org>... 550 Host unknown": one recipient's fate.
static SENDMAIL_SUMMARY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[45]\d\d <[^>]+@[^>]+>\.\.\. ").expect("valid"));

/// Help text before an address ("please send mail to <postmaster@…>",
/// "contact helpdesk@…"): whom to ask, not who failed.
static ASK_FOR_HELP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)((please|kindly) send (an? )?(e-?mail|mail|message|note) to|(please|or|and) write to|write to us at|contact(ing)?( us| the| your)?( administrator| postmaster)?( at| via)?|e-?mail us at|mail us at|reach us at|questions to)\W*$")
        .expect("valid")
});

/// Postfix's notice template (bounce(5)) and its placeholder for a return
/// whose recipient records were lost: the same words in every Postfix
/// notice, saying nothing of why a recipient failed.
static POSTFIX_TEMPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)this is the mail system at host \S+\. I'm sorry to have to inform you that your message could not be delivered to one or more recipients\. It's attached below\. For further assistance, please send mail to postmaster\. If you do so, please include this problem report\. You can delete your own text from the attached returned message\. The mail system|-+ Delivery report unavailable -+")
        .expect("valid")
});

/// Lines saying who sent what, or naming a message; their addresses are not
/// the failed ones (a message or envelope id often looks like an address).
static SENDER_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(mail from|envelope-from|return-path|from:|^\s*from\s|sender|reply-to|message-id|envelope-id|in-reply-to|references:|^\s*by\s|helo|ehlo|contact|delivered-to|x-actual-recipient|^\s*(to|cc|subject|sent|date)\s*:)").expect("valid")
});

pub const FORMAT: Format = Format {
    name: "free-text",
    structured: false,
    read: |input: &Input| Some(failures(input)),
};

pub(super) fn failures(input: &Input) -> Vec<Recipient> {
    let m = input.message;
    let looks_like_bounce = is_from_daemon(m)
        || m.subject().is_some_and(|s| {
            let s = s.to_lowercase();
            [
                "undeliver",
                "delivery fail",
                "delivery status",
                "returned mail",
                "failure notice",
                "mail delivery",
                "not delivered",
                "could not be delivered",
                "delivery problem",
                "unzustellbar",
                "nondeliverable",
                "non-delivery",
                "rejected",
                "error sending",
                "delivery error",
                "メールエラー",
                "配信エラー",
            ]
            .iter()
            .any(|k| s.contains(k))
        });
    let body = input.notice();
    // Some mail systems send their notices from an ordinary-looking address
    // with no telling subject; the notice's own words say what it is.
    if !looks_like_bounce && !NOTICE_WORDS.is_match(body) {
        return vec![];
    }
    let notice = match ORIGINAL.find(body) {
        Some(mm) if mm.start() > 0 => &body[..mm.start()],
        _ => body,
    };
    let own: Vec<String> = [m.from()]
        .into_iter()
        .flatten()
        .flat_map(|a| a.iter())
        .filter_map(|a| a.address().map(|x| x.to_lowercase()))
        .collect();
    let lines: Vec<&str> = notice.lines().collect();
    let mut out: Vec<Recipient> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if SENDER_CONTEXT.is_match(line) && !line.to_lowercase().contains("rcpt to") {
            continue;
        }
        // "A message sent by\n\n  <sender>": the sender, on a line of its own.
        let previous = lines[..i].iter().rev().find(|l| !l.trim().is_empty());
        if previous.is_some_and(|p| SENT_BY.is_match(p)) {
            continue;
        }
        // Whether the line is nothing but addresses; asked only of lines with one.
        let only_addresses = std::cell::LazyCell::new(|| {
            ADDRESS
                .replace_all(line, "")
                .trim_matches(|ch: char| ch.is_whitespace() || ",;:".contains(ch))
                .is_empty()
        });
        for (nth, c) in ADDRESS.captures_iter(line).enumerate() {
            // Further addresses on a recipient's line are its diagnostic
            // speaking ("a@x <b@y>: malformed address"), unless the line
            // is a plain list of addresses.
            if nth > 0 && !*only_addresses {
                break;
            }
            // An address quoted in a server's reply ("550 5.7.0 <x>... Please use")
            // is the server speaking of the sender, once a recipient is known.
            // Sendmail's own summary lines ("554 <x>... Host unknown") do
            // name recipients; a transcript's server lines ("<<< 550 …") never.
            let before = &line[..c.get(0).map_or(0, |m| m.start())];
            let summary_line = SENDMAIL_SUMMARY.is_match(line);
            // A path ending in an address, or the address a forward was
            // "generated from": not the failed recipient.
            let after_path = before.ends_with(['/', '=']) || c[1].contains('/');
            let lower_before = before.to_lowercase();
            if after_path
                || ASK_FOR_HELP.is_match(before)
                || lower_before.contains("generated from")
                || lower_before.contains("generated by")
            {
                continue;
            }
            if line.trim_start().starts_with("<<<")
                || (!out.is_empty()
                    && !summary_line
                    && crate::bounces::smtp::reply_code_in(before).is_some())
            {
                continue;
            }
            let address = c[1].trim_end_matches('.').to_lowercase();
            let local = address.split('@').next().unwrap_or("");
            // A daemon's address is the notice's signature, unless it stands
            // alone on its line as a failed recipient would.
            if own.contains(&address)
                || ([
                    "postmaster",
                    "mailer-daemon",
                    "mailer_daemon",
                    "root",
                    "noreply",
                    "no-reply",
                ]
                .contains(&local)
                    && !*only_addresses)
                || out.iter().any(|r| r.address == address)
            {
                continue;
            }
            // The diagnostic: this line and the few after it, up to the next address.
            let mut diag = String::new();
            // A multi-line server reply ("550-…" lines) is read to its end.
            let reply_lines = lines
                .iter()
                .skip(i + 4)
                .take(16)
                .take_while(|l| REPLY_CONTINUES.is_match(l))
                .count();
            for l in lines.iter().skip(i).take(4 + reply_lines) {
                // The next failed recipient starts its own block.
                let starts_with_other = ADDRESS.find(l.trim_start()).is_some_and(|m| {
                    m.start() == 0 && !m.as_str().to_lowercase().contains(&address)
                });
                if !diag.is_empty() && (starts_with_other || ends_sendmail_block(l, &address)) {
                    break;
                }
                diag.push_str(l.trim());
                diag.push(' ');
            }
            // Sendmail's "554 <x>... Remote protocol error" names no cause:
            // the server's last answer above it does.
            if PROTOCOL_ERROR_ONLY.is_match(line) {
                if let Some(reply) = lines[..i]
                    .iter()
                    .rev()
                    .find(|l| l.trim_start().starts_with("<<<"))
                {
                    diag = format!("{} {diag}", reply.trim());
                }
            }
            let diagnostic = diag.trim().to_string();
            let status = crate::bounces::smtp::status_in(&diagnostic).unwrap_or_default();
            let reply_code =
                crate::bounces::smtp::failure_reply_code_in(&diagnostic).unwrap_or_default();
            out.push(Recipient {
                status,
                reply_code,
                ..Recipient::found(address, diagnostic)
            });
        }
    }
    // A notice that names nobody ("Message could not be delivered to
    // mobile"): the recipient is the returned original's, its To.
    if out.is_empty() {
        if let Some(address) = returned_recipient(m, body) {
            out.push(Recipient::found(address, String::new()));
        }
    }
    // A diagnostic for the whole notice where the lines near the address had none.
    if out.len() == 1 && out[0].status.is_empty() && out[0].reply_code.is_empty() {
        let whole: String = notice.split_whitespace().collect::<Vec<_>>().join(" ");
        let whole = POSTFIX_TEMPLATE.replace_all(&whole, "").trim().to_string();
        out[0].status = crate::bounces::smtp::status_in(&whole).unwrap_or_default();
        out[0].reply_code = crate::bounces::smtp::failure_reply_code_in(&whole).unwrap_or_default();
        out[0].diagnostic = whole.chars().take(2000).collect();
    }
    out
}

/// The To of the returned original: an attached message, or the copy
/// quoted below the notice.
fn returned_recipient(m: &Message, body: &str) -> Option<String> {
    crate::bounces::attached_recipient(m).or_else(|| {
        let copy = &body[ORIGINAL.find(body)?.start()..];
        // Within the copy's header lines.
        copy.lines()
            .take(40)
            .find(|l| l.to_lowercase().starts_with("to:"))
            .and_then(|l| ADDRESS.captures(l))
            .map(|c| c[1].to_lowercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_envelope_id_that_looks_like_an_address_is_not_a_recipient() {
        let raw = b"From: MAILER-DAEMON@mx.example\r\nSubject: Undeliverable mail\r\n\r\nYour message could not be delivered to:\r\n\r\n  anna@verein.example: 550 5.1.1 mailbox unknown\r\n\r\nOriginal-Envelope-Id: 20261202.4711@club.example\r\nReferences: <news-12@club.example>\r\n";
        let m = mail_parser::MessageParser::default()
            .parse(&raw[..])
            .unwrap();
        let found: Vec<String> = failures(&Input::of(&m))
            .into_iter()
            .map(|r| r.address)
            .collect();
        assert_eq!(found, ["anna@verein.example"]);
    }

    fn found(raw: &[u8]) -> Vec<Recipient> {
        let m = mail_parser::MessageParser::default().parse(raw).unwrap();
        failures(&Input::of(&m))
    }

    #[test]
    fn an_address_to_ask_for_help_is_not_a_failed_recipient() {
        let raw = b"From: MAILER-DAEMON@mx.example\r\nSubject: Undeliverable mail\r\n\r\nYour message could not be delivered to:\r\n\r\n  anna@verein.example: 550 5.1.1 mailbox unknown\r\n\r\nFor help, please send mail to <helpdesk@mx.example>.\r\nQuestions? Contact support@mx.example\r\n";
        let addresses: Vec<String> = found(raw).into_iter().map(|r| r.address).collect();
        assert_eq!(addresses, ["anna@verein.example"]);
        // The same words about the failure itself name the recipient.
        let raw = b"From: MAILER-DAEMON@mx.example\r\nSubject: Undeliverable mail\r\n\r\nCould not send mail to bert@verein.example: 550 5.1.1 mailbox unknown\r\n";
        let addresses: Vec<String> = found(raw).into_iter().map(|r| r.address).collect();
        assert_eq!(addresses, ["bert@verein.example"]);
    }

    #[test]
    fn postfix_template_words_are_no_diagnostic() {
        // Postfix's notice when its recipient records were lost: nothing
        // about why, so nothing to read a reason from.
        let raw = b"From: MAILER-DAEMON@mx.example (Mail Delivery System)\nSubject: Undelivered Mail Returned to Sender\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\nContent-Type: text/plain\n\nThis is the mail system at host mx.example.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients. It's attached below.\n\nFor further assistance, please send mail to postmaster.\n\nIf you do so, please include this problem report. You can\ndelete your own text from the attached returned message.\n\n                   The mail system\n\n\t--- Delivery report unavailable ---\n\n--b\nContent-Type: message/rfc822\n\nFrom: treasurer@club.example\nTo: anna@verein.example\nSubject: Newsletter\n\nHello\n--b--\n";
        let r = found(raw);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].address, "anna@verein.example");
        assert_eq!(r[0].diagnostic, "");
    }
}
