//! Tokens to an expression tree, and the tree to SQL.

use super::lexer::{tokens, Token};
use super::QueryError;
use crate::config::Config;

#[derive(Debug, Clone)]
pub enum Term {
    /// Full text over subject, sender, recipients and body.
    Text { text: String, phrase: bool },
    Field {
        name: String,
        value: String,
        phrase: bool,
    },
}

/// The tree; `Term` carries its column for messages about its meaning.
#[derive(Debug, Clone)]
pub enum Expr {
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Not(Box<Expr>),
    Term(Term, usize),
}

pub const FIELDS: &[&str] = &[
    "queue",
    "state",
    "owner",
    "responsible",
    "tag",
    "from",
    "to",
    "subject",
    "priority",
    "age",
    "before",
    "after",
    "is",
    "escalation",
    "link",
    "customer",
];

/// Parses `text`; `expanding` names the saved searches being expanded
/// around it (they may use each other, but not in a circle).
pub fn parse(
    text: &str,
    config: &Config,
    expanding: &[String],
) -> Result<Option<Expr>, QueryError> {
    let toks = tokens(text)?;
    if toks.is_empty() {
        return Ok(None);
    }
    let mut p = Parser {
        toks,
        pos: 0,
        config,
        expanding,
        len: text.chars().count(),
        depth: 0,
    };
    let e = p.or_expr()?;
    if let Some((t, col)) = p.toks.get(p.pos) {
        let what = if *t == Token::Close {
            "unmatched )"
        } else {
            "unexpected term"
        };
        return Err(QueryError {
            column: *col,
            message: what.into(),
        });
    }
    Ok(Some(e))
}

struct Parser<'a> {
    toks: Vec<(Token, usize)>,
    pos: usize,
    config: &'a Config,
    expanding: &'a [String],
    len: usize,
    /// Parentheses and NOTs open around the current term.
    depth: usize,
}

