//! Error codes some large mail providers put in their refusals, and what
//! their postmaster pages say each one means. A code says more than the
//! words around it ("Service refused, please try later" covers a dozen).

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
pub fn reason(diagnostic: &str) -> Option<&'static str> {
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

fn orange(code: &str) -> Option<&'static str> {
    Some(match code {
        "101" | "102" | "103" | "510" | "999" => "blocked",
        "104" => "toomanyconn",
        "305" | "402" => "securityerror",
        "401" | "517" => "authfailure",
        "403" | "405" | "415" | "421" => "rejected",
        "416" => "userunknown",
        "417" => "mailboxfull",
        "420" | "426" => "suspend",
        "505" => "systemerror",
        "506" => "spamdetected",
        "514" => "mesgtoobig",
        "630" => "policyviolation",
        _ => return None,
    })
}

fn facebook(code: &str) -> Option<&'static str> {
    Some(match code {
        "RCP-P1" | "INT-P1" | "INT-P3" | "INT-P4" => "userunknown",
        "RCP-P2" | "RCP-P3" => "filtered",
        "RCP-T4" => "suspend",
        "RCP-T1" => "systemerror",
        "POL-P1" | "POL-P2" | "POL-P3" | "POL-P4" | "POL-T1" | "POL-T2" | "POL-T3" => "blocked",
        "POL-P5" => "virusdetected",
        "POL-P6" => "spamdetected",
        "POL-P7" => "authfailure",
        "MSG-P1" | "INT-P2" => "mesgtoobig",
        "MSG-P2" => "contenterror",
        "MSG-P3" => "notcompliantrfc",
        "DNS-P1" | "DNS-P2" | "DNS-T1" => "rejected",
        "DNS-P3" | "DNS-T2" => "requireptr",
        "CON-T1" | "CON-T2" | "CON-T3" | "CON-T4" | "MSG-T1" => "toomanyconn",
        _ => return None,
    })
}

fn cox(code: &str) -> Option<&'static str> {
    Some(match code {
        "CXBL" | "CDRBL" => "blocked",
        c if c.starts_with("IPBL") => "blocked",
        c if c.starts_with("URLBL") => "spamdetected",
        "CXDNS" => "requireptr",
        "CXSNDR" => "authfailure",
        "CXSMTP" => "rejected",
        "CXCNCT" | "CXMXRT" => "toomanyconn",
        "CXTHRT" | "CXMJ" => "securityerror",
        _ => return None,
    })
}

/// Spectrum: a letter for the direction, then a four-digit number.
fn spectrum(code: &str) -> Option<&'static str> {
    let digits: String = code.chars().filter(char::is_ascii_digit).collect();
    let n: u16 = digits.parse().ok().filter(|_| digits.len() == 4)?;
    Some(match n {
        1000 | 1200..=1250 => "blocked",
        1010..=1080 | 1500 | 1520 => "rejected",
        1090 => "systemerror",
        1100..=1150 => "requireptr",
        1160..=1190 | 1560 => "policyviolation",
        1260 => "networkerror",
        1300..=1340 => "toomanyconn",
        1350..=1490 | 1540 | 1550 | 1580 => "speeding",
        1530 => "mesgtoobig",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_codes_name_their_reasons() {
        let orange = "550 5.5.0 Adresse destinataire invalide. Invalid recipient. LPN007_416";
        assert_eq!(reason(orange), Some("userunknown"));
        assert_eq!(
            reason("Mail rejete. Mail rejected. OFR_506 [506]"),
            Some("spamdetected")
        );
        assert_eq!(
            reason("550 5.1.0 <a@b> sender rejected. AUP#CDRBL"),
            Some("blocked")
        );
        assert_eq!(
            reason("550 5.1.0 sender rejected. AUP#In-1310"),
            Some("toomanyconn")
        );
        // Not a provider code: a reference id that merely looks like one.
        assert_eq!(reason("550 5.7.1 refused (ofr_xyz)"), None);
    }
}
