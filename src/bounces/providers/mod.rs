//! Large mail providers whose refusals mean more than their words say
//! elsewhere: their own codes ("LPN007_416", "AUP#CXBL"), recognisable in
//! any diagnostic, and their servers' words for a cause, which count only
//! where the report is about one of their domains. A new provider is one
//! file here, registered in [`PROVIDERS`], with a test of its samples.

mod cox;
mod facebook;
mod godaddy;
mod messagelabs;
mod microsoft;
mod mimecast;
mod orange;
mod spectrum;
mod tencent;

use super::Reason;
use regex::Regex;
use std::sync::LazyLock;

pub struct Provider {
    /// Its name, as its samples (the tests) name it.
    #[cfg_attr(not(test), allow(dead_code))]
    pub name: &'static str,
    /// Domains of its mail servers and mailboxes.
    pub domains: &'static [&'static str],
    /// Its servers' own wording of a cause (regexes, ASCII, matched without
    /// case), for reports about its domains only.
    pub words: &'static [(Reason, &'static str)],
    /// The reason its own code in a diagnostic names, if there is one.
    pub codes: fn(&str) -> Option<Reason>,
}

pub const PROVIDERS: &[Provider] = &[
    orange::PROVIDER,
    facebook::PROVIDER,
    cox::PROVIDER,
    spectrum::PROVIDER,
    microsoft::PROVIDER,
    messagelabs::PROVIDER,
    mimecast::PROVIDER,
    godaddy::PROVIDER,
    tencent::PROVIDER,
];

/// The reason a provider's own code in `diagnostic` names.
pub fn by_code(diagnostic: &str) -> Option<Reason> {
    PROVIDERS.iter().find_map(|p| (p.codes)(diagnostic))
}

/// Every provider's words in one set, asked once per diagnostic, with the
/// provider and the reason of each pattern.
struct Words {
    set: regex::bytes::RegexSet,
    said: Vec<(&'static Provider, Reason)>,
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let said: Vec<(&Provider, Reason, &str)> = PROVIDERS
        .iter()
        .flat_map(|p| p.words.iter().map(move |(r, w)| (p, *r, *w)))
        .collect();
    let set = regex::bytes::RegexSet::new(said.iter().map(|(_, _, w)| format!("(?i-u){w}")))
        .expect("valid");
    Words {
        set,
        said: said.into_iter().map(|(p, r, _)| (p, r)).collect(),
    }
});

/// The reason a provider's words in `diagnostic` name, where `hosts` (the
/// names of the hosts and the address the report is about, asked only when
/// some provider's words are there) end in one of its domains.
pub fn by_words(diagnostic: &str, hosts: impl FnOnce() -> String) -> Option<Reason> {
    let matched = WORDS.set.matches(diagnostic.as_bytes());
    if !matched.matched_any() {
        return None;
    }
    let known = hosts().to_lowercase();
    // Host names and addresses, whatever brackets or quotes hold them.
    let names: Vec<&str> = known
        .split(|c: char| !(c.is_ascii_alphanumeric() || ".-@_".contains(c)))
        .filter(|n| !n.is_empty())
        .collect();
    matched
        .iter()
        .map(|i| WORDS.said[i])
        .find_map(|(p, reason)| {
            let ours = names.iter().any(|host| {
                p.domains.iter().any(|d| {
                    host.strip_suffix(d)
                        .is_some_and(|rest| rest.is_empty() || rest.ends_with(['.', '@']))
                })
            });
            ours.then_some(reason)
        })
}

/// The code after "AUP#" (Cox, Spectrum).
fn aup_code(text: &str) -> Option<&str> {
    static AUP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"AUP#([A-Za-z0-9-]+)").expect("valid"));
    Some(AUP.captures(text)?.get(1)?.as_str())
}

#[cfg(test)]
mod samples;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_codes_name_their_reasons() {
        let orange = "550 5.5.0 Adresse destinataire invalide. Invalid recipient. LPN007_416";
        assert_eq!(by_code(orange), Some(Reason::UserUnknown));
        assert_eq!(
            by_code("Mail rejete. Mail rejected. OFR_506 [506]"),
            Some(Reason::SpamDetected)
        );
        assert_eq!(
            by_code("550 5.1.0 <a@b> sender rejected. AUP#CDRBL"),
            Some(Reason::Blocked)
        );
        assert_eq!(
            by_code("550 5.1.0 sender rejected. AUP#In-1310"),
            Some(Reason::TooManyConn)
        );
        assert_eq!(
            by_code("550 192.0.2.22 has sent to too many recipients this hour. IB607"),
            Some(Reason::TooManyConn)
        );
        // Not a provider code: a reference id that merely looks like one.
        assert_eq!(by_code("550 5.7.1 refused (ofr_xyz)"), None);
    }

    #[test]
    fn provider_words_count_for_its_own_domains_only() {
        let said = "550 Requested action not taken: mailbox unavailable (-22:2222:-22)";
        let hotmail = || "host [bay004-mc1f22.hotmail.com] said <anna@hotmail.de>".to_string();
        assert_eq!(by_words(said, hotmail), Some(Reason::UserUnknown));
        let elsewhere = || "mx.example.org anna@nothotmail.com".to_string();
        assert_eq!(by_words(said, elsewhere), None);
        // Mimecast writes an en dash where others write a hyphen.
        let mimecast = || "eu-smtp-inbound-1.mimecast.com".to_string();
        let said = "550 Envelope blocked \u{2013} User Entry - https://community.mimecast.com";
        assert_eq!(by_words(said, mimecast), Some(Reason::Rejected));
        let messagelabs = || "server-7.bemta-3.messagelabs.com".to_string();
        assert_eq!(
            by_words("542 anna@example.com Rejected", messagelabs),
            Some(Reason::UserUnknown)
        );
    }
}
