//! Full-text words on PostgreSQL, made as SQLite's index makes them: the
//! folded text (crate::fold) cut into words by the rules of FTS5's
//! `unicode61` tokenizer with `remove_diacritics 2` and the signs as word
//! characters. PostgreSQL's own parsers cut differently (an address is one
//! word to them), and a search must find the same on both stores.

use unicode_normalization::UnicodeNormalization;

/// The index's words of `folded` text: lower case, without accents.
pub fn words(folded: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut take = |c: char, word: &mut String| {
        if c.is_alphanumeric() || crate::fold::SIGNS.contains(c) {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            out.push(std::mem::take(word));
        }
    };
    for c in folded.chars() {
        if c.is_ascii() {
            // Nothing to decompose: most of a folded text.
            take(c, &mut word);
            continue;
        }
        // Accents go: a character's decomposition without its combining
        // marks (their order, which NFD of the whole text would settle,
        // does not matter once they are dropped).
        for d in std::iter::once(c).nfd() {
            if !unicode_normalization::char::is_combining_mark(d) {
                take(d, &mut word);
            }
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// PostgreSQL refuses a longer word (a hex dump, a long token) in a
/// tsvector; such a word is indexed, and searched for, by its first bytes.
const MAX_WORD_BYTES: usize = 2046;

/// `word` as the index can hold it: cut to MAX_WORD_BYTES on a character
/// boundary.
fn indexable(mut word: String) -> String {
    if word.len() > MAX_WORD_BYTES {
        let mut end = MAX_WORD_BYTES;
        while !word.is_char_boundary(end) {
            end -= 1;
        }
        word.truncate(end);
    }
    word
}

/// PostgreSQL keeps at most this position; later words share it.
const LAST_POSITION: usize = 16383;
/// A tsvector may not reach 1 MB; a longer text is indexed this far.
const MAX_BYTES: usize = 900_000;
/// PostgreSQL keeps at most 256 positions of one word.
const MAX_POSITIONS: usize = 255;

/// A tsvector (in PostgreSQL's text form) of an article's four fields, each
/// weighted by its field (A subject, B sender, C recipients, D body), with a
/// gap between fields so that a phrase never runs from one into the next.
pub fn document(fields: [&str; 4]) -> String {
    use std::fmt::Write;
    let mut positions: std::collections::HashMap<String, Vec<(usize, &str)>> = Default::default();
    let mut at = 0usize;
    let mut bytes = 0usize;
    for (field, weight) in fields.iter().zip(["A", "B", "C", ""]) {
        for w in words(field) {
            at = (at + 1).min(LAST_POSITION);
            let w = indexable(w);
            let len = w.len();
            let seen = positions.entry(w).or_default();
            if seen.is_empty() {
                bytes += len + 8;
            }
            if seen.len() < MAX_POSITIONS {
                seen.push((at, weight));
            }
            if bytes > MAX_BYTES {
                break;
            }
        }
        at = (at + 2).min(LAST_POSITION);
    }
    // In word order, as the server would sort them: the same document
    // for the same text.
    let mut words: Vec<_> = positions.into_iter().collect();
    words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut out = String::with_capacity(bytes + words.len() * 4);
    for (word, at) in words {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push('\'');
        if word.contains(['\\', '\'']) {
            out.push_str(&word.replace('\\', "\\\\").replace('\'', "''"));
        } else {
            out.push_str(&word);
        }
        out.push_str("':");
        for (i, (position, weight)) in at.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(out, "{position}{weight}");
        }
    }
    out
}

/// The tsquery (text form) for a full-text match expression as the query
/// language writes it for SQLite (alternatives `[field : ]"folded text"[ *]`
/// joined by ` OR `); `None` when no alternative has a word (nothing
/// matches).
pub fn tsquery(fts5: &str) -> Option<String> {
    let mut alternatives = Vec::new();
    let mut rest = fts5.trim();
    while !rest.is_empty() {
        let (field, after) = match rest.find(" : \"") {
            Some(i) if !rest[..i].contains('"') => (Some(&rest[..i]), &rest[i + 3..]),
            _ => (None, rest),
        };
        let (text, after) = quoted(after)?;
        let (prefix, after) = match after.trim_start().strip_prefix('*') {
            Some(a) => (true, a),
            None => (false, after),
        };
        let weight = match field {
            Some("subject") => "A",
            Some("from_addr") => "B",
            Some("to_addrs") => "C",
            _ => "",
        };
        let words: Vec<String> = words(&text).into_iter().map(indexable).collect();
        if !words.is_empty() {
            let last = words.len() - 1;
            let terms: Vec<String> = words
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let star = if prefix && i == last { "*" } else { "" };
                    let marks = format!("{star}{weight}");
                    let w = w.replace('\\', "\\\\").replace('\'', "''");
                    if marks.is_empty() {
                        format!("'{w}'")
                    } else {
                        format!("'{w}':{marks}")
                    }
                })
                .collect();
            alternatives.push(format!("({})", terms.join(" <-> ")));
        }
        rest = after.trim_start();
        rest = rest.strip_prefix("OR").unwrap_or(rest).trim_start();
    }
    (!alternatives.is_empty()).then(|| alternatives.join(" | "))
}

/// The text of a double-quoted FTS5 string at the start of `s` (quotes
/// doubled inside), and what follows it.
fn quoted(s: &str) -> Option<(String, &str)> {
    let s = s.strip_prefix('"')?;
    let mut text = String::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '"' {
            if chars.peek().is_some_and(|(_, n)| *n == '"') {
                chars.next();
                text.push('"');
            } else {
                return Some((text, &s[i + 1..]));
            }
        } else {
            text.push(c);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_cut_as_sqlites_index_cuts_them() {
        assert_eq!(
            words("Jürgen jm@verein.test zahlt 24 € und 5%"),
            ["jurgen", "jm", "verein", "test", "zahlt", "24", "€", "und", "5%"]
        );
    }

    #[test]
    fn a_document_weighs_words_by_field() {
        assert_eq!(
            document(["Kündigung", "anna@x.de", "", "Kündigung jetzt"]),
            "'anna':4B 'de':6B 'jetzt':12 'kundigung':1A,11 'x':5B"
        );
    }

    #[test]
    fn match_expressions_become_tsqueries() {
        assert_eq!(
            tsquery("\"kundigung\" OR from_addr : \"verein.test\" OR subject : \"mit\"\"glied\" *")
                .unwrap(),
            "('kundigung') | ('verein':B <-> 'test':B) | ('mit':A <-> 'glied':*A)"
        );
        assert_eq!(tsquery("\"...\""), None);
    }

    #[test]
    fn a_word_too_long_for_postgresql_is_indexed_and_sought_by_its_start() {
        let long = "ж".repeat(1500);
        let doc = document(["", "", "", &format!("x {long}")]);
        let cut = format!("'x':7 '{}':8", "ж".repeat(MAX_WORD_BYTES / 2));
        assert_eq!(doc, cut);
        let query = tsquery(&format!("\"{long}\"")).unwrap();
        assert_eq!(query, format!("('{}')", "ж".repeat(MAX_WORD_BYTES / 2)));
    }
}
