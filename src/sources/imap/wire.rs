//! The one IMAP exchange tix reads itself: `UID FETCH … BODY.PEEK[]`, the
//! bulk of every import. The imap crate (2.4) parses a response again from
//! its start after every line it reads, so a message of n lines costs n
//! parses of a growing buffer; here a response is framed by its literals'
//! announced lengths and parsed once (by imap-proto, the crate's own
//! parser). Everything else (login, choosing the folder, flags, IDLE) stays with the
//! crate, over the same stream ([`Shared`]).

use imap_proto::{AttributeValue, Response, Status};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex, MutexGuard};

/// A stream both the imap crate's session and tix's own reader use, one
/// after the other (never at once: tix writes a command only once the
/// crate has read the answer to its last one).
pub struct Shared<S>(Arc<Mutex<S>>);

impl<S> Shared<S> {
    pub fn new(stream: S) -> Shared<S> {
        Shared(Arc::new(Mutex::new(stream)))
    }

    fn lock(&self) -> MutexGuard<'_, S> {
        // A panic while holding it leaves the stream as it was: use it on.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl<S> Clone for Shared<S> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<S: Read> Read for Shared<S> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.lock().read(buf)
    }
}

impl<S: Write> Write for Shared<S> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.lock().write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.lock().flush()
    }
}

/// IDLE sets the stream's timeout (the imap crate asks for this).
impl<S: imap::extensions::idle::SetReadTimeout> imap::extensions::idle::SetReadTimeout
    for Shared<S>
{
    fn set_read_timeout(
        &mut self,
        timeout: Option<std::time::Duration>,
    ) -> imap::error::Result<()> {
        self.lock().set_read_timeout(timeout)
    }
}

impl<S> std::fmt::Debug for Shared<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Shared(..)")
    }
}

/// Why a fetch could not be read.
#[derive(Debug)]
pub enum WireError {
    Io(std::io::Error),
    /// The server said NO or BAD (its words).
    Refused(String),
    /// Bytes that are no IMAP response.
    Garbled(String),
}

impl std::fmt::Display for WireError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WireError::Io(e) => write!(f, "{e}"),
            WireError::Refused(m) => write!(f, "the server refused: {m}"),
            WireError::Garbled(m) => write!(f, "unreadable answer: {m}"),
        }
    }
}

impl From<std::io::Error> for WireError {
    fn from(e: std::io::Error) -> Self {
        WireError::Io(e)
    }
}

/// Reads whole responses from a stream, a literal at a time. Bytes read
/// beyond a response are kept for the next one.
pub struct Responses {
    buf: Vec<u8>,
    /// Where the unread part of `buf` starts.
    start: usize,
    next_tag: u32,
}

impl Default for Responses {
    fn default() -> Self {
        Responses {
            buf: Vec::with_capacity(256 * 1024),
            start: 0,
            next_tag: 1,
        }
    }
}

const READ_SIZE: usize = 128 * 1024;
/// Responses read and done with are dropped from the buffer's front once
/// they take this much of it.
const COMPACT_AT: usize = 1024 * 1024;

impl Responses {
    /// Sends `UID FETCH set (UID BODY.PEEK[])` and returns each message's
    /// UID and bytes, in the order the server sent them. Untagged answers
    /// of other kinds (EXISTS, FLAGS) are passed over.
    pub fn uid_fetch_bodies(
        &mut self,
        stream: &mut (impl Read + Write),
        set: &str,
    ) -> Result<Vec<(u32, Vec<u8>)>, WireError> {
        // Tags of its own ("t1", "t2", …): the crate counts "a1", "a2", ….
        let tag = format!("t{}", self.next_tag);
        self.next_tag += 1;
        stream.write_all(format!("{tag} UID FETCH {set} (UID BODY.PEEK[])\r\n").as_bytes())?;
        stream.flush()?;
        let mut out = Vec::new();
        loop {
            let (from, to) = self.next_response(stream)?;
            let bytes = &self.buf[from..to];
            let parsed = imap_proto::parse_response(bytes).map_err(|_| {
                let shown = String::from_utf8_lossy(&bytes[..bytes.len().min(120)]).into_owned();
                WireError::Garbled(shown)
            })?;
            match parsed.1 {
                Response::Fetch(_, attributes) => {
                    let mut uid = None;
                    let mut body = None;
                    for a in attributes {
                        match a {
                            AttributeValue::Uid(u) => uid = Some(u),
                            AttributeValue::BodySection { data, .. } => {
                                body = Some(data.unwrap_or_default().to_vec())
                            }
                            _ => {}
                        }
                    }
                    // A FETCH without a body is a flag change pushed by the
                    // server, not an answer.
                    if let (Some(uid), Some(body)) = (uid, body) {
                        out.push((uid, body));
                    }
                }
                Response::Done {
                    tag: done,
                    status,
                    information,
                    ..
                } if done.as_bytes() == tag.as_bytes() => {
                    return match status {
                        Status::Ok => Ok(out),
                        _ => Err(WireError::Refused(
                            information
                                .unwrap_or("no explanation given")
                                .trim()
                                .to_string(),
                        )),
                    };
                }
                Response::Data {
                    status: Status::Bye,
                    information,
                    ..
                } => {
                    let said = information.unwrap_or("closing the connection").trim();
                    return Err(WireError::Io(std::io::Error::new(
                        std::io::ErrorKind::ConnectionAborted,
                        format!("the server said BYE: {said}"),
                    )));
                }
                _ => {}
            }
        }
    }

