//! Outgoing mail: replies and forwards sent at once, auto-replies and
//! notifications through the outbox. Messages are built with lettre and
//! recorded exactly as sent.

pub mod answer;
pub mod compose;
pub mod notify;
pub mod outbox;
pub mod robots;
pub mod smtp;
pub mod wording;

use crate::config::Config;
use crate::error::{Result, TixError};
use crate::mail::header_text;
use crate::store::Db;
use crate::vocabulary::{ArticleKind, SenderType};
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use std::sync::atomic::{AtomicU64, Ordering};

/// A message to build: addresses, text, threading and attachments.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Outgoing {
    pub from: Mailbox,
    pub to: Vec<Mailbox>,
    pub cc: Vec<Mailbox>,
    pub bcc: Vec<Mailbox>,
    pub subject: String,
    pub body: String,
    /// Message-IDs without angle brackets.
    pub in_reply_to: Option<String>,
    pub references: Vec<String>,
    /// (file name, content type, bytes); never queued in the outbox.
    #[serde(skip)]
    pub attachments: Vec<(String, String, Vec<u8>)>,
    /// RFC 3834: "auto-replied" for the auto-responder, "auto-generated"
    /// for notifications; absent for what an agent wrote.
    pub auto_submitted: Option<String>,
    /// Where automatic mail comes from (the auto-reply snippet and the
    /// queue that set it), for the history row of its sending.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// A queued bulk answer: the status the ticket goes to once it is sent,
    /// and until when for a pending one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub then_state: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub then_until: Option<i64>,
}

/// A built message: its id (without brackets), bytes and envelope.
#[derive(Debug, Clone)]
pub struct Built {
    pub message_id: String,
    pub bytes: Vec<u8>,
    pub envelope_from: String,
    pub envelope_to: Vec<String>,
}

/// A fresh Message-ID in the sender's domain, naming the ticket.
pub fn new_message_id(ticket_number: &str, from: &Mailbox) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!(
        "tix.{ticket_number}.{nanos:x}.{:x}.{n}@{}",
        std::process::id(),
        from.email.domain()
    )
}

/// The header tix puts on everything it sends, and looks for in what arrives.
pub fn x_loop_value(from: &Mailbox) -> String {
    from.email.to_string().to_lowercase()
}

