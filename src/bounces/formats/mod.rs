//! The report formats tix reads, one module each: the standards first (their
//! parts say exactly what they are), then MTAs and providers that write free
//! text, each known by its own words, then a general reader for the rest.
//! A new MTA's or provider's format is one new module and its samples,
//! registered in [`FORMATS`].

mod amazon_ses;
mod arf;
mod auto_reply;
mod exim;
mod fml;
mod free_text;
mod google;
mod imail;
mod opensmtpd;
mod qmail;
mod rfc3464;
mod sendmail;
mod verizon;

use super::{Reason, Recipient};
use mail_parser::Message;
use regex::Regex;
use std::cell::OnceCell;
use std::sync::LazyLock;

/// An address as the readers find it in a notice or a header; whether it is
/// one is decided later, once (address::as_reported).
const ADDRESS: &str = r"[^\s<>()@,;:]+@[A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9]";

/// An address, perhaps in angle brackets; the address is the first group.
static ADDRESSES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("<?({ADDRESS})>?")).expect("valid"));

/// A message as the readers see it, with its notice (the human-readable
/// text) made once for all of them.
pub struct Input<'a, 'm> {
    pub message: &'a Message<'m>,
    notice: OnceCell<String>,
}

impl<'a, 'm> Input<'a, 'm> {
    pub fn of(message: &'a Message<'m>) -> Self {
        Input {
            message,
            notice: OnceCell::new(),
        }
    }

    /// Whether the message's raw bytes contain `words`: a cheap first look
    /// for a reader whose MTA writes its notice in plain text.
    pub fn raw_contains(&self, words: &str) -> bool {
        memchr::memmem::find(self.message.raw_message(), words.as_bytes()).is_some()
    }

    /// The addresses of the X-Failed-Recipients header (Exim, Google).
    pub fn failed_recipients(&self) -> Vec<String> {
        self.message
            .header_raw("X-Failed-Recipients")
            .map(|v| {
                ADDRESSES
                    .captures_iter(v)
                    .map(|c| c[1].to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The message's human-readable parts as one text.
    pub fn notice(&self) -> &str {
        self.notice.get_or_init(|| super::notice_text(self.message))
    }
}

/// One format: a reader that knows its own messages.
pub struct Format {
    /// Its name in per-message output ("rfc3464", "exim", …).
    pub name: &'static str,
    /// Fields made for machines (a delivery-status part, JSON), as opposed
    /// to a notice's prose: a prose reader's vague answer may give way to a
    /// report attached below it.
    pub structured: bool,
    /// The recipients it reads, or None when the message is not in this
    /// format (each reader checks its own telltale first, cheaply).
    pub read: fn(&Input) -> Option<Vec<Recipient>>,
}

/// In the order they are asked; the first that recognises a message reads it.
pub const FORMATS: &[Format] = &[
    arf::FORMAT,
    opensmtpd::FORMAT,
    sendmail::FORMAT,
    rfc3464::FORMAT,
    amazon_ses::FORMAT,
    auto_reply::FORMAT,
    google::FORMAT,
    imail::FORMAT,
    fml::FORMAT,
    verizon::FORMAT,
    qmail::FORMAT,
    exim::FORMAT,
    // Always answers: last.
    free_text::FORMAT,
];

/// The format a message is in and what it reports.
pub fn read(m: &Message) -> (&'static Format, Vec<Recipient>) {
    let input = Input::of(m);
    FORMATS
        .iter()
        .find_map(|f| (f.read)(&input).map(|r| (f, r)))
        .expect("the free-text reader always answers")
}

/// A notifier's own verdict: where a recipient's diagnostic starts with one
/// of `words` (matched without case), written by the notifier itself and not
/// quoted from a remote server at some stage of SMTP, that is its reason.
fn own_verdict(recipients: &mut [Recipient], words: &[(Reason, &str)]) {
    for r in recipients.iter_mut().filter(|r| r.reason.is_none()) {
        let said = r.diagnostic.trim_start().as_bytes();
        r.reason = words
            .iter()
            .find(|(_, w)| {
                said.len() >= w.len() && said[..w.len()].eq_ignore_ascii_case(w.as_bytes())
            })
            .map(|(reason, _)| *reason);
    }
}

/// Where the returned message's copy starts in a notice, by the marker its
/// MTA writes; the notice is the text above it.
fn above<'a>(text: &'a str, marker: &regex::Regex) -> &'a str {
    marker.find(text).map_or(text, |m| &text[..m.start()])
}

#[cfg(test)]
mod samples;
