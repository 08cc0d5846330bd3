//! qmail's returns ("Hi. This is the qmail-send program at …"): each failed
//! address on a line of its own as `<address>:`, its diagnostic in the lines
//! below up to an empty line, and qmail's own status as "(#5.1.1)".

use super::{above, Format, Input};
use crate::bounces::Recipient;
use regex::Regex;
use std::sync::LazyLock;

pub const FORMAT: Format = Format {
    name: "qmail",
    structured: false,
    read: qmail,
};

static NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)this is the qmail-send program|i'm afraid i wasn't able to deliver your message to the following addresses")
        .expect("valid")
});

static COPY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?im)^\s*-+ ?below this line is").expect("valid"));

/// "<anna@example.org>:" with perhaps the diagnostic's start after it.
static ENTRY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*<([^\s<>@]+@[^\s<>]+)>:?\s*(.*)$").expect("valid"));

fn qmail(input: &Input) -> Option<Vec<Recipient>> {
    if !input.raw_contains("qmail") && !input.raw_contains("able to deliver your message") {
        return None;
    }
    let body = input.notice();
    let start = NOTICE.find(body)?.start();
    let notice = above(&body[start..], &COPY);
    let mut out: Vec<Recipient> = Vec::new();
    let mut open = false;
    for line in notice.lines() {
        if let Some(c) = ENTRY.captures(line) {
            out.push(Recipient::found(c[1].to_string(), c[2].trim().to_string()));
            open = true;
        } else if line.trim().is_empty() {
            open = false;
        } else if open {
            let r = out.last_mut().expect("an entry is open");
            if !r.diagnostic.is_empty() {
                r.diagnostic.push(' ');
            }
            r.diagnostic.push_str(line.trim());
        }
    }
    if out.is_empty() {
        return None;
    }
    for r in &mut out {
        r.take_codes_from_diagnostic();
    }
    Some(out)
}
