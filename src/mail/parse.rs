//! Raw bytes to a [`ParsedMail`] (mail-parser does MIME, RFC 2047, charsets,
//! quoted-printable, base64 and HTML to text), or the reason the message must
//! be quarantined.

use mail_parser::{Address, HeaderValue, MimeHeaders, PartType};

/// Messages above this size are quarantined rather than parsed (a mail loop
/// or a mis-sent archive); an admin can re-process them deliberately.
pub const DEFAULT_MAX_SIZE: usize = 25 * 1024 * 1024;

#[derive(Debug, Clone, Default)]
pub struct ParsedMail {
    pub from_name: Option<String>,
    pub from_addr: Option<String>,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    /// Delivered-To / X-Original-To / Envelope-To: where the MTA delivered it.
    pub delivered_to: Vec<String>,
    pub subject: String,
    /// Seconds since the epoch, from the Date header.
    pub date: Option<i64>,
    pub message_id: Option<String>,
    pub in_reply_to: Vec<String>,
    pub references: Vec<String>,
    pub body: String,
    pub attachments: Vec<Attachment>,
    /// Every header as (lower-cased name, decoded value), for routing rules.
    pub headers: Vec<(String, String)>,
    /// A delivery report's returned message, as far as the report quotes
    /// it: its Message-IDs (without brackets) and Subject lines. Empty for
    /// any other mail.
    pub returned: Returned,
}

/// What a delivery report says of the message it returns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Returned {
    /// The mail is a delivery report (multipart/report, or from the mail
    /// system itself).
    pub report: bool,
    pub message_ids: Vec<String>,
    pub subjects: Vec<String>,
}

impl ParsedMail {
    /// The values of header `name` (lower-case), trimmed and lower-cased.
    pub fn header_values<'m>(&'m self, name: &'m str) -> impl Iterator<Item = String> + 'm {
        self.headers
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.trim().to_lowercase())
    }
}

/// An attachment as found; its bytes stay in the raw message.
#[derive(Debug, Clone)]
pub struct Attachment {
    pub filename: String,
    pub content_type: String,
    pub size: usize,
    pub sha256: String,
}

/// Why a message is kept aside instead of becoming an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Quarantine(pub String);

/// Strips an mbox envelope line ("From sender date") an MTA pipe may prepend.
pub fn strip_envelope(raw: &[u8]) -> &[u8] {
    if raw.starts_with(b"From ") {
        if let Some(nl) = raw.iter().position(|&b| b == b'\n') {
            return &raw[nl + 1..];
        }
    }
    raw
}

pub fn parse(raw: &[u8], max_size: usize) -> Result<ParsedMail, Quarantine> {
    let raw = strip_envelope(raw);
    if raw.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Quarantine("empty message".into()));
    }
    if raw.len() > max_size {
        return Err(Quarantine(format!(
            "message of {:.1} MB is over the {:.1} MB limit",
            raw.len() as f64 / 1048576.0,
            max_size as f64 / 1048576.0
        )));
    }
    check_header_block(raw)?;
    let message = crate::mail::parser()
        .parse(raw)
        .ok_or_else(|| Quarantine("not a mail message (no header could be read)".into()))?;
    check_mime_tree(&message)?;

    let (from_name, from_addr) = first_address(message.from());
    let mut mail = ParsedMail {
        from_name,
        from_addr,
        to: addresses(message.to()),
        cc: addresses(message.cc()),
        subject: message.subject().unwrap_or("").trim().to_string(),
        date: message.date().map(|d| d.to_timestamp()),
        message_id: message.message_id().map(str::to_string),
        in_reply_to: id_list(message.in_reply_to()),
        references: id_list(message.references()),
        ..Default::default()
    };
    let raw_bytes = message.raw_message();
    let mut received_seen = false;
    for header in message.headers() {
        let name = header.name();
        let raw_value = raw_bytes
            .get(header.offset_start() as usize..header.offset_end() as usize)
            .map(|b| {
                String::from_utf8_lossy(b)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        let value = match header.value() {
            // Received is left unparsed (`crate::mail::parser`): its text as
            // every other structured field's, unfolded.
            HeaderValue::Text(_) if name.eq_ignore_ascii_case("received") => raw_value,
            HeaderValue::Text(t) => t.to_string(),
            HeaderValue::TextList(l) => l.join(", "),
            _ => raw_value,
        };
        mail.headers.push((name.to_lowercase(), value));
        if name.eq_ignore_ascii_case("received") {
            received_seen = true;
        }
        // Only the receiving MTA's own delivery headers count: they sit above
        // every Received line. One further down came with the mail and can
        // be forged to steer it into another queue.
        if !received_seen
            && ["delivered-to", "x-original-to", "envelope-to"]
                .iter()
                .any(|n| name.eq_ignore_ascii_case(n))
        {
            match header.value() {
                HeaderValue::Address(a) => mail.delivered_to.extend(addresses(Some(a))),
                HeaderValue::Text(t) => mail
                    .delivered_to
                    .push(t.trim().trim_matches(['<', '>']).to_lowercase()),
                _ => {}
            }
        }
    }
    let texts: Vec<String> = message
        .text_bodies()
        .filter_map(|part| match &part.body {
            PartType::Text(t) => Some(t.to_string()),
            PartType::Html(h) => Some(html_to_text(h)),
            _ => None,
        })
        .collect();
    mail.body = texts.join("\n\n");
    if is_delivery_report(&mail, &message) {
        mail.returned = returned(raw_bytes, &mail);
    }
    for (i, part) in message.attachments().enumerate() {
        let content_type = part
            .content_type()
            .map(|ct| match ct.subtype() {
                Some(sub) => format!("{}/{}", ct.ctype(), sub).to_lowercase(),
                None => ct.ctype().to_lowercase(),
            })
            .unwrap_or_else(|| "application/octet-stream".into());
        let filename = part
            .attachment_name()
            .map(sanitize_filename)
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| {
                if matches!(part.body, PartType::Message(_)) {
                    format!("message-{}.eml", i + 1)
                } else {
                    format!("attachment-{}", i + 1)
                }
            });
        let bytes = part.contents();
        mail.attachments.push(Attachment {
            filename,
            content_type,
            size: bytes.len(),
            sha256: sha256_hex(bytes),
        });
    }
    Ok(mail)
}