    /// The next whole response in `buf` (as a range), reading more as
    /// needed: a line, and when it ends announcing a literal (`{n}`), the
    /// n bytes and the rest of the response after them.
    fn next_response(&mut self, stream: &mut impl Read) -> Result<(usize, usize), WireError> {
        // What earlier calls returned is done with; moved out of the way
        // only now and then (moving the rest after every message would
        // copy the buffer once per message).
        if self.start == self.buf.len() {
            self.buf.clear();
            self.start = 0;
        } else if self.start >= COMPACT_AT {
            self.buf.drain(..self.start);
            self.start = 0;
        }
        let begin = self.start;
        let mut at = begin;
        loop {
            let end = loop {
                if let Some(i) = memchr::memchr(b'\n', &self.buf[at..]) {
                    break at + i + 1;
                }
                at = self.buf.len();
                self.fill(stream)?;
            };
            match literal_length(&self.buf[begin..end]) {
                Some(n) => {
                    while self.buf.len() < end + n {
                        self.fill(stream)?;
                    }
                    at = end + n;
                }
                None => {
                    self.start = end;
                    return Ok((begin, end));
                }
            }
        }
    }

    fn fill(&mut self, stream: &mut impl Read) -> Result<(), WireError> {
        let len = self.buf.len();
        self.buf.resize(len + READ_SIZE, 0);
        let read = stream.read(&mut self.buf[len..]);
        let n = match read {
            Ok(n) => n,
            Err(e) => {
                self.buf.truncate(len);
                return Err(e.into());
            }
        };
        self.buf.truncate(len + n);
        if n == 0 {
            return Err(WireError::Io(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "the server closed the connection",
            )));
        }
        Ok(())
    }
}

/// The length a line announces for the literal after it (`… {1234}\r\n`,
/// or `{1234+}`), if it ends with one.
fn literal_length(line: &[u8]) -> Option<usize> {
    let line = line.strip_suffix(b"\n")?;
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let inner = line.strip_suffix(b"}")?;
    let open = inner.iter().rposition(|&b| b == b'{')?;
    let digits = &inner[open + 1..];
    let digits = digits.strip_suffix(b"+").unwrap_or(digits);
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(digits).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A server's side of the conversation, written out.
    struct Scripted {
        answer: std::io::Cursor<Vec<u8>>,
        sent: Vec<u8>,
        /// Bytes handed out per read, to cut answers anywhere.
        step: usize,
    }

    impl Read for Scripted {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.step);
            self.answer.read(&mut buf[..n])
        }
    }

    impl Write for Scripted {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.sent.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn server(answer: &[u8], step: usize) -> Scripted {
        Scripted {
            answer: std::io::Cursor::new(answer.to_vec()),
            sent: vec![],
            step,
        }
    }

    #[test]
    fn bodies_are_taken_by_their_length_whatever_they_contain() {
        let one = b"From: a@b\r\nSubject: {5}\r\n\r\n* 3 FETCH (fake)\r\nt1 OK not the end\r\n";
        let two = b"Subject: two\r\n\r\nx";
        let mut answer = Vec::new();
        answer.extend_from_slice(b"* 1 EXISTS\r\n");
        answer
            .extend_from_slice(format!("* 1 FETCH (UID 7 BODY[] {{{}}}\r\n", one.len()).as_bytes());
        answer.extend_from_slice(one);
        answer.extend_from_slice(b")\r\n* 2 FETCH (FLAGS (\\Seen))\r\n");
        answer.extend_from_slice(format!("* 2 FETCH (BODY[] {{{}}}\r\n", two.len()).as_bytes());
        answer.extend_from_slice(two);
        answer.extend_from_slice(b" UID 9)\r\nt1 OK Fetch completed.\r\n* 5 EXISTS\r\n");
        for step in [1, 7, 64, 100_000] {
            let mut s = server(&answer, step);
            let mut r = Responses::default();
            let got = r.uid_fetch_bodies(&mut s, "7:9").unwrap();
            assert_eq!(
                got,
                vec![(7, one.to_vec()), (9, two.to_vec())],
                "read {step} bytes at a time"
            );
            assert_eq!(s.sent, b"t1 UID FETCH 7:9 (UID BODY.PEEK[])\r\n");
            // What came after the answer (as far as it was read) waits for
            // the next one.
            assert!(b"* 5 EXISTS\r\n".starts_with(&r.buf[r.start..]));
        }
    }

    #[test]
    fn a_refusal_a_goodbye_and_a_cut_are_errors() {
        let mut r = Responses::default();
        let refused = r.uid_fetch_bodies(&mut server(b"t1 NO broken\r\n", 64), "1");
        assert!(matches!(refused, Err(WireError::Refused(m)) if m == "broken"));
        let mut r = Responses::default();
        let bye = r.uid_fetch_bodies(&mut server(b"* BYE shutting down\r\n", 64), "1");
        assert!(bye.unwrap_err().to_string().contains("BYE"));
        let mut r = Responses::default();
        let cut = r.uid_fetch_bodies(
            &mut server(b"* 1 FETCH (UID 1 BODY[] {100}\r\nabc", 64),
            "1",
        );
        assert!(matches!(cut, Err(WireError::Io(_))));
    }

    #[test]
    fn literal_lengths_are_read_only_at_the_end_of_a_line() {
        assert_eq!(literal_length(b"* 1 FETCH (BODY[] {12}\r\n"), Some(12));
        assert_eq!(literal_length(b"* 1 FETCH (BODY[] {12+}\r\n"), Some(12));
        assert_eq!(literal_length(b"* 1 FETCH (BODY[] {12} x)\r\n"), None);
        assert_eq!(literal_length(b"a1 OK {}\r\n"), None);
        assert_eq!(literal_length(b"no newline {3}"), None);
    }
}
