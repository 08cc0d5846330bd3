//! An mbox file, streamed: one message in memory at a time, however large the
//! file, and a message over the size limit only up to that limit.
//!
//! A line is a separator only where an mbox writer puts one: at the start of
//! the file or after an empty line, in the `From sender date` shape (as mutt
//! checks). Any other line beginning with "From " is text of the message it
//! sits in, so no line is ever lost or splits a message. `>From ` quoting
//! (mboxo and mboxrd) is undone by one level.

use super::RawMessage;
use crate::error::{Result, TixError};
use regex::bytes::Regex;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::sync::LazyLock;

pub fn read(
    path: &Path,
    max_size: usize,
) -> Result<impl Iterator<Item = Result<RawMessage>> + Send> {
    let file = File::open(path)
        .map_err(|e| TixError::usage(format!("{}: cannot open mbox: {e}", path.display())))?;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let head = reader.fill_buf().map_err(|e| TixError::io(path, e))?;
    if !head.is_empty() && !head.starts_with(b"From ") {
        return Err(TixError::bad_data(format!(
            "{}: not an mbox file (it does not start with a \"From \" line)",
            path.display()
        )));
    }
    Ok(Messages {
        reader,
        label: path.display().to_string(),
        max_size,
        count: 0,
        started: false,
        done: false,
    })
}

/// `From sender date`: the sender is one word (or a quoted local part), the
/// date a ctime one (`Thu Nov 24 18:22:48 1986`, a zone allowed before the
/// year) or in RFC 5322 order (`Sat, 26 Nov 1986 09:00:00 +0000`).
static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    const MONTH: &str = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)";
    let pattern = format!(
        r#"(?i)^From (?:"[^"\r\n]*"\S*|\S+) +(?:(?:mon|tue|wed|thu|fri|sat|sun),? +)?(?:{MONTH} +\d{{1,2}}|\d{{1,2}} +{MONTH}) +(?:\d{{4}} +)?\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?: +(?:[a-z]{{2,5}}|[-+]\d{{4}}))*(?: +\d{{4}})? *\r?\n?$"#
    );
    Regex::new(&pattern).expect("separator pattern")
});

pub fn is_separator(line: &[u8]) -> bool {
    line.starts_with(b"From ") && SEPARATOR.is_match(line)
}

pub struct Messages<R> {
    reader: R,
    label: String,
    max_size: usize,
    count: usize,
    started: bool,
    done: bool,
}

impl<R: BufRead> Messages<R> {
    /// Reads one message: lines up to the next separator, the separator
    /// itself consumed. `Ok(None)` at the end of the file.
    fn next_message(&mut self) -> std::io::Result<Option<RawMessage>> {
        let mut line = Vec::with_capacity(256);
        if !self.started {
            self.started = true;
            // The opening separator.
            if self.reader.read_until(b'\n', &mut line)? == 0 {
                return Ok(None);
            }
        }
        let mut bytes = Vec::new();
        let mut size: u64 = 0;
        let mut previous_blank = false;
        let mut any = false;
        loop {
            line.clear();
            if self.reader.read_until(b'\n', &mut line)? == 0 {
                self.done = true;
                break;
            }
            // A separator opens a message; one with nothing after it is text.
            if previous_blank && is_separator(&line) && !self.reader.fill_buf()?.is_empty() {
                break;
            }
            any = true;
            previous_blank = line == b"\n" || line == b"\r\n";
            let quoted = line.iter().position(|&b| b != b'>').unwrap_or(0);
            let text = if quoted > 0 && line[quoted..].starts_with(b"From ") {
                &line[1..]
            } else {
                &line[..]
            };
            size += text.len() as u64;
            let room = (self.max_size + 1).saturating_sub(bytes.len());
            bytes.extend_from_slice(&text[..text.len().min(room)]);
        }
        if !any && self.done && self.count > 0 {
            return Ok(None);
        }
        self.count += 1;
        let cut_from = (bytes.len() > self.max_size).then(|| {
            bytes.truncate(self.max_size);
            size
        });
        Ok(Some(RawMessage {
            source: format!("mbox:{}#{}", self.label, self.count),
            bytes,
            cut_from,
            uid: None,
        }))
    }
}

impl<R: BufRead> Iterator for Messages<R> {
    type Item = Result<RawMessage>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.next_message() {
            Ok(m) => m.map(Ok),
            Err(e) => {
                self.done = true;
                Some(Err(TixError::failure(format!(
                    "{}: read error after message {}: {e}",
                    self.label, self.count
                ))))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<String> {
        Messages {
            reader: text.as_bytes(),
            label: "t".into(),
            max_size: 1 << 20,
            count: 0,
            started: false,
            done: false,
        }
        .map(|m| String::from_utf8(m.unwrap().bytes).unwrap())
        .collect()
    }

    #[test]
    fn only_a_from_line_in_the_writers_shape_after_an_empty_line_separates() {
        let mbox = "From a@x Thu Nov 24 18:22:48 1986\nSubject: one\n\nFrom here on we go.\n\n\
                    From the start it was clear\nFrom b@x Fri Nov 25 08:00:00 1986\n\n\
                    From MAILER-DAEMON Sat, 26 Nov 1986 09:00:00 +0000\nSubject: two\n\nbody\n\
                    >From quoted\n\nFrom c@x Sat Nov 26 10:00 1986";
        let messages = split(mbox);
        assert_eq!(messages.len(), 2, "{messages:#?}");
        assert_eq!(
            messages[0],
            "Subject: one\n\nFrom here on we go.\n\nFrom the start it was clear\n\
             From b@x Fri Nov 25 08:00:00 1986\n\n"
        );
        // The last line has no newline and still stays with its message.
        assert_eq!(
            messages[1],
            "Subject: two\n\nbody\nFrom quoted\n\nFrom c@x Sat Nov 26 10:00 1986"
        );
    }

    #[test]
    fn separators_of_common_writers_are_recognised() {
        for line in [
            "From MAILER-DAEMON Fri Jul  8 12:08:34 2011\n",
            "From user@example.org Mon Jan  1 00:00:00 +0100 2024\n",
            "From \"a b\"@example.org Tue Feb 2 10:11 2021\n",
            "From - Wed Mar 03 10:11:12 2021\n",
        ] {
            assert!(is_separator(line.as_bytes()), "{line}");
        }
        for line in [
            "From here on.\n",
            "From: a@b\n",
            "From the 12th on\n",
            "From my point of view 10:30 in 2026 is fine.\n",
        ] {
            assert!(!is_separator(line.as_bytes()), "{line}");
        }
    }

    #[test]
    fn a_message_over_the_limit_is_cut_and_its_size_told() {
        let big = format!("From a@x Thu Nov 24 18:22:48 1986\nSubject: big\n\n{}\n\nFrom b@x Thu Nov 24 18:22:48 1986\nSubject: small\n\nx\n", "y".repeat(5000));
        let mut m = Messages {
            reader: big.as_bytes(),
            label: "t".into(),
            max_size: 1000,
            count: 0,
            started: false,
            done: false,
        };
        let first = m.next().unwrap().unwrap();
        assert_eq!(first.bytes.len(), 1000);
        assert_eq!(first.cut_from, Some(13 + 1 + 5000 + 2));
        let second = m.next().unwrap().unwrap();
        assert_eq!(second.bytes, b"Subject: small\n\nx\n");
        assert_eq!(second.cut_from, None);
        assert!(m.next().is_none());
    }
}
