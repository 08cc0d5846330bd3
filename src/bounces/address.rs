//! The failed address as a member list holds it: a real address that the
//! report names, with the local part spelled as the report spells it.

/// A report's text, searched for the addresses found in it: the raw
/// message first (ASCII-folded once, so a match gives the original
/// spelling at the same offset), and only when that fails its decoded
/// parts (an encoded delivery status, say).
pub struct Report<'a> {
    raw: &'a [u8],
    folded: Vec<u8>,
    decoded: std::cell::OnceCell<(String, String)>,
    decode: &'a dyn Fn() -> String,
    /// Where each address looked up together first stands: in the raw
    /// text, else (`Err`) in the decoded one, else nowhere.
    places: std::cell::RefCell<std::collections::HashMap<String, Place>>,
}

#[derive(Clone, Copy)]
enum Place {
    Raw(usize),
    Decoded(usize),
    Nowhere,
}

impl<'a> Report<'a> {
    pub fn new(raw: &'a [u8], decode: &'a dyn Fn() -> String) -> Self {
        Report {
            raw,
            folded: raw.to_ascii_lowercase(),
            decoded: std::cell::OnceCell::new(),
            decode,
            places: Default::default(),
        }
    }

    /// The decoded text and its lower-case form, made once.
    fn decoded(&self) -> &(String, String) {
        self.decoded.get_or_init(|| {
            let decoded = (self.decode)();
            let folded = decoded.to_lowercase();
            (decoded, folded)
        })
    }

    /// Looks up every address of `found` in one pass over the text: a
    /// report naming 40,000 recipients is read once, not once for each.
    pub fn look_up_all<'f>(&self, found: impl IntoIterator<Item = &'f str>) {
        let mut wanted: Vec<String> = found
            .into_iter()
            .map(|f| strip_wrapping(f).to_lowercase())
            .filter(|a| !a.is_empty())
            .collect();
        wanted.sort();
        wanted.dedup();
        let mut places = self.places.borrow_mut();
        let missing = first_places(&self.folded, &wanted, &mut places, Place::Raw);
        if !missing.is_empty() {
            let (_, folded) = self.decoded();
            let nowhere = first_places(folded.as_bytes(), &missing, &mut places, Place::Decoded);
            for address in nowhere {
                places.insert(address, Place::Nowhere);
            }
        }
    }

    /// The address as the report writes it, if it does.
    fn written(&self, lower: &str) -> Option<String> {
        let known = self.places.borrow().get(lower).copied();
        let place = match known {
            Some(place) => place,
            None => match memchr::memmem::find(&self.folded, lower.as_bytes()) {
                Some(at) => Place::Raw(at),
                None => match self.decoded().1.find(lower) {
                    Some(at) => Place::Decoded(at),
                    None => Place::Nowhere,
                },
            },
        };
        match place {
            Place::Raw(at) => {
                let bytes = self.raw.get(at..at + lower.len())?;
                std::str::from_utf8(bytes).ok().map(str::to_string)
            }
            Place::Decoded(at) => {
                let (decoded, folded) = self.decoded();
                // Offsets agree only where folding kept every length.
                if folded.len() == decoded.len() {
                    decoded.get(at..at + lower.len()).map(str::to_string)
                } else {
                    Some(lower.to_string())
                }
            }
            Place::Nowhere => None,
        }
    }
}

/// Notes where in `text` each of `wanted` first stands (as `place`);
/// returns those it does not contain.
fn first_places(
    text: &[u8],
    wanted: &[String],
    places: &mut std::collections::HashMap<String, Place>,
    place: fn(usize) -> Place,
) -> Vec<String> {
    if wanted.is_empty() {
        return vec![];
    }
    // A report names one address or a few: a search each costs less than
    // building an automaton for them (which was a fifth of bounce-report).
    let automaton = (wanted.len() > 16)
        .then(|| {
            aho_corasick::AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .build(wanted)
                .ok()
        })
        .flatten();
    let Some(finder) = automaton else {
        let mut missing = vec![];
        for w in wanted {
            match memchr::memmem::find(text, w.as_bytes()) {
                Some(at) => {
                    places.insert(w.clone(), place(at));
                }
                None => missing.push(w.clone()),
            }
        }
        return missing;
    };
    let mut first: Vec<Option<usize>> = vec![None; wanted.len()];
    for m in finder.find_overlapping_iter(text) {
        let slot = &mut first[m.pattern().as_usize()];
        if slot.is_none() {
            *slot = Some(m.start());
        }
    }
    let mut missing = vec![];
    for (w, at) in wanted.iter().zip(first) {
        match at {
            Some(at) => {
                places.insert(w.clone(), place(at));
            }
            None => missing.push(w.clone()),
        }
    }
    missing
}