impl Outgoing {
    /// The message as it goes out; `draft`: as a draft file for the agent
    /// to edit, with its Bcc kept and its text as 8-bit UTF-8 (a
    /// quoted-printable text read back would turn a typed "=48" into "H").
    pub fn build(&self, message_id: &str, draft: bool) -> Result<Built> {
        let mut b = lettre::Message::builder()
            .from(clean_mailbox(&self.from))
            .subject(header_text(&self.subject))
            .message_id(Some(format!("<{message_id}>")))
            .user_agent(format!("tix {}", env!("CARGO_PKG_VERSION")))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("X-Loop"),
                x_loop_value(&self.from),
            ));
        for m in &self.to {
            b = b.to(clean_mailbox(m));
        }
        for m in &self.cc {
            b = b.cc(clean_mailbox(m));
        }
        for m in &self.bcc {
            b = b.bcc(clean_mailbox(m));
        }
        if let Some(id) = &self.in_reply_to {
            b = b.in_reply_to(format!("<{id}>"));
        }
        if !self.references.is_empty() {
            let refs: Vec<String> = self.references.iter().map(|r| format!("<{r}>")).collect();
            b = b.references(refs.join(" "));
        }
        if let Some(kind) = &self.auto_submitted {
            b = b
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("Auto-Submitted"),
                    kind.clone(),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("Precedence"),
                    "bulk".to_string(),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("X-Auto-Response-Suppress"),
                    "All".to_string(),
                ));
        }
        if draft {
            b = b.keep_bcc();
        }
        let text = if draft {
            // Lines too long for 8bit fall back to lettre's own choice.
            SinglePart::builder()
                .header(ContentType::TEXT_PLAIN)
                .header(lettre::message::header::ContentTransferEncoding::EightBit)
                .body(self.body.clone())
        } else {
            SinglePart::plain(self.body.clone())
        };
        let message = if self.attachments.is_empty() {
            b.singlepart(text)
        } else {
            let mut parts = MultiPart::mixed().singlepart(text);
            for (name, content_type, bytes) in &self.attachments {
                let ct = ContentType::parse(content_type).unwrap_or(
                    ContentType::parse("application/octet-stream").expect("a valid type"),
                );
                let attachment = Attachment::new(header_text(name));
                let whole_message = content_type
                    .eq_ignore_ascii_case("message/rfc822")
                    .then(|| message_body(bytes.clone()))
                    .flatten();
                parts = parts.singlepart(match whole_message {
                    Some(body) => attachment.body(body, ct),
                    // Lines too long for SMTP: as a file, encoded.
                    None if content_type.eq_ignore_ascii_case("message/rfc822") => attachment.body(
                        bytes.clone(),
                        ContentType::parse("application/octet-stream").expect("a valid type"),
                    ),
                    None => attachment.body(bytes.clone(), ct),
                });
            }
            b.multipart(parts)
        }
        .map_err(|e| TixError::usage(format!("cannot build the message: {e}")))?;
        let envelope = message.envelope();
        Ok(Built {
            message_id: message_id.to_string(),
            bytes: message.formatted(),
            envelope_from: envelope.from().map(|a| a.to_string()).unwrap_or_default(),
            envelope_to: envelope.to().iter().map(|a| a.to_string()).collect(),
        })
    }
}

/// A mailbox with its display name made header-safe (dropped when nothing
/// is left of it); the address stays.
fn clean_mailbox(m: &Mailbox) -> Mailbox {
    let name = m.name.as_deref().map(header_text).filter(|n| !n.is_empty());
    Mailbox::new(name, m.email.clone())
}

/// An attached message travels as it is: RFC 2046 allows only 7bit, 8bit
/// or binary for message/rfc822, never quoted-printable or base64, and SMTP
/// carries no binary. `None` when its lines are too long for 8bit.
fn message_body(bytes: Vec<u8>) -> Option<lettre::message::Body> {
    use lettre::message::header::ContentTransferEncoding as Cte;
    // RFC 5321/2045: CRLF line ends, at most 998 octets a line, no NUL.
    let mut canonical = Vec::with_capacity(bytes.len() + bytes.len() / 40);
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let text = line.strip_suffix(b"\n").unwrap_or(line);
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        if text.len() > 998 || text.contains(&0) || text.contains(&b'\r') {
            return None;
        }
        canonical.extend_from_slice(text);
        canonical.extend_from_slice(b"\r\n");
    }
    let encoding = if canonical.is_ascii() {
        Cte::SevenBit
    } else {
        Cte::EightBit
    };
    Some(lettre::message::Body::dangerous_pre_encoded(
        canonical, encoding,
    ))
}

/// Parses an address as typed (`a@b` or `Name <a@b>`), naming the option.
pub fn mailbox(text: &str, what: &str) -> Result<Mailbox> {
    text.trim()
        .parse::<Mailbox>()
        .map_err(|e| TixError::usage(format!("{what} {text:?} is not a mail address: {e}")))
}

/// Several addresses as typed, each checked like [`mailbox`].
pub fn mailboxes(texts: &[String], what: &str) -> Result<Vec<Mailbox>> {
    texts.iter().map(|t| mailbox(t, what)).collect()
}

