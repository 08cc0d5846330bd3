//! Each provider's sample refusals from the sisimai corpus, with the
//! address and reason tix must find in them; every provider has at least one.

use crate::bounces::analyse;

/// (provider, file under fixtures/, recipient address, reason)
#[rustfmt::skip]
const SAMPLES: &[(&str, &str, &str, &str)] = &[
    ("orange", "sisimai/messages/rhost-franceptt-02.eml", "pseudo-local-part-kijitora-nyaaan@laposte.net", "userunknown"),
    ("orange", "sisimai/messages/rhost-franceptt-04.eml", "xxxx@xxxx.fr", "spamdetected"),
    ("facebook", "sisimai/messages/rhost-facebook-03.eml", "kijitora@facebook.com", "filtered"),
    ("facebook", "sisimai/messages/rhost-facebook-04.eml", "kijitora@facebook.com", "userunknown"),
    ("cox", "sisimai/messages/rhost-cox-01.eml", "recipient55@cox.net", "blocked"),
    ("spectrum", "sisimai/messages/rhost-spectrum-01.eml", "theusername@charter.net", "toomanyconn"),
    ("microsoft", "sisimai/messages/rhost-outlook-08.eml", "kijitora@hotmail.example.com", "userunknown"),
    ("messagelabs", "sisimai/messages/rhost-messagelabs-03.eml", "kijitora@example.com", "userunknown"),
    ("mimecast", "sisimai/messages/rhost-mimecast-01.eml", "sabatora@example.com", "policyviolation"),
    ("godaddy", "sisimai/messages/rhost-godaddy-02.eml", "kijitora@example.com", "blocked"),
    ("tencent", "sisimai/messages/rhost-tencent-01.eml", "nekochan@qq.example.cn", "toomanyconn"),
    ("tencent", "sisimai/messages/rhost-tencent-03.eml", "neko@qq.example.cn", "authfailure"),
];

#[test]
fn every_provider_decides_its_samples() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut wrong = Vec::new();
    for &(provider, file, address, reason) in SAMPLES {
        let raw = std::fs::read(fixtures.join(file)).unwrap();
        let a = analyse(&raw);
        let first = a.recipients.first();
        let have = (
            first.map_or("", |r| r.address.as_str()),
            first.and_then(|r| r.reason).map_or("", |r| r.as_str()),
        );
        if have != (address, reason) {
            wrong.push(format!("{provider} {file}: {have:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_provider_has_samples() {
    for p in super::PROVIDERS {
        assert!(
            SAMPLES.iter().any(|s| s.0 == p.name),
            "{} has no sample",
            p.name
        );
    }
}
