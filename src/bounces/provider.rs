//! Error codes some large mail providers put in their refusals, and what
//! their postmaster pages say each one means. A code says more than the
//! words around it ("Service refused, please try later" covers a dozen).

use super::reasons::Reason;
use regex::Regex;
use std::sync::LazyLock;

/// Orange and La Poste: "LPN007_416", "OFR_506", "OFR004_405 [405]".
static ORANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:lpnaaa|lpn|ofr|ouk)(?:\d{3})?_?(\d{3})(?-u:\b)").expect("valid")
});

/// Cox ("AUP#CXBL") and Spectrum ("AUP#In-1310", "AUP#O-1000").
static AUP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"AUP#([A-Za-z0-9-]+)").expect("valid"));

/// Facebook: "550 5.1.1 RCP-P2 http://postmaster.facebook.com/response_codes…".
static FACEBOOK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)((?:RCP|POL|MSG|DNS|CON|INT)-[PT]\d)(?-u:\b)").expect("valid")
});

/// The reason a provider's own code in `diagnostic` names, if there is one.
pub fn reason(diagnostic: &str) -> Option<Reason> {
    if let Some(c) = ORANGE.captures(diagnostic) {
        return orange(&c[1]);
    }
    if diagnostic.contains("facebook.com") {
        if let Some(c) = FACEBOOK.captures(diagnostic) {
            return facebook(&c[1]);
        }
    }
    let code = AUP.captures(diagnostic)?;
    let code = &code[1];
    cox(code).or_else(|| spectrum(code))
}

fn orange(code: &str) -> Option<Reason> {
    Some(match code {
        "101" | "102" | "103" | "510" | "999" => Reason::Blocked,
        "104" => Reason::TooManyConn,
        "305" | "402" => Reason::SecurityError,
        "401" | "517" => Reason::AuthFailure,
        "403" | "405" | "415" | "421" => Reason::Rejected,
        "416" => Reason::UserUnknown,
        "417" => Reason::MailboxFull,
        "420" | "426" => Reason::Suspend,
        "505" => Reason::SystemError,
        "506" => Reason::SpamDetected,
        "514" => Reason::MesgTooBig,
        "630" => Reason::PolicyViolation,
        _ => return None,
    })
}

fn facebook(code: &str) -> Option<Reason> {
    Some(match code {
        "RCP-P1" | "INT-P1" | "INT-P3" | "INT-P4" => Reason::UserUnknown,
        "RCP-P2" | "RCP-P3" => Reason::Filtered,
        "RCP-T4" => Reason::Suspend,
        "RCP-T1" => Reason::SystemError,
        "POL-P1" | "POL-P2" | "POL-P3" | "POL-P4" | "POL-T1" | "POL-T2" | "POL-T3" => {
            Reason::Blocked
        }
        "POL-P5" => Reason::VirusDetected,
        "POL-P6" => Reason::SpamDetected,
        "POL-P7" => Reason::AuthFailure,
        "MSG-P1" | "INT-P2" => Reason::MesgTooBig,
        "MSG-P2" => Reason::ContentError,
        "MSG-P3" => Reason::NotCompliantRfc,
        "DNS-P1" | "DNS-P2" | "DNS-T1" => Reason::Rejected,
        "DNS-P3" | "DNS-T2" => Reason::RequirePtr,
        "CON-T1" | "CON-T2" | "CON-T3" | "CON-T4" | "MSG-T1" => Reason::TooManyConn,
        _ => return None,
    })
}

fn cox(code: &str) -> Option<Reason> {
    Some(match code {
        "CXBL" | "CDRBL" => Reason::Blocked,
        c if c.starts_with("IPBL") => Reason::Blocked,
        c if c.starts_with("URLBL") => Reason::SpamDetected,
        "CXDNS" => Reason::RequirePtr,
        "CXSNDR" => Reason::AuthFailure,
        "CXSMTP" => Reason::Rejected,
        "CXCNCT" | "CXMXRT" => Reason::TooManyConn,
        "CXTHRT" | "CXMJ" => Reason::SecurityError,
        _ => return None,
    })
}

/// Spectrum: a letter for the direction, then a four-digit number.
fn spectrum(code: &str) -> Option<Reason> {
    let digits: String = code.chars().filter(char::is_ascii_digit).collect();
    let n: u16 = digits.parse().ok().filter(|_| digits.len() == 4)?;
    Some(match n {
        1000 | 1200..=1250 => Reason::Blocked,
        1010..=1080 | 1500 | 1520 => Reason::Rejected,
        1090 => Reason::SystemError,
        1100..=1150 => Reason::RequirePtr,
        1160..=1190 | 1560 => Reason::PolicyViolation,
        1260 => Reason::NetworkError,
        1300..=1340 => Reason::TooManyConn,
        1350..=1490 | 1540 | 1550 | 1580 => Reason::Speeding,
        1530 => Reason::MesgTooBig,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_codes_name_their_reasons() {
        let orange = "550 5.5.0 Adresse destinataire invalide. Invalid recipient. LPN007_416";
        assert_eq!(reason(orange), Some(Reason::UserUnknown));
        assert_eq!(
            reason("Mail rejete. Mail rejected. OFR_506 [506]"),
            Some(Reason::SpamDetected)
        );
        assert_eq!(
            reason("550 5.1.0 <a@b> sender rejected. AUP#CDRBL"),
            Some(Reason::Blocked)
        );
        assert_eq!(
            reason("550 5.1.0 sender rejected. AUP#In-1310"),
            Some(Reason::TooManyConn)
        );
        // Not a provider code: a reference id that merely looks like one.
        assert_eq!(reason("550 5.7.1 refused (ofr_xyz)"), None);
    }
}