impl Config {
    /// Who replies in `queue`: its `from`, else its first address, else its
    /// parent's; else the shared smtp.from.
    pub fn sender_for_queue(&self, queue: &str) -> Option<Mailbox> {
        let mut current = self.queue(queue);
        while let Some(q) = current {
            if let Some(f) = &q.from {
                return Some(f.clone());
            }
            if let Some(a) = q.addresses.first() {
                if let Ok(email) = a.parse() {
                    return Some(Mailbox::new(None, email));
                }
            }
            current = q.parent.as_deref().and_then(|p| self.queue(p));
        }
        self.smtp.as_ref().and_then(|s| s.from.clone())
    }

    /// Every address tix sends from or receives at (lower-cased): mail from
    /// one of them is never auto-answered.
    pub fn own_addresses(&self) -> Vec<String> {
        let mut own: Vec<String> = Vec::new();
        for q in &self.queues {
            own.extend(q.addresses.iter().cloned());
            own.extend(q.from.iter().map(|m| m.email.to_string().to_lowercase()));
        }
        own.extend(self.accounts.iter().filter_map(|a| a.address.clone()));
        own.extend(
            self.smtp
                .iter()
                .filter_map(|s| s.from.as_ref())
                .map(|m| m.email.to_string().to_lowercase()),
        );
        own.sort();
        own.dedup();
        own
    }
}

/// What an article records of a sent message.
pub struct SentRecord<'a> {
    pub ticket_id: i64,
    pub kind: ArticleKind,
    /// The history action: replied, forwarded, auto-replied
    pub action: &'a str,
    /// Agent, or system for the auto-responder.
    pub sender_type: SenderType,
    pub actor: &'a str,
    pub now: i64,
}

/// Records a message the server accepted: its bytes (so `show --raw` gives
/// what went out, and the copy coming back is a duplicate), an article with
/// its Message-ID (so answers thread back), attachments and history.
pub fn record_sent(conn: &Db, r: &SentRecord, o: &Outgoing, built: &Built) -> Result<i64> {
    let identity = crate::mail::fingerprint::identify(&built.bytes);
    let raw_id = crate::store::raw_messages::keep_sent_bytes(
        conn,
        &identity.fingerprint[..],
        &built.message_id,
        &built.bytes,
        r.now,
    )?;
    let join = |list: &[Mailbox]| {
        (!list.is_empty()).then(|| {
            list.iter()
                .map(|m| m.email.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    let to = join(&o.to);
    let cc = join(&o.cc);
    let refs = o.references.join(" ");
    let article = crate::store::articles::insert_article(
        conn,
        &crate::store::articles::NewArticle {
            ticket_id: r.ticket_id,
            kind: r.kind,
            sender_type: r.sender_type,
            from_name: o.from.name.as_deref(),
            from_addr: Some(o.from.email.as_ref()),
            to_addrs: to.as_deref(),
            cc_addrs: cc.as_deref(),
            subject: &o.subject,
            message_id: Some(&built.message_id),
            in_reply_to: o.in_reply_to.as_deref(),
            refs: (!refs.is_empty()).then_some(refs.as_str()),
            body: &o.body,
            raw_id: Some(raw_id),
            sent_at: Some(r.now),
            created_at: r.now,
            created_by: r.actor,
            index: None,
        },
    )?;
    for (name, _, bytes) in &o.attachments {
        crate::lifecycle::attach_file(conn, article, name, bytes)?;
    }
    let mut recipients: Vec<String> =
        o.to.iter()
            .chain(&o.cc)
            .chain(&o.bcc)
            .map(|m| m.email.to_string())
            .collect();
    recipients.dedup();
    crate::store::history::record(
        conn,
        &crate::store::history::Change {
            ticket_id: r.ticket_id,
            actor: r.actor,
            action: r.action,
            old: None,
            new: Some(&recipients.join(", ")),
            detail: Some(&match &o.origin {
                Some(origin) => format!("{} ({origin})", o.subject),
                None => o.subject.clone(),
            }),
            at: r.now,
        },
    )?;
    crate::store::tickets::touch(conn, r.ticket_id, r.now)?;
    Ok(article)
}
