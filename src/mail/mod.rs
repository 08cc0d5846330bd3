//! Mail parsing: raw bytes to the fields tix stores, follow-up tags, fingerprints.

pub mod automatic;
pub mod fingerprint;
pub mod parse;
pub mod subject_tag;
pub mod verified;

/// A parser reading each header field as mail-parser's default does, but
/// for Received, left unparsed: tix reads only its name and place (which
/// MTA vouched for what, `verified`), and tokenising every Received line
/// of every message was a twentieth of reading a pile of bounces.
pub fn parser() -> &'static mail_parser::MessageParser {
    static PARSER: std::sync::LazyLock<mail_parser::MessageParser> =
        std::sync::LazyLock::new(make_parser);
    &PARSER
}

fn make_parser() -> mail_parser::MessageParser {
    use mail_parser::HeaderName as H;
    let mut p = mail_parser::MessageParser::new()
        .with_mime_headers()
        .with_date_headers()
        .with_address_headers()
        .with_message_ids();
    for h in [
        H::Subject,
        H::Comments,
        H::ContentDescription,
        H::ContentLocation,
        H::ContentTransferEncoding,
    ] {
        p = p.header_text(h);
    }
    for h in [
        H::To,
        H::Cc,
        H::Bcc,
        H::ResentTo,
        H::ResentFrom,
        H::ResentBcc,
        H::ResentCc,
        H::ResentSender,
        H::ListArchive,
        H::ListHelp,
        H::ListId,
        H::ListOwner,
        H::ListPost,
        H::ListSubscribe,
        H::ListUnsubscribe,
    ] {
        p = p.header_address(h);
    }
    for h in [H::ReturnPath, H::ResentMessageId] {
        p = p.header_id(h);
    }
    p.header_comma_separated(H::Keywords)
        .header_comma_separated(H::ContentLanguage)
        .header_raw(H::MimeVersion)
        .header_raw(H::Received)
}

/// Text from mail (a customer's subject or name) made safe for a header:
/// control characters (an encoded CR LF would start a new header, ESC and BEL
/// reach the reader's terminal) become spaces, runs of space one.
pub fn header_text(text: &str) -> String {
    text.split(|c: char| c.is_control() || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