/// The decoded bytes of the `nth` attachment of a raw message, as numbered by
/// [`parse`].
pub fn attachments_contents(raw: &[u8]) -> Option<Vec<Vec<u8>>> {
    let message = crate::mail::parser().parse(strip_envelope(raw))?;
    Some(
        message
            .attachments()
            .map(|p| p.contents().to_vec())
            .collect(),
    )
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in digest {
        hex.push_str(&format!("{b:02x}"));
    }
    hex
}

/// The first lines must be header fields; anything else is not mail.
fn check_header_block(raw: &[u8]) -> Result<(), Quarantine> {
    let (header, _) = crate::mail::fingerprint::split_header(raw);
    let header = header.unwrap_or(raw);
    if header.contains(&0) {
        return Err(Quarantine("binary data in the header (NUL bytes)".into()));
    }
    let first = header
        .split(|&b| b == b'\n')
        .find(|l| !l.trim_ascii().is_empty())
        .unwrap_or(b"");
    let is_field = first
        .iter()
        .position(|&b| b == b':')
        .is_some_and(|c| c > 0 && first[..c].iter().all(|&b| (33..=126).contains(&b)));
    if !is_field {
        let shown: String = String::from_utf8_lossy(&first[..first.len().min(40)])
            .chars()
            .map(|c| if c.is_control() { '?' } else { c })
            .collect();
        return Err(Quarantine(format!("no header: first line is {shown:?}")));
    }
    Ok(())
}

/// Multipart parts whose boundary is missing or never appears: mail-parser
/// would read them as one opaque part and the attachments would be lost.
fn check_mime_tree(message: &mail_parser::Message) -> Result<(), Quarantine> {
    let raw = message.raw_message();
    for part in &message.parts {
        let Some(ct) = part.content_type() else {
            continue;
        };
        if !ct.ctype().eq_ignore_ascii_case("multipart") {
            continue;
        }
        let Some(boundary) = ct.attribute("boundary") else {
            return Err(Quarantine(
                "broken MIME: multipart without a boundary".into(),
            ));
        };
        let start = part.raw_body_offset() as usize;
        let end = (part.raw_end_offset() as usize).min(raw.len());
        let marker = format!("--{boundary}");
        let body = raw.get(start..end).unwrap_or(&[]);
        if !contains(body, marker.as_bytes()) {
            return Err(Quarantine(format!(
                "broken MIME: boundary {boundary:?} never appears in its multipart"
            )));
        }
    }
    Ok(())
}

