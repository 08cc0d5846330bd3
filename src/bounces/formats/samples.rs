//! Each reader's own sample messages, with what must be read from them:
//! the format that recognises the message, and its first recipient's
//! address, status, reason and hard/soft. Samples come from the sisimai
//! corpus (where tix and the corpus agree) and from real MTAs
//! (fixtures/mail/bounces/mta, whose truth the MTA test chose).

use crate::bounces::analyse;

/// (format, file under fixtures/, address, status, reason, hard)
#[rustfmt::skip]
const SAMPLES: &[(&str, &str, &str, &str, &str, bool)] = &[
    ("amazon-ses", "sisimai/messages/lhost-amazonses-10.eml", "bounce@simulator.amazonses.com", "5.1.1", "userunknown", true),
    ("amazon-ses", "sisimai/messages/lhost-amazonses-11.eml", "complaint@simulator.amazonses.com", "", "feedback", false),
    ("arf", "sisimai/messages/arf-01.eml", "redacted@example.net", "", "feedback", false),
    ("arf", "sisimai/messages/arf-02.eml", "this-local-part-does-not-exist-on-yahoo@yahoo.com", "", "feedback", false),
    ("auto-reply", "sisimai/messages/rfc3834-01.eml", "kijitora@example.net", "", "vacation", false),
    ("auto-reply", "sisimai/messages/rfc3834-02.eml", "nekonyaan@example.org", "", "vacation", false),
    ("exim", "sisimai/messages/lhost-exim-01.eml", "kijitora@example.ed.jp", "5.7.0", "blocked", false),
    ("exim", "sisimai/messages/lhost-exim-03.eml", "kijitora@example.or.jp", "5.7.0", "policyviolation", false),
    ("exim", "sisimai/messages/lhost-exim-05.eml", "kijitora@neko.example.co.jp", "5.1.1", "userunknown", true),
    ("exim", "sisimai/messages/lhost-exim-31.eml", "kijitora@example.net", "5.0.912", "hostunknown", true),
    ("exim", "sisimai/messages/lhost-exim-32.eml", "kijitora@example.net", "5.0.973", "requireptr", false),
    ("sendmail", "sisimai/messages/lhost-activehunter-01.eml", "kijitora@example.org", "5.1.1", "userunknown", true),
    ("sendmail", "sisimai/messages/lhost-activehunter-02.eml", "kijitora@example.ed.jp", "5.0.910", "filtered", false),
    ("free-text", "sisimai/messages/lhost-amazonworkmail-03.eml", "kuroneko@example.org", "5.3.5", "systemerror", false),
    ("free-text", "sisimai/messages/lhost-amazonworkmail-04.eml", "chatoraneko@example.jp", "5.2.2", "mailboxfull", false),
    ("free-text", "sisimai/messages/lhost-amazonworkmail-05.eml", "sabatora@example.libsisimai.org", "4.4.2", "expired", false),
    ("google", "sisimai/messages/lhost-gmail-01.eml", "userunknown@example.jp", "5.1.1", "userunknown", true),
    ("google", "sisimai/messages/lhost-gmail-04.eml", "kijitora@example.com", "5.7.1", "blocked", false),
    ("google", "sisimai/messages/lhost-gmail-05.eml", "shironeko@example.jp", "5.7.1", "securityerror", false),
    ("google", "sisimai/messages/lhost-gmail-07.eml", "kijitora@example.ed.jp", "5.0.976", "failedstarttls", false),
    ("google", "sisimai/messages/lhost-gmail-10.eml", "kijitora@6jo.example.co.jp", "5.0.947", "expired", false),
    ("fml", "sisimai/messages/lhost-fml-03.eml", "neko@example.co.jp", "5.0.930", "systemerror", false),
    ("imail", "sisimai/messages/lhost-imailserver-01.eml", "kijitora@example.com", "5.0.911", "userunknown", true),
    ("imail", "sisimai/messages/lhost-imailserver-02.eml", "kijitora@example.co.jp", "5.0.922", "mailboxfull", false),
    ("imail", "sisimai/messages/lhost-imailserver-06.eml", "kijitora@example.jp", "5.0.980", "spamdetected", false),
    ("verizon", "sisimai/messages/lhost-verizon-01.eml", "0000000000@vzwpix.com", "5.0.911", "userunknown", true),
    ("verizon", "sisimai/messages/lhost-verizon-02.eml", "may-be-straycat-nyaaaaaan@vtext.com", "5.0.911", "userunknown", true),
    ("opensmtpd", "mail/bounces/mta/opensmtpd-user-unknown-failure.eml", "reject-anna@remote.test", "5.1.1", "userunknown", true),
    ("opensmtpd", "mail/bounces/mta/opensmtpd-expired-expired.eml", "tempfail-dora@remote.test", "4.4.7", "expired", false),
    ("opensmtpd", "mail/bounces/mta/opensmtpd-host-unknown-failure.eml", "greta@nohost.test", "5.0.0", "hostunknown", true),
    ("sendmail", "sisimai/messages/lhost-sendmail-01.eml", "userunknown@bouncehammer.jp", "5.1.1", "userunknown", true),
    ("sendmail", "sisimai/messages/lhost-sendmail-22.eml", "kijitora@example.net", "5.1.6", "hasmoved", true),
    ("sendmail", "sisimai/messages/lhost-sendmail-39.eml", "kijitora@nekochan.example.ne.jp", "4.4.5", "systemfull", false),
    ("qmail", "sisimai/messages/lhost-qmail-01.eml", "kijitora@example.ne.jp", "5.5.0", "userunknown", true),
    ("qmail", "sisimai/messages/lhost-qmail-02.eml", "userunknown@example.jp", "5.1.1", "userunknown", true),
    ("qmail", "sisimai/messages/lhost-qmail-03.eml", "kijitora@example.org", "5.7.1", "rejected", false),
    ("qmail", "sisimai/messages/lhost-qmail-04.eml", "kijitora@example.net", "5.0.0", "blocked", false),
    ("qmail", "sisimai/messages/lhost-qmail-10.eml", "kijitora@neko2.example.co.jp", "5.0.921", "suspend", false),
    ("rfc3464", "sisimai/messages/lhost-amavis-01.eml", "neko@example.co.jp", "5.1.1", "userunknown", true),
    ("rfc3464", "sisimai/messages/lhost-amavis-02.eml", "neko@example.co.jp", "5.1.1", "userunknown", true),
    ("rfc3464", "sisimai/messages/lhost-amazonses-01.eml", "shironeko@example.co.jp", "5.7.1", "securityerror", false),
    ("rfc3464", "sisimai/messages/lhost-amazonses-02.eml", "this-local-part-does-not-exist-on-the-server@docomo.ne.jp", "5.3.0", "filtered", false),
    ("rfc3464", "sisimai/messages/lhost-amazonses-14.eml", "sironeko@neko.example.org", "5.7.1", "blocked", false),
    ("exim", "sisimai/messages/lhost-exim-04.eml", "kijitora@example.ed.jp", "5.7.0", "blocked", false),
    // Exim gave up retrying: temporary; the address as sent, not as forwarded.
    ("exim", "sisimai/messages/lhost-exim-08.eml", "nekochan@example.org", "4.0.947", "expired", false),
    // The sender refused before any recipient: on hold's status, the words' reason.
    ("exim", "sisimai/messages/lhost-exim-36.eml", "kijitora@example.edu", "5.0.901", "rejected", false),
    ("exim", "sisimai/messages/lhost-exim-38.eml", "kijitora@example.co.jp", "4.0.901", "requireptr", false),
    // The Status of the delivery-status part Exim attaches.
    ("exim", "sisimai/messages/lhost-exim-60.eml", "nyaan%gol.com@q002.kijitora.gol.com", "5.0.0", "mailboxfull", false),
    // 1&1's notice in Exim's words, the reason below the address at the margin.
    ("exim", "sisimai/messages/rhost-franceptt-04.eml", "xxxx@xxxx.fr", "5.2.0", "spamdetected", false),
    ("exim", "sisimai/messages/lhost-exim-58.eml", "nyaan@example.com", "5.0.934", "mesgtoobig", false),
    ("google", "sisimai/messages/lhost-googlegroups-01.eml", "libsisimai@googlegroups.com", "5.0.918", "rejected", false),
    ("google", "sisimai/messages/lhost-googleworkspace-01.eml", "neko-nyaan-cat-meeting@google-groups.example.com", "5.0.918", "rejected", false),
    ("rfc3464", "sisimai/messages/lhost-postfix-32.eml", "\"neko....nyaan....\"@libsisimai.org", "5.1.1", "userunknown", true),
    ("sendmail", "sisimai/messages/lhost-sendmail-15.eml", "kijitora@example.org", "5.1.2", "hostunknown", true),
    // A report whose recipient has an Original-Recipient field and no Final-Recipient.
    ("rfc3464", "sisimai/messages/lhost-mcafee-02.eml", "kijitora@example.jp", "5.1.1", "userunknown", true),
    ("rfc3464", "mail/bounces/mta/postfix-user-unknown-failure.eml", "reject-anna@remote.test", "5.1.1", "userunknown", true),
    ("rfc3464", "mail/bounces/mta/postfix-expired-failure.eml", "tempfail-dora@remote.test", "4.3.0", "expired", false),
    ("rfc3464", "mail/bounces/mta/postfix-local-mailbox-over-limit-failure.eml", "nobody@local.tix.test", "5.2.2", "mailboxfull", false),
    ("rfc3464", "mail/bounces/mta/exim-host-unknown-failure.eml", "greta@nohost.test", "5.0.0", "hostunknown", true),
    ("rfc3464", "mail/bounces/mta/exim-local-mailbox-over-limit-failure.eml", "nobody@local.tix.test", "5.0.0", "mailboxfull", false),
    ("rfc3464", "mail/bounces/mta/postfix-sender-refused-failure.eml", "emil@remote.test", "5.7.1", "rejected", false),
];

#[test]
fn every_reader_reads_its_samples() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut wrong = Vec::new();
    for &(format, file, address, status, reason, hard) in SAMPLES {
        let raw = std::fs::read(fixtures.join(file)).unwrap();
        let a = analyse(&raw);
        let first = a.recipients.first();
        let have = (
            a.format,
            first.map_or("", |r| r.address.as_str()),
            first.map_or("", |r| r.status.as_str()),
            first.and_then(|r| r.reason).map_or("", |r| r.as_str()),
            first.is_some_and(|r| r.hard),
        );
        if have != (format, address, status, reason, hard) {
            wrong.push(format!("{file}: {have:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Readers with a single real sample: the corpus holds one fml notice.
const ONE_SAMPLE: &[&str] = &["fml"];

#[test]
fn every_reader_has_samples() {
    for f in super::FORMATS {
        let n = SAMPLES.iter().filter(|s| s.0 == f.name).count();
        let least = if ONE_SAMPLE.contains(&f.name) { 1 } else { 2 };
        assert!(n >= least, "{} has {n} samples", f.name);
    }
}
