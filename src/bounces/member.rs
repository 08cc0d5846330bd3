//! Who a bounce is about when the report's address is not the member's own
//! (a forward, a rewritten address): a newsletter sent with a VERP return
//! path (`bounces+{member}@…`, CiviCRM's `b.JOB.QUEUE.HASH@…`) or with a
//! list manager's header in the original (`X-Listmonk-Subscriber`,
//! `X-CiviMail-Bounce`) names the member itself. A bounce round's probe
//! goes out under a return path of its own (`{token}`), so its bounce is
//! attributed without doubt.

use crate::mail::parse::ParsedMail;
use regex::Regex;

/// The headers of the report that carry the address it was sent to.
const ENVELOPE_HEADERS: &[&str] = &[
    "to",
    "delivered-to",
    "x-original-to",
    "envelope-to",
    "x-envelope-to",
];

/// The list managers' headers read in the returned original by default.
pub const DEFAULT_HEADERS: &[&str] = &["X-Listmonk-Subscriber", "X-CiviMail-Bounce", "X-Member-Id"];

#[derive(Debug, Clone)]
pub struct MemberPatterns {
    /// As written, and as a pattern capturing `member`.
    pub verp: Vec<(String, Regex)>,
    pub headers: Vec<String>,
    /// The probes' return path, capturing `token`.
    pub probe: Option<(String, Regex)>,
}

impl Default for MemberPatterns {
    fn default() -> Self {
        MemberPatterns {
            verp: vec![],
            headers: DEFAULT_HEADERS.iter().map(|h| h.to_string()).collect(),
            probe: None,
        }
    }
}

impl PartialEq for MemberPatterns {
    fn eq(&self, other: &Self) -> bool {
        let written = |m: &MemberPatterns| {
            (
                m.verp.iter().map(|(w, _)| w.clone()).collect::<Vec<_>>(),
                m.headers.clone(),
                m.probe.as_ref().map(|(w, _)| w.clone()),
            )
        };
        written(self) == written(other)
    }
}

/// A return path pattern: `{NAME}` captures a part (NAME is `member` or
/// `token`), `*` matches any part; the rest is literal, case folded.
pub fn pattern(written: &str, name: &str) -> Result<Regex, String> {
    let wanted = format!("{{{name}}}");
    if !written.contains(&wanted) {
        return Err(format!("{written:?} has no {wanted} in it"));
    }
    let mut re = String::from("(?i)^<?");
    let mut rest = written;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix(&wanted) {
            re.push_str(&format!("(?P<{name}>[^@<>\\s]+?)"));
            rest = after;
        } else if let Some(after) = rest.strip_prefix('*') {
            re.push_str("[^@<>\\s]*?");
            rest = after;
        } else {
            let c = rest.chars().next().unwrap_or_default();
            re.push_str(&regex::escape(&c.to_string()));
            rest = &rest[c.len_utf8()..];
        }
    }
    re.push_str(">?$");
    Regex::new(&re).map_err(|e| format!("{written:?}: {e}"))
}

/// What a report says about whom it concerns.
#[derive(Debug, Default, PartialEq)]
pub struct Named {
    /// The member its return path or a list header names.
    pub member: Option<String>,
    /// The token of a bounce round's probe it returns.
    pub probe: Option<String>,
}

impl MemberPatterns {
    /// Reads the report's envelope headers and the returned original's
    /// headers (anywhere in `raw`, as reports quote them).
    pub fn named(&self, mail: &ParsedMail, raw: &[u8]) -> Named {
        let mut found = Named::default();
        let addresses: Vec<String> = ENVELOPE_HEADERS
            .iter()
            .flat_map(|h| mail.header_values(h))
            .flat_map(|v| {
                v.split(',')
                    .map(|a| a.trim().to_string())
                    .collect::<Vec<_>>()
            })
            .chain(mail.to.iter().cloned())
            .collect();
        for a in &addresses {
            let a = bare(a);
            if found.probe.is_none() {
                found.probe = self
                    .probe
                    .as_ref()
                    .and_then(|(_, re)| re.captures(a))
                    .map(|c| c["token"].to_string());
            }
            if found.member.is_none() {
                found.member = self.member_in(a);
            }
        }
        if found.member.is_none() && !self.headers.is_empty() {
            let text = String::from_utf8_lossy(raw);
            'lines: for line in text.lines() {
                for h in &self.headers {
                    let Some(value) = header_value(line, h) else {
                        continue;
                    };
                    let value = bare(value);
                    if value.is_empty() {
                        continue;
                    }
                    found.member = Some(self.member_in(value).unwrap_or_else(|| value.to_string()));
                    break 'lines;
                }
            }
        }
        found
    }

    fn member_in(&self, address: &str) -> Option<String> {
        self.verp
            .iter()
            .find_map(|(_, re)| re.captures(address))
            .map(|c| c["member"].to_string())
    }
}

/// `value` of a `Name: value` line when it is header `name`.
fn header_value<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let (head, value) = line.split_once(':')?;
    head.trim().eq_ignore_ascii_case(name).then_some(value)
}

/// An address without its display name and angle brackets.
fn bare(a: &str) -> &str {
    let a = a.trim();
    match (a.rfind('<'), a.rfind('>')) {
        (Some(i), Some(j)) if i < j => &a[i + 1..j],
        _ => a.trim_matches(|c| c == '<' || c == '>'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verp_patterns_capture_the_member_and_match_nothing_else() {
        let p = pattern("bounces+{member}@verein.example", "member").unwrap();
        let c = p.captures("<Bounces+4711@Verein.example>").unwrap();
        assert_eq!(&c["member"], "4711");
        assert!(p.captures("bounces@verein.example").is_none());
        assert!(p.captures("bounces+1@other.example").is_none());
        let civi = pattern("b.*.{member}.*@civi.example", "member").unwrap();
        assert_eq!(
            &civi.captures("b.12.3456.abcdef0123@civi.example").unwrap()["member"],
            "3456"
        );
        assert!(pattern("bounces@verein.example", "member").is_err());
    }
}
