//! RFC 3464 delivery status notifications: what Postfix, Exim, Sendmail,
//! OpenSMTPD, Exchange and most providers send, read field by field.

use super::{Format, Input};
use crate::bounces::reasons::Reason;
use crate::bounces::{ctype, Recipient};
use mail_parser::{Message, PartType};

/// The text of the first part of a content type, however the parser stored it.
pub(super) fn part_text(m: &Message, wanted: &[&str]) -> Option<String> {
    m.parts
        .iter()
        .find(|p| wanted.contains(&ctype(p).as_str()))
        .map(body_text)
}

/// A report part's content as text, whatever type the parser gave it.
fn body_text(p: &mail_parser::MessagePart) -> String {
    match &p.body {
        PartType::Text(t) | PartType::Html(t) => t.to_string(),
        PartType::Binary(b) | PartType::InlineBinary(b) => String::from_utf8_lossy(b).into_owned(),
        PartType::Message(inner) => String::from_utf8_lossy(inner.raw_message()).into_owned(),
        PartType::Multipart(_) => String::new(),
    }
}

/// Field blocks separated by empty lines; continuation lines unfolded.
pub(super) fn blocks(text: &str) -> Vec<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut cur: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with([' ', '\t']) {
            if let Some(last) = cur.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
            continue;
        }
        if let Some((k, v)) = line.split_once(':') {
            let key = k.trim().to_lowercase();
            // Some MTAs leave out the empty line between recipients: a
            // second Final-Recipient starts the next block.
            if key == "final-recipient" && cur.iter().any(|(k, _)| k == "final-recipient") {
                out.push(std::mem::take(&mut cur));
            }
            cur.push((key, v.trim().to_string()));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn get<'a>(block: &'a [(String, String)], key: &str) -> Option<&'a str> {
    block
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// An address whose domain could be on the internet (`user@sims-ms-daemon` is not).
fn routable(address: &str) -> bool {
    address
        .rsplit_once('@')
        .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'))
}

/// "rfc822; <a@b>" → "a@b".
pub(super) fn address_of(v: &str) -> String {
    let v = v.split_once(';').map(|(_, a)| a).unwrap_or(v);
    v.trim().trim_matches(['<', '>']).trim().to_lowercase()
}

pub const FORMAT: Format = Format {
    name: "rfc3464",
    structured: true,
    read: |input: &Input| delivery_status(input.message),
};

/// The per-recipient field blocks of every delivery-status part (a gateway
/// may return several reports in one message), None if there is none.
fn report_blocks(m: &Message) -> Option<Vec<Vec<(String, String)>>> {
    let wanted = ["message/delivery-status", "message/global-delivery-status"];
    let reports: Vec<String> = m
        .parts
        .iter()
        .filter(|p| wanted.contains(&ctype(p).as_str()))
        .map(body_text)
        .collect();
    (!reports.is_empty()).then(|| blocks(&reports.join("\n\n")))
}

/// (Final-Recipient, Status) of each recipient a report's fields name, in
/// the report's order, the status "" where it is not a valid one: for
/// readers of a notice whose MTA attaches the fields beside it.
pub(super) fn status_fields(m: &Message) -> Vec<(String, String)> {
    report_blocks(m)
        .unwrap_or_default()
        .iter()
        .filter_map(|b| {
            let rcpt = address_of(get(b, "final-recipient")?);
            let status = get(b, "status")
                .and_then(|s| s.split_whitespace().next())
                .filter(|s| crate::bounces::smtp::is_status(s))
                .unwrap_or_default();
            Some((rcpt, status.to_string()))
        })
        .collect()
}

pub(super) fn delivery_status(m: &Message) -> Option<Vec<Recipient>> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for block in report_blocks(m)? {
        // The member list holds the address the mail was sent to: the
        // Original-Recipient where the report gives a usable one, not a
        // forwarding target or an internal routing name.
        let final_rcpt = get(&block, "final-recipient").map(address_of);
        let original = get(&block, "original-recipient")
            .map(address_of)
            .filter(|a| routable(a) && crate::bounces::address::well_formed(a));
        let Some(address) = original.clone().or(final_rcpt.clone()) else {
            continue;
        };
        let final_recipient = final_rcpt.filter(|f| original.as_ref().is_some_and(|o| o != f));
        let action = get(&block, "action").unwrap_or("failed").to_lowercase();
        if action.starts_with("relayed") || action.starts_with("expanded") {
            continue;
        }
        // A pipe or a file an alias led to is no address: the notice's own
        // words may name the address (a reader after this one).
        if !crate::bounces::address::well_formed(&address) {
            continue;
        }
        let field = get(&block, "diagnostic-code").unwrap_or("");
        let (diagnostic_type, diagnostic) = match field.split_once(';') {
            Some((kind, text)) => (kind.trim().to_lowercase(), text.trim().to_string()),
            None => (String::new(), field.trim().to_string()),
        };
        let status_field = get(&block, "status").unwrap_or("");
        let mut status = status_field
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_string();
        // "Status: 4.0.0 (cat.example.net: host name lookup failure)": with
        // no Diagnostic-Code, the Status field's comment is the diagnostic.
        let diagnostic = if diagnostic.is_empty() {
            status_field
                .split_once('(')
                .and_then(|(_, c)| c.rsplit_once(')'))
                .map(|(c, _)| c.trim().to_string())
                .unwrap_or_default()
        } else {
            diagnostic
        };
        if !crate::bounces::smtp::is_status(&status) {
            status.clear();
        }
        // A local delivery program reports an exit status, not an SMTP reply.
        let reply_code = if diagnostic_type.starts_with("x-unix") {
            String::new()
        } else {
            crate::bounces::smtp::reply_code_in(&diagnostic).unwrap_or_default()
        };
        // A status of x.0.0 says little; a better one may stand in the diagnostic.
        // The server's own code in the diagnostic says more than the Status
        // field the reporting MTA wrote (x.0.0, or 4.4.7 for "gave up").
        if let Some(s) = crate::bounces::smtp::status_in(&diagnostic) {
            status = s;
        }
        // "delivered", and the "deliverable" of some MTAs; a 2.x.x status says so too.
        let reason = if action.starts_with("deliver") || status.starts_with("2.") {
            Some(Reason::Delivered)
        } else {
            None
        };
        // Still being tried: its cause, or expired.
        let delayed = action.starts_with("delayed");
        if !seen.insert(address.clone()) {
            continue;
        }
        out.push(Recipient {
            address,
            status,
            reply_code,
            reason,
            delayed,
            hard: false,
            diagnostic,
            diagnostic_type,
            final_recipient,
        });
    }
    if out.is_empty() {
        // A report without usable fields: let the text heuristics try.
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_without_an_empty_line_between_them_are_two() {
        let text = "Reporting-MTA: dns; mx.example\nFinal-Recipient: rfc822; a@example.jp\nAction: failed\nStatus: 5.2.2\nFinal-Recipient: rfc822; b@example.jp\nAction: failed\nStatus: 5.1.1\n";
        let b = blocks(text);
        assert_eq!(b.len(), 2);
        assert_eq!(get(&b[0], "status"), Some("5.2.2"));
        assert_eq!(get(&b[1], "final-recipient"), Some("rfc822; b@example.jp"));
    }
}