/// Readable text from an HTML-only message. Nothing remote is fetched: the
/// converter only reads the markup it is given.
fn html_to_text(html: &str) -> String {
    html2text::config::plain_no_decorate()
        .string_from_read(html.as_bytes(), 78)
        .unwrap_or_else(|_| mail_parser::decoders::html::html_to_text(html))
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

fn first_address(a: Option<&Address>) -> (Option<String>, Option<String>) {
    match a.and_then(|a| a.first()) {
        Some(addr) => (
            // A name is one line of text: an encoded CR LF or ESC in it is
            // never meant, and would reach headers and terminals.
            addr.name()
                .map(super::header_text)
                .filter(|n| !n.is_empty()),
            addr.address().map(|x| x.trim().to_lowercase()),
        ),
        None => (None, None),
    }
}

fn addresses(a: Option<&Address>) -> Vec<String> {
    a.map(|a| {
        a.iter()
            .filter_map(|x| x.address().map(|s| s.trim().to_lowercase()))
            .filter(|s| !s.is_empty())
            .collect()
    })
    .unwrap_or_default()
}

fn id_list(v: &HeaderValue) -> Vec<String> {
    match v {
        HeaderValue::Text(t) => vec![t.to_string()],
        HeaderValue::TextList(l) => l.iter().map(|t| t.to_string()).collect(),
        _ => vec![],
    }
}

/// Attachment names come from strangers: no path parts, no control characters.
fn sanitize_filename(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .trim_start_matches('.')
        .to_string()
}

/// A delivery report: multipart/report, or from the mail system itself
/// (MAILER-DAEMON, postmaster, an empty Return-Path).
fn is_delivery_report(mail: &ParsedMail, message: &mail_parser::Message) -> bool {
    let report = message.content_type().is_some_and(|ct| {
        ct.ctype().eq_ignore_ascii_case("multipart")
            && ct
                .subtype()
                .is_some_and(|s| s.eq_ignore_ascii_case("report"))
    });
    let local = mail
        .from_addr
        .as_deref()
        .and_then(|a| a.split('@').next())
        .unwrap_or("")
        .to_lowercase();
    report
        || local == "mailer-daemon"
        || local == "postmaster"
        || mail.header_values("return-path").any(|v| v == "<>")
}

/// The Message-ID and Subject lines a report quotes of the returned
/// message (any but the report's own), wherever the report puts them.
fn returned(raw: &[u8], mail: &ParsedMail) -> Returned {
    static FIELD: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
        regex::bytes::Regex::new(r"(?im)^[ \t>]*(message-id|subject):[ \t]*([^\r\n]+)")
            .expect("valid")
    });
    let mut out = Returned {
        report: true,
        ..Returned::default()
    };
    for c in FIELD.captures_iter(raw) {
        let value = String::from_utf8_lossy(&c[2]).trim().to_string();
        if c[1].eq_ignore_ascii_case(b"message-id") {
            let id = value.trim_matches(['<', '>', ' ']).to_string();
            if !id.is_empty()
                && Some(&id) != mail.message_id.as_ref()
                && !out.message_ids.contains(&id)
            {
                out.message_ids.push(id);
            }
        } else if value != mail.subject {
            out.subjects.push(value);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_encoded_words_and_latin1() {
        let raw = b"From: =?ISO-8859-1?Q?J=F6rg_M=FCller?= <Joerg@Example.org>\nTo: presse@example.org\nSubject: =?UTF-8?B?R3LDvMOfZQ==?=\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\nSch=F6ne Gr=FC=DFe\n";
        let m = parse(raw, DEFAULT_MAX_SIZE).unwrap();
        assert_eq!(m.from_name.as_deref(), Some("Jörg Müller"));
        assert_eq!(m.from_addr.as_deref(), Some("joerg@example.org"));
        assert_eq!(m.subject, "Grüße");
        assert_eq!(m.body.trim(), "Schöne Grüße");
    }

    #[test]
    fn quarantine_reasons() {
        assert!(parse(b"", 100).unwrap_err().0.contains("empty"));
        assert!(parse(b"\x7fELF\x02\x01\x00\x00garbage", 100)
            .unwrap_err()
            .0
            .contains("header"));
        assert!(parse(b"just some text\nmore\n", 100)
            .unwrap_err()
            .0
            .contains("no header"));
        let big = vec![b'a'; 200];
        assert!(parse(&big, 100).unwrap_err().0.contains("limit"));
        let broken =
            b"From: a@b\nContent-Type: multipart/mixed; boundary=\"XYZ\"\n\nno parts here\n";
        assert!(parse(broken, 1000).unwrap_err().0.contains("boundary"));
    }

    #[test]
    fn filenames_lose_paths() {
        assert_eq!(sanitize_filename("../../etc/passwd"), "passwd");
        assert_eq!(sanitize_filename("C:\\x\\bad\u{7}.pdf"), "bad.pdf");
    }
}
