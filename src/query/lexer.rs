//! Query text to tokens, each with the column it starts at.

use super::QueryError;

#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    /// A bare word, possibly `field:value`.
    Word(String),
    /// A "quoted phrase".
    Phrase(String),
    /// `field:"quoted value"`.
    FieldPhrase(String, String),
    Not,
    Or,
    /// `AND`: what writing terms side by side already means.
    And,
    Open,
    Close,
}

pub fn tokens(text: &str) -> Result<Vec<(Token, usize)>, QueryError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let col = i + 1;
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            out.push((Token::Open, col));
            i += 1;
        } else if c == ')' {
            out.push((Token::Close, col));
            i += 1;
        } else if c == '-' && chars.get(i + 1).is_some_and(|n| !n.is_whitespace()) {
            out.push((Token::Not, col));
            i += 1;
        } else if c == '"' {
            let (phrase, next) = quoted(&chars, i)?;
            out.push((Token::Phrase(phrase), col));
            i = next;
        } else {
            let start = i;
            while i < chars.len()
                && !chars[i].is_whitespace()
                && !matches!(chars[i], '(' | ')' | '"')
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if word.ends_with(':') && chars.get(i) == Some(&'"') {
                let (value, next) = quoted(&chars, i)?;
                out.push((
                    Token::FieldPhrase(word.trim_end_matches(':').to_string(), value),
                    col,
                ));
                i = next;
            } else if word == "OR" {
                out.push((Token::Or, col));
            } else if word == "AND" {
                out.push((Token::And, col));
            } else if word == "NOT" {
                out.push((Token::Not, col));
            } else {
                out.push((Token::Word(word), col));
            }
        }
    }
    Ok(out)
}

/// Reads a quoted string starting at `chars[start] == '"'`; `""` inside is a quote.
fn quoted(chars: &[char], start: usize) -> Result<(String, usize), QueryError> {
    let mut i = start + 1;
    let mut s = String::new();
    loop {
        match chars.get(i) {
            None => {
                return Err(QueryError {
                    column: start + 1,
                    message: "unterminated quote".into(),
                })
            }
            Some('"') if chars.get(i + 1) == Some(&'"') => {
                s.push('"');
                i += 2;
            }
            Some('"') => return Ok((s, i + 1)),
            Some(c) => {
                s.push(*c);
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenises() {
        let t: Vec<Token> = tokens(r#"a -b "c d" subject:"e f" OR (x:y)"#)
            .unwrap()
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        assert_eq!(
            t,
            [
                Token::Word("a".into()),
                Token::Not,
                Token::Word("b".into()),
                Token::Phrase("c d".into()),
                Token::FieldPhrase("subject".into(), "e f".into()),
                Token::Or,
                Token::Open,
                Token::Word("x:y".into()),
                Token::Close
            ]
        );
        assert_eq!(tokens("ab \"cd").unwrap_err().column, 4);
    }
}
