//! Sendmail's returns: "----- The following addresses had permanent fatal
//! errors -----" (or "… had transient non-fatal errors"), each address with
//! its "(reason: …)" and, for an alias or a .forward, "(expanded from: <x>)"
//! below it; a session transcript follows. Newer Sendmail adds an RFC 3464
//! report, older ones only the text. The address a member list holds is the
//! one the mail was sent to: the "expanded from" address, where it is one.

use super::{free_text, rfc3464, Format, Input, ADDRESS};
use crate::bounces::Recipient;
use regex::Regex;
use std::sync::LazyLock;

pub const FORMAT: Format = Format {
    name: "sendmail",
    structured: false,
    read: sendmail,
};

static LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^\s*-+ the following addresses had (permanent fatal|transient non-fatal) errors -+\s*$")
        .expect("valid")
});

static EXPANDED_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^\s*\(expanded from:\s*<?({ADDRESS})>?\s*\)")).expect("valid")
});

fn sendmail(input: &Input) -> Option<Vec<Recipient>> {
    // Sendmail writes its notice in plain text: a cheap first look.
    if !input.raw_contains("ollowing addresses had") {
        return None;
    }
    let notice = input.notice();
    let list = LIST.find(notice)?;
    let mut found =
        rfc3464::delivery_status(input.message).unwrap_or_else(|| free_text::failures(input));
    // The list's entries: (the entry line, the address it was expanded from).
    let mut expanded: Vec<(String, String)> = Vec::new();
    let mut entry = None;
    for line in notice[list.end()..].lines() {
        if line.trim().is_empty() || LIST.is_match(line) {
            continue;
        }
        if !line.starts_with([' ', '\t']) {
            if line.trim_start().starts_with("-----") {
                break;
            }
            entry = Some(line.trim().trim_matches(['<', '>', '"']).to_lowercase());
        } else if let (Some(e), Some(c)) = (&entry, EXPANDED_FROM.captures(line)) {
            expanded.push((e.clone(), c[1].to_string()));
        }
    }
    let single = found.len() == 1 && expanded.len() == 1;
    for r in &mut found {
        let from = expanded
            .iter()
            .find(|(e, _)| *e == r.address.to_lowercase())
            .or(single.then(|| &expanded[0]));
        if let Some((_, sent_to)) = from {
            if !sent_to.eq_ignore_ascii_case(&r.address) {
                r.final_recipient = Some(std::mem::replace(&mut r.address, sent_to.clone()));
            }
        }
    }
    Some(found)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_address_sent_to_is_the_one_an_alias_expanded_from() {
        // A procmail pipe failed for the alias's target; the member list
        // holds the address the alias answers to.
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/sisimai/messages/rfc3464-04.eml"
        );
        let a = crate::bounces::analyse(&std::fs::read(path).unwrap());
        assert_eq!(a.format, "sendmail");
        let r = &a.recipients[0];
        assert_eq!(r.address, "kijitora@neko.example.edu");
        assert_eq!(
            r.final_recipient.as_deref(),
            Some("kijitora@mailx-53.neko.example.edu")
        );
    }
}