/// `found` (as detection lower-cased it, perhaps with wrapping text) if it
/// is a well-formed address that `report` contains: the local part as
/// written there, the domain in lower case. `None` for anything else.
pub fn as_reported(found: &str, report: &Report) -> Option<String> {
    let cleaned = strip_wrapping(found);
    let (local, domain) = cleaned.rsplit_once('@')?;
    if !valid_local(local) || !valid_domain(domain) {
        return None;
    }
    let written = report.written(&cleaned.to_lowercase())?;
    let (written_local, _) = written.rsplit_once('@')?;
    Some(format!("{written_local}@{}", domain.to_lowercase()))
}

/// Whether `found` is an address at all, once its wrapping is off: not a
/// pipe, a file, a source route or a local part with stray dots.
pub fn well_formed(found: &str) -> bool {
    strip_wrapping(found)
        .rsplit_once('@')
        .is_some_and(|(local, domain)| valid_local(local) && valid_domain(domain))
}

/// What MTAs and gateways wrap addresses in: `smtp=`, `rfc822;`, quotes,
/// angle brackets, a trailing dot.
fn strip_wrapping(found: &str) -> &str {
    let mut a = found.trim();
    for prefix in ["smtp=", "smtp:", "rfc822;", "mailto:"] {
        if a.len() > prefix.len() && a[..prefix.len()].eq_ignore_ascii_case(prefix) {
            a = a[prefix.len()..].trim();
        }
    }
    let a = a
        .trim_matches(|c: char| matches!(c, '<' | '>' | '\'' | '`' | '(' | ')' | '[' | ']'))
        .trim_end_matches(['.', ',', ';', ':']);
    // Quotes around the whole address go; a quoted local part stays.
    if a.starts_with('"') && !a.contains("\"@") {
        a.trim_matches('"')
    } else {
        a
    }
}

fn valid_local(local: &str) -> bool {
    // "odd..but valid"@example.org
    if local.len() >= 2 && local.starts_with('"') && local.ends_with('"') {
        let inner = &local[1..local.len() - 1];
        return local.len() <= 64 && !inner.contains(['"', '\\', '\r', '\n']);
    }
    !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c))
}

fn valid_domain(domain: &str) -> bool {
    if domain.starts_with('[') && domain.ends_with(']') {
        return domain[1..domain.len() - 1]
            .parse::<std::net::IpAddr>()
            .is_ok();
    }
    let labels: Vec<&str> = domain.split('.').collect();
    domain.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

#[cfg(test)]
mod tests {
    use super::{as_reported as found_in, Report};

    fn as_reported(found: &str, text: &str) -> Option<String> {
        let nothing_encoded = String::new;
        found_in(found, &Report::new(text.as_bytes(), &nothing_encoded))
    }

    #[test]
    fn addresses_are_cleaned_checked_and_spelled_as_reported() {
        let report =
            "Final-Recipient: rfc822; Kassenpruefer@Verein.TEST\nsmtp=Anna.B@example.org\n";
        assert_eq!(
            as_reported("kassenpruefer@verein.test", report).as_deref(),
            Some("Kassenpruefer@verein.test")
        );
        assert_eq!(
            as_reported("smtp=anna.b@example.org", report).as_deref(),
            Some("Anna.B@example.org")
        );
        assert_eq!(
            as_reported("'anna.b@example.org", report).as_deref(),
            Some("Anna.B@example.org")
        );
        // Not in the report, or not an address at all: never printed.
        assert_eq!(as_reported("other@example.org", report), None);
        assert_eq!(
            as_reported("user@sims-ms-daemon", "user@sims-ms-daemon"),
            None
        );
        assert_eq!(as_reported("a b@example.org", "a b@example.org"), None);
        let quoted = "\"neko..nyaan\"@example.org";
        assert_eq!(as_reported(quoted, quoted).as_deref(), Some(quoted));
    }
}
