//! How text is folded for the full-text index: one function for what is
//! indexed and what is searched, so both sides always agree.
//!
//! German is typed as often without umlauts as with them: `Mueller`,
//! `Muller` and `Müller`, `Gassler` and `Gäßler`, `Strasse` and `Straße`
//! must find each other. Each word has ß written as ss and, if it is four
//! letters or longer, ä/ae, ö/oe, ü/ue and ss each folded to one letter (a,
//! o, u, s). Short words keep their vowel pairs: "due" must not find every
//! German "du". Case and other accents are left to the index's own folding
//! (unicode61, remove_diacritics), so words with nothing to fold are copied
//! as they are. Currency, percent and section signs stand apart as words of
//! their own, so that `"24 €"` finds "24 €" and "24€".

/// Signs indexed as words (the FTS table's tokenchars).
pub const SIGNS: &str = "€$£¥%§";

fn is_sign(c: char) -> bool {
    matches!(c, '€' | '$' | '£' | '¥' | '%' | '§')
}

/// `text` folded for the index, or for a search of whole words.
pub fn fold(text: &str) -> String {
    fold_with(text, false)
}

/// A search for words beginning with `prefix`: its last word is folded
/// whatever its length (`Mue*` must find "Müller").
pub fn fold_prefix(prefix: &str) -> String {
    fold_with(prefix, true)
}

/// What an ASCII byte is to the folding, one table lookup per byte.
const LETTER: u8 = 1;
const A_O_U: u8 = 2;
const E: u8 = 4;
const S: u8 = 8;
const SIGN: u8 = 16;
static ASCII: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = (b as u8).to_ascii_lowercase();
        t[b] = match c {
            b'a' | b'o' | b'u' => LETTER | A_O_U,
            b'e' => LETTER | E,
            b's' => LETTER | S,
            b'$' | b'%' => SIGN,
            _ if c.is_ascii_alphanumeric() => LETTER,
            _ => 0,
        };
        b += 1;
    }
    t
};

fn fold_with(text: &str, last_is_prefix: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 16);
    // Text up to here is in `out`; most of it is copied as it is (the
    // index folds case and accents itself), only words to fold and signs
    // are written anew.
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        let (c, width) = if b.is_ascii() {
            match ASCII[b as usize] {
                0 => {
                    at += 1;
                    continue;
                }
                SIGN => (b as char, 1),
                _ => ('a', 1),
            }
        } else {
            let c = text[at..].chars().next().expect("at a char boundary");
            (c, c.len_utf8())
        };
        if is_sign(c) {
            out.push_str(&text[copied..at]);
            out.push(' ');
            out.push(c);
            out.push(' ');
            at += width;
            copied = at;
            continue;
        }
        if !c.is_alphanumeric() {
            at += width;
            continue;
        }
        // A word: its letters, and whether it has anything to fold.
        let start = at;
        let (mut letters, mut pair, mut sharp_s) = (0, false, false);
        let mut previous = 0u8;
        while at < bytes.len() {
            let b = bytes[at];
            if b.is_ascii() {
                let class = ASCII[b as usize];
                if class & LETTER == 0 {
                    break;
                }
                pair |= (previous & A_O_U != 0 && class & E != 0) || (previous & class & S != 0);
                previous = class;
                letters += 1;
                at += 1;
            } else {
                let c = text[at..].chars().next().expect("at a char boundary");
                if !c.is_alphanumeric() {
                    break;
                }
                sharp_s |= c == 'ß';
                letters += if c == 'ß' { 2 } else { 1 };
                // "üe" and the like are umlaut and vowel; ä etc. fold below.
                previous = match c {
                    'ä' | 'Ä' | 'ö' | 'Ö' | 'ü' | 'Ü' => A_O_U,
                    'ß' => S,
                    _ => 0,
                };
                at += c.len_utf8();
            }
        }
        let always = last_is_prefix && at == bytes.len();
        let fold_pairs = always || letters >= 4;
        if sharp_s || (fold_pairs && pair) {
            out.push_str(&text[copied..start]);
            push_word(&mut out, &text[start..at], fold_pairs);
            copied = at;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// One word folded onto `out`: ß written as ss, and with `fold_pairs`
/// ä/ae, ö/oe, ü/ue and ss each as one letter.
fn push_word(out: &mut String, word: &str, fold_pairs: bool) {
    let mut previous = None;
    for c in word.chars().flat_map(char::to_lowercase) {
        if !fold_pairs {
            match c {
                'ß' => out.push_str("ss"),
                c => out.push(c),
            }
            continue;
        }
        let c = match c {
            'ä' => 'a',
            'ö' => 'o',
            'ü' => 'u',
            'ß' => 's',
            c => c,
        };
        let pair = matches!(
            (previous, c),
            (Some('a' | 'o' | 'u'), 'e') | (Some('s'), 's')
        );
        if !pair {
            out.push(c);
        }
        previous = Some(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_spellings_fold_alike() {
        // The index folds case and accents; here, what is left of a word.
        let fold = |t: &str| {
            let f = fold(t).to_lowercase();
            f.replace('ä', "a").replace('ö', "o").replace('ü', "u")
        };
        for (a, b) in [
            ("Müller", "Mueller"),
            ("Müller", "Muller"),
            ("Gäßler", "Gassler"),
            ("Gäßler", "Gaessler"),
            ("Straße", "Strasse"),
            ("Öffnungszeiten", "Oeffnungszeiten"),
            ("MÜLLER", "mueller"),
        ] {
            assert_eq!(fold(a), fold(b), "{a} / {b}");
        }
        // Short words keep their vowel pairs.
        assert_ne!(fold("due"), fold("du"));
        assert_eq!(fold("Maß"), fold("Mass"));
    }

    #[test]
    fn the_signs_are_the_index_token_characters() {
        assert!(SIGNS.chars().all(is_sign));
        assert!((0..128u8).all(|b| (ASCII[b as usize] == SIGN) == is_sign(b as char)));
        assert_eq!(SIGNS.chars().count(), 6);
    }

    #[test]
    fn signs_stand_apart() {
        assert_eq!(fold("24€"), "24 € ");
        assert_eq!(fold("24 € und 5%"), "24  €  und 5 % ");
        assert_eq!(fold("news@verein.de"), "news@verein.de");
        // Nothing to fold: the text as it is (the index folds case).
        assert_eq!(fold("Hello, World"), "Hello, World");
    }

    #[test]
    fn a_prefix_folds_its_last_word_whatever_its_length() {
        assert_eq!(fold_prefix("Mue"), "mu");
        assert_eq!(fold("Mue"), "Mue");
        assert!(fold("Mueller").starts_with(&fold_prefix("Mue")));
    }
}
