//! A literal prefilter: one Aho-Corasick pass over a field finds which
//! patterns can match at all, so of 200 rules only the few whose literals
//! occur run their regular expression.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex_syntax::hir::literal::Extractor;

/// For the patterns of one field.
#[derive(Debug, Clone)]
pub struct Prefilter {
    searcher: Option<AhoCorasick>,
    /// The pattern each literal of the searcher stands for.
    owner: Vec<usize>,
    /// Patterns with no literal every match must start with: always run.
    always: Vec<usize>,
}

impl Prefilter {
    /// `patterns`: (pattern id, text, case-sensitive).
    pub fn new(patterns: &[(usize, &str, bool)]) -> Prefilter {
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut owner = Vec::new();
        let mut always = Vec::new();
        for &(id, text, case_sensitive) in patterns {
            match required_prefixes(text, case_sensitive) {
                Some(lits) => {
                    for l in lits {
                        literals.push(l);
                        owner.push(id);
                    }
                }
                None => always.push(id),
            }
        }
        let searcher = (!literals.is_empty())
            .then(|| {
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .build(&literals)
                    .ok()
            })
            .flatten();
        if searcher.is_none() {
            always.append(&mut owner);
            always.dedup();
        }
        Prefilter {
            searcher,
            owner,
            always,
        }
    }

    /// Marks in `candidates` (indexed by pattern id) the patterns that may match one of `values`.
    pub fn candidates(&self, values: &[impl AsRef<str>], candidates: &mut [bool]) {
        for &id in &self.always {
            candidates[id] = true;
        }
        let Some(searcher) = &self.searcher else {
            return;
        };
        for v in values {
            for m in searcher.find_overlapping_iter(v.as_ref()) {
                candidates[self.owner[m.pattern().as_usize()]] = true;
            }
        }
    }
}

/// Literals one of which starts every match, matched ASCII-case-insensitively;
/// `None` where there are none, or where case folding beyond ASCII matters.
/// (Unicode folds a few non-ASCII letters to ASCII ones, the Kelvin sign to
/// "k"; a mail spelling a keyword with those is the one thing this misses.)
fn required_prefixes(text: &str, case_sensitive: bool) -> Option<Vec<Vec<u8>>> {
    // Parsed case-sensitively: the searcher folds ASCII case itself.
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(text)
        .ok()?;
    let seq = Extractor::new().extract(&hir);
    let lits = seq.literals()?;
    if lits.is_empty() || lits.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    // Beyond ASCII, "ü" and "Ü" differ for the searcher but not for the regex.
    if !case_sensitive && lits.iter().any(|l| !l.as_bytes().is_ascii()) {
        return None;
    }
    Some(lits.iter().map(|l| l.as_bytes().to_vec()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_patterns_whose_literals_occur_are_candidates() {
        let p = Prefilter::new(&[
            (0, r"kennwort3\b|aktenzeichen 3", false),
            (1, r"\d+ euro", false),
            (2, r"Übung", false),
            (3, r"IBAN", true),
        ]);
        let mut c = vec![false; 4];
        p.candidates(&["Mein AKTENZEICHEN 3 bitte"], &mut c);
        assert_eq!(c, [true, true, true, false]);
        let mut c = vec![false; 4];
        p.candidates(&["iban klein"], &mut c);
        // ASCII-case-insensitive search; the regex itself decides case.
        assert_eq!(c, [false, true, true, true]);
        // A case-insensitive pattern with non-ASCII letters always runs.
        let p = Prefilter::new(&[(0, "kündig", false)]);
        let mut c = vec![false];
        p.candidates(&["KÜNDIGUNG"], &mut c);
        assert_eq!(c, [true]);
    }
}