/// Deeper nesting than this is refused with its column: no person writes
/// it, and the parser and SQLite must not run out of stack on it.
pub const MAX_DEPTH: usize = 64;

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.toks.get(self.pos).map(|(t, _)| t)
    }

    fn column(&self) -> usize {
        self.toks
            .get(self.pos)
            .map(|(_, c)| *c)
            .unwrap_or(self.len + 1)
    }

    fn or_expr(&mut self) -> Result<Expr, QueryError> {
        let mut parts = vec![self.and_expr()?];
        while self.peek() == Some(&Token::Or) {
            self.pos += 1;
            parts.push(self.and_expr()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::Or(parts)
        })
    }

    fn and_expr(&mut self) -> Result<Expr, QueryError> {
        let mut parts = Vec::new();
        while let Some(t) = self.peek() {
            if matches!(t, Token::Or | Token::Close) {
                break;
            }
            if *t == Token::And {
                // Between two terms only: `a AND b`.
                let col = self.column();
                self.pos += 1;
                let next = self.peek();
                if parts.is_empty()
                    || matches!(next, None | Some(Token::Or | Token::Close | Token::And))
                {
                    return Err(QueryError {
                        column: col,
                        message: "AND needs a search term on each side".into(),
                    });
                }
                continue;
            }
            parts.push(self.unary()?);
        }
        match parts.len() {
            0 => Err(QueryError {
                column: self.column(),
                message: "expected a search term".into(),
            }),
            1 => Ok(parts.remove(0)),
            _ => Ok(Expr::And(parts)),
        }
    }

    fn unary(&mut self) -> Result<Expr, QueryError> {
        if self.peek() == Some(&Token::Not) {
            let col = self.column();
            self.pos += 1;
            self.enter(col)?;
            let inner = self.unary();
            self.depth -= 1;
            return Ok(Expr::Not(Box::new(inner?)));
        }
        self.primary()
    }

    fn enter(&mut self, col: usize) -> Result<(), QueryError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(QueryError {
                column: col,
                message: format!("nested too deeply (more than {MAX_DEPTH} levels of ( and NOT)"),
            });
        }
        Ok(())
    }

    fn primary(&mut self) -> Result<Expr, QueryError> {
        let col = self.column();
        let Some((tok, _)) = self.toks.get(self.pos).cloned() else {
            return Err(QueryError {
                column: col,
                message: "expected a search term".into(),
            });
        };
        self.pos += 1;
        match tok {
            Token::Open => {
                self.enter(col)?;
                let e = self.or_expr();
                self.depth -= 1;
                let e = e?;
                if self.peek() != Some(&Token::Close) {
                    return Err(QueryError {
                        column: col,
                        message: "unmatched (".into(),
                    });
                }
                self.pos += 1;
                Ok(e)
            }
            Token::Phrase(text) => Ok(Expr::Term(Term::Text { text, phrase: true }, col)),
            Token::FieldPhrase(name, value) => field(&name, value, true, col),
            Token::Word(w) => {
                if let Some(name) = w.strip_prefix('@') {
                    return self.saved(name, col);
                }
                match w.split_once(':') {
                    Some((name, value)) if !name.is_empty() => {
                        field(name, value.to_string(), false, col)
                    }
                    _ => Ok(Expr::Term(
                        Term::Text {
                            text: w,
                            phrase: false,
                        },
                        col,
                    )),
                }
            }
            Token::Close | Token::Or | Token::Not | Token::And => Err(QueryError {
                column: col,
                message: "expected a search term".into(),
            }),
        }
    }

    fn saved(&self, name: &str, col: usize) -> Result<Expr, QueryError> {
        let Some(text) = self.config.searches.get(name) else {
            return Err(QueryError {
                column: col,
                message: format!("no saved search @{name}"),
            });
        };
        if self.expanding.iter().any(|n| n == name) {
            let mut chain: Vec<String> = self.expanding.iter().map(|n| format!("@{n}")).collect();
            chain.push(format!("@{name}"));
            return Err(QueryError {
                column: col,
                message: format!(
                    "saved searches refer to each other in a circle: {}",
                    chain.join(" → ")
                ),
            });
        }
        let mut inner = self.expanding.to_vec();
        inner.push(name.to_string());
        match parse(text, self.config, &inner) {
            Ok(Some(e)) => Ok(e),
            Ok(None) => Ok(Expr::And(vec![])),
            // A circle is reported once, as a whole.
            Err(e) if e.message.starts_with("saved searches refer") => {
                Err(QueryError { column: col, ..e })
            }
            Err(e) => Err(QueryError {
                column: col,
                message: format!(
                    "in saved search @{name}: column {}: {}",
                    e.column, e.message
                ),
            }),
        }
    }
}

fn field(name: &str, value: String, phrase: bool, col: usize) -> Result<Expr, QueryError> {
    let lower = name.to_lowercase();
    if !FIELDS.contains(&lower.as_str()) {
        return Err(QueryError {
            column: col,
            message: format!(
                "unknown field \"{name}:\"; fields: {}",
                FIELDS.join(": ") + ":"
            ),
        });
    }
    if value.is_empty() {
        return Err(QueryError {
            column: col,
            message: format!("{name}: needs a value"),
        });
    }
    Ok(Expr::Term(
        Term::Field {
            name: lower,
            value,
            phrase,
        },
        col,
    ))
}

/// An FTS5 string literal: the text in double quotes, quotes doubled.
fn fts_string(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The FTS5 match expression of a full-text term (words, phrases, from:,
/// to:, subject:); `None` for the other fields.
pub fn fts_match(t: &Term) -> Option<String> {
    let (column, text, phrase) = match t {
        Term::Text { text, phrase } => (None, text, *phrase),
        Term::Field {
            name,
            value,
            phrase,
        } => match name.as_str() {
            "from" => (Some("from_addr"), value, *phrase),
            "to" => (Some("to_addrs"), value, *phrase),
            "subject" => (Some("subject"), value, *phrase),
            _ => return None,
        },
    };
    // word* is a prefix search; in a phrase the star is just a character.
    // The words are folded as the index's are (crate::fold).
    let m = match text.strip_suffix('*') {
        Some(prefix) if !phrase && !prefix.is_empty() => {
            format!("{} *", fts_string(&crate::fold::fold_prefix(prefix)))
        }
        _ => fts_string(&crate::fold::fold(text)),
    };
    Some(match column {
        Some(c) => format!("{c} : {m}"),
        None => m,
    })
}
