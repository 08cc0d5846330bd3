//! A message's identity for de-duplication, computed from its bytes alone so it
//! works on anything, garbage included.
//!
//! Copies of one message differ in transport headers (Received, Return-Path,
//! mbox Status lines, CRLF vs LF), so the fingerprint covers what the author
//! wrote: Message-ID, Date, From, Subject and the body. A reused Message-ID
//! with another body gets another fingerprint and is stored.

use sha2::{Digest, Sha256};

/// The fingerprint and the Message-ID found on the way (without angle brackets).
pub struct Identity {
    pub fingerprint: [u8; 32],
    pub message_id: Option<String>,
}

pub fn identify(raw: &[u8]) -> Identity {
    let (header, body) = split_header(raw);
    let mut hasher = Sha256::new();
    let mut message_id = None;
    let mut header_seen = false;
    for name in ["message-id", "date", "from", "subject"] {
        let value = header.and_then(|h| header_value(h, name));
        if let Some(v) = &value {
            header_seen = true;
            if name == "message-id" {
                let id = v
                    .trim()
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .trim();
                if !id.is_empty() {
                    message_id = Some(id.to_string());
                }
            }
        }
        hasher.update(name.as_bytes());
        hasher.update(b"\0");
        hasher.update(normalize(value.as_deref().unwrap_or("").as_bytes()).trim_ascii());
        hasher.update(b"\0");
    }
    // Without any identifying header the whole input is what identifies it.
    let content = if header_seen { body } else { raw };
    hash_normalized(content, &mut hasher);
    Identity {
        fingerprint: hasher.finalize().into(),
        message_id,
    }
}

/// Splits at the first empty line. `None` for the header when there is none.
pub fn split_header(raw: &[u8]) -> (Option<&[u8]>, &[u8]) {
    let mut i = 0;
    while i < raw.len() {
        let end = raw[i..].iter().position(|&b| b == b'\n').map(|p| i + p + 1);
        let line_end = end.unwrap_or(raw.len());
        let line = &raw[i..line_end];
        if line == b"\n" || line == b"\r\n" {
            return (Some(&raw[..i]), &raw[line_end..]);
        }
        i = line_end;
    }
    (Some(raw), &[])
}

/// The unfolded value of the first header `name` (lower-case), as lossy text.
fn header_value(header: &[u8], name: &str) -> Option<String> {
    let mut lines = header.split(|&b| b == b'\n').peekable();
    while let Some(line) = lines.next() {
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            continue;
        };
        if !line[..colon]
            .trim_ascii()
            .eq_ignore_ascii_case(name.as_bytes())
        {
            continue;
        }
        let mut value = line[colon + 1..].to_vec();
        while let Some(next) = lines.peek() {
            if next.first().is_some_and(|b| *b == b' ' || *b == b'\t') {
                value.push(b' ');
                value.extend_from_slice(next.trim_ascii());
                lines.next();
            } else {
                break;
            }
        }
        return Some(String::from_utf8_lossy(&value).into_owned());
    }
    None
}

/// CRLF to LF, and mboxrd-style `>From ` quoting undone, so the same message
/// read from Maildir, mbox or IMAP hashes alike.
fn normalize(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let line = match line.strip_suffix(b"\r\n") {
            Some(l) => {
                out.extend_from_slice(unquote_from(l));
                out.push(b'\n');
                continue;
            }
            None => line,
        };
        out.extend_from_slice(unquote_from(line));
    }
    out
}

/// Feeds `hasher` what `normalize(bytes).trim_ascii_end()` would be, without
/// copying the body: unchanged lines go in as long runs of the input, and
/// trailing whitespace waits until something follows it. A message is hashed
/// whole, attachments included, so this is most of the fingerprint's cost.
fn hash_normalized(bytes: &[u8], hasher: &mut Sha256) {
    struct Feed<'h> {
        hasher: &'h mut Sha256,
        held_whitespace: Vec<u8>,
    }
    impl Feed<'_> {
        fn put(&mut self, part: &[u8]) {
            match part.iter().rposition(|b| !b.is_ascii_whitespace()) {
                Some(last) => {
                    if !self.held_whitespace.is_empty() {
                        self.hasher.update(&self.held_whitespace);
                        self.held_whitespace.clear();
                    }
                    self.hasher.update(&part[..=last]);
                    self.held_whitespace.extend_from_slice(&part[last + 1..]);
                }
                None => self.held_whitespace.extend_from_slice(part),
            }
        }
    }
    let mut feed = Feed {
        hasher,
        held_whitespace: Vec::new(),
    };
    let mut run_start = 0;
    let mut at = 0;
    while at < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |p| at + p + 1);
        let line = &bytes[at..end];
        let unquoted = unquote_from(line);
        let crlf = line.ends_with(b"\r\n");
        if crlf || unquoted.len() != line.len() {
            feed.put(&bytes[run_start..at]);
            match unquoted.strip_suffix(b"\r\n") {
                Some(text) => {
                    feed.put(text);
                    feed.put(b"\n");
                }
                None => feed.put(unquoted),
            }
            run_start = end;
        }
        at = end;
    }
    feed.put(&bytes[run_start..]);
}

fn unquote_from(line: &[u8]) -> &[u8] {
    let gt = line.iter().take_while(|&&b| b == b'>').count();
    if gt > 0 && line[gt..].starts_with(b"From ") {
        &line[1..]
    } else {
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transport_headers_and_line_endings_do_not_matter() {
        let a = b"Received: by a\nMessage-ID: <x@y>\nSubject: Hi\n\nBody\n";
        let b =
            b"Return-Path: <z>\r\nMessage-ID: <x@y>\r\nSubject: Hi\r\nStatus: RO\r\n\r\nBody\r\n";
        assert_eq!(identify(a).fingerprint, identify(b).fingerprint);
        assert_eq!(identify(a).message_id.as_deref(), Some("x@y"));
    }

    #[test]
    fn reused_message_id_with_other_body_differs() {
        let a = b"Message-ID: <x@y>\n\nOne\n";
        let b = b"Message-ID: <x@y>\n\nTwo\n";
        assert_ne!(identify(a).fingerprint, identify(b).fingerprint);
    }

    #[test]
    fn streamed_body_hashes_as_the_normalized_copy() {
        for body in [
            &b""[..],
            b"\n\n \t\r\n",
            b"plain\nlines\n\n\n",
            b"crlf\r\nlines\r\n  \r\n\r\n",
            b">From quoted\r\n>>From twice\n>Fromage\nend  \n",
            b"no newline at the end",
            b"mixed\r\nand\nbare\rcarriage\r\n\r\n>From \r\n",
            b"   \r\n   leading",
        ] {
            let mut streamed = Sha256::new();
            hash_normalized(body, &mut streamed);
            let mut copied = Sha256::new();
            copied.update(normalize(body).trim_ascii_end());
            assert_eq!(
                streamed.finalize(),
                copied.finalize(),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
    }

    #[test]
    fn garbage_is_identified_by_its_bytes() {
        assert_ne!(
            identify(b"\x00\x01").fingerprint,
            identify(b"\x00\x02").fingerprint
        );
    }
}
