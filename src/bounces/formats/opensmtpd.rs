//! OpenSMTPD's returns: an RFC 3464 report under its own notice ("This is
//! the MAILER-DAEMON, please DO NOT REPLY"), without Diagnostic-Code fields
//! (the notice's "address: reason" lines say why). When an envelope's queue
//! lifetime ends, OpenSMTPD 6.8 still writes the delay template ("Action:
//! delayed", "only a temporary failure report") with "Envelope expired":
//! the message is gone, so that recipient failed.

use super::{rfc3464, Format, Input};
use crate::bounces::Recipient;

pub const FORMAT: Format = Format {
    name: "opensmtpd",
    structured: true,
    read: opensmtpd,
};

fn opensmtpd(input: &Input) -> Option<Vec<Recipient>> {
    if !input.raw_contains("This is the MAILER-DAEMON, please DO NOT REPLY") {
        return None;
    }
    let notice = input.notice();
    let mut found = rfc3464::delivery_status(input.message)?;
    let expired: Vec<&str> = notice
        .lines()
        .filter(|l| l.trim_end().ends_with(": Envelope expired"))
        .collect();
    for r in &mut found {
        let gone = expired
            .iter()
            .any(|l| l.to_lowercase().starts_with(&format!("{}:", r.address)));
        if gone {
            r.delayed = false;
        }
    }
    Some(found)
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_expired_envelope_is_a_failure_whatever_the_template_says() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/sisimai/messages/lhost-opensmtpd-16.eml"
        );
        let a = crate::bounces::analyse(&std::fs::read(path).unwrap());
        assert_eq!(a.format, "opensmtpd");
        let r = &a.recipients[0];
        assert!(!r.delayed);
        assert_eq!(r.reason, Some(crate::bounces::Reason::Expired));
        assert!(!r.hard);
    }
}
