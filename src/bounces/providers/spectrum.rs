//! Spectrum (Charter): "AUP#In-1310", "AUP#O-1000" in its refusals.

use super::{aup_code, Provider};
use crate::bounces::Reason;

pub const PROVIDER: Provider = Provider {
    name: "spectrum",
    domains: &["charter.net", "spectrum.net", "rr.com"],
    words: &[],
    codes: |text| spectrum(aup_code(text)?),
};

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
