//! fml, the mailing list manager (X-MLServer "fml …", From "list-admin@…"):
//! when it refuses a post it writes to the list's admin address, one line
//! per refused post ending in the list's address ("Duplicated Message-ID in
//! <neko@example.co.jp>."), above "Original mail as follows:". The address
//! is the list's, and fml's own words say why.

use super::{above, Format, Input};
use crate::bounces::{Reason, Recipient};
use regex::Regex;
use std::sync::LazyLock;

pub const FORMAT: Format = Format {
    name: "fml",
    structured: false,
    read: fml,
};

/// A line naming the list: "… in <neko@example.co.jp>."
static LIST_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<([^\s<>@]+@[^\s<>]+)>\.\s*$").expect("valid"));

static COPY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^\s*Original mail as follows:").expect("valid"));

/// fml's words for why it refused a post, in its notice or its subject.
static VERDICTS: LazyLock<Vec<(Reason, Regex)>> = LazyLock::new(|| {
    [
        (Reason::Rejected, r"(?i)not member article from|reject mail from|reject since .+ header may cause mail loop|reject spammers:|you are not a member|spam mail from a spammer is rejected"),
        (Reason::SystemError, r"(?i)duplicated message-id|has detected a loop condition|loop alert:|loop back warning:|unix from loop|fml system error message"),
        (Reason::SecurityError, r"(?i)security alert"),
    ]
    .into_iter()
    .map(|(r, re)| (r, Regex::new(re).expect("valid")))
    .collect()
});

fn fml(input: &Input) -> Option<Vec<Recipient>> {
    let server = input.message.header_raw("X-MLServer")?;
    if !server.trim_start().to_lowercase().starts_with("fml") {
        return None;
    }
    let notice = above(input.notice(), &COPY);
    let subject = input.message.subject().unwrap_or("");
    let mut out = Vec::new();
    for line in notice.lines() {
        let Some(c) = LIST_LINE.captures(line) else {
            continue;
        };
        let mut r = Recipient::found(c[1].to_string(), line.trim().to_string());
        r.reason = [line, subject].iter().find_map(|text| {
            VERDICTS
                .iter()
                .find(|(_, re)| re.is_match(text))
                .map(|(reason, _)| *reason)
        });
        out.push(r);
    }
    (!out.is_empty()).then_some(out)
}
