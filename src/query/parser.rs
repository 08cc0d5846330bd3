//! Tokens to an expression tree, and the tree to SQL.

use super::lexer::{tokens, Token};
use super::{QueryError, Scope, Sql};
use crate::config::{Config, STATE_TYPES};
use rusqlite::types::Value;

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
            Token::Close | Token::Or | Token::Not => Err(QueryError {
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

fn err(column: usize, message: String) -> QueryError {
    QueryError { column, message }
}

/// An FTS5 string literal: the text in double quotes, quotes doubled.
fn fts_string(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

pub fn compile(e: &Expr, scope: &Scope, sql: &mut Sql) -> Result<(), QueryError> {
    match e {
        Expr::And(parts) | Expr::Or(parts) if parts.is_empty() => sql.clause.push('1'),
        Expr::Or(parts) => {
            // Full-text alternatives are one FTS query (a treasurer's list of
            // 2,000 `from:` addresses is one index lookup, not 2,000).
            let (texts, others): (Vec<&Expr>, Vec<&Expr>) = parts
                .iter()
                .partition(|p| matches!(p, Expr::Term(t, _) if fts_match(t).is_some()));
            let mut pieces: Vec<Piece> = others.into_iter().map(Piece::Expr).collect();
            if !texts.is_empty() {
                let matchers: Vec<String> = texts
                    .iter()
                    .filter_map(|p| match p {
                        Expr::Term(t, _) => fts_match(t),
                        _ => None,
                    })
                    .collect();
                pieces.push(Piece::Fts(matchers.join(" OR ")));
            }
            balanced(&pieces, " OR ", scope, sql)?;
        }
        Expr::And(parts) => {
            let pieces: Vec<Piece> = parts.iter().map(Piece::Expr).collect();
            balanced(&pieces, " AND ", scope, sql)?;
        }
        Expr::Not(inner) => {
            sql.clause.push_str("NOT (");
            compile(inner, scope, sql)?;
            sql.clause.push(')');
        }
        Expr::Term(t, col) => term(t, *col, scope, sql)?,
    }
    Ok(())
}

/// One operand of an AND or OR list.
enum Piece<'a> {
    Expr(&'a Expr),
    Fts(String),
}

/// Joins `pieces` as a balanced tree of parentheses: SQLite refuses
/// expressions deeper than 1,000, and a flat list of n terms is n deep.
fn balanced(
    pieces: &[Piece],
    joiner: &str,
    scope: &Scope,
    sql: &mut Sql,
) -> Result<(), QueryError> {
    const FLAT: usize = 16;
    sql.clause.push('(');
    if pieces.len() <= FLAT {
        for (i, p) in pieces.iter().enumerate() {
            if i > 0 {
                sql.clause.push_str(joiner);
            }
            match p {
                Piece::Expr(e) => compile(e, scope, sql)?,
                Piece::Fts(m) => fts(sql, m.clone()),
            }
        }
    } else {
        let chunk = pieces.len().div_ceil(FLAT);
        for (i, group) in pieces.chunks(chunk).enumerate() {
            if i > 0 {
                sql.clause.push_str(joiner);
            }
            balanced(group, joiner, scope, sql)?;
        }
    }
    sql.clause.push(')');
    Ok(())
}

fn bind(sql: &mut Sql, v: Value) -> String {
    sql.params.push(v);
    format!("?{}", sql.params.len())
}

fn fts(sql: &mut Sql, matcher: String) {
    let p = bind(sql, Value::Text(matcher));
    sql.clause.push_str(&format!(
        "t.id IN (SELECT a.ticket_id FROM articles a WHERE a.id IN \
         (SELECT rowid FROM articles_fts WHERE articles_fts MATCH {p}))"
    ));
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
    let m = match text.strip_suffix('*') {
        Some(prefix) if !phrase && !prefix.is_empty() => format!("{} *", fts_string(prefix)),
        _ => fts_string(text),
    };
    Some(match column {
        Some(c) => format!("{c} : {m}"),
        None => m,
    })
}

fn term(t: &Term, col: usize, scope: &Scope, sql: &mut Sql) -> Result<(), QueryError> {
    if let Some(m) = fts_match(t) {
        fts(sql, m);
        return Ok(());
    }
    let Term::Field { name, value, .. } = t else {
        unreachable!("text terms are full-text terms")
    };
    let (name, value) = (name.as_str(), value.as_str());
    let config = scope.config;
    match name {
        "queue" => {
            let queues = config.queue_with_children(value);
            if queues.is_empty() {
                return Err(err(col, format!("unknown queue \"{value}\"")));
            }
            let marks: Vec<String> = queues
                .into_iter()
                .map(|q| bind(sql, Value::Text(q)))
                .collect();
            sql.clause
                .push_str(&format!("t.queue IN ({})", marks.join(", ")));
        }
        "state" => {
            if let Some(s) = config.status(value) {
                let p = bind(sql, Value::Text(s.name.clone()));
                sql.clause.push_str(&format!("t.state = {p}"));
            } else if STATE_TYPES.contains(&value) {
                let p = bind(sql, Value::Text(value.to_string()));
                sql.clause.push_str(&format!("t.state_type = {p}"));
            } else {
                return Err(err(
                    col,
                    format!(
                        "unknown state \"{value}\"; statuses: {}",
                        config.status_names()
                    ),
                ));
            }
        }
        "owner" | "responsible" => match value {
            "none" => sql.clause.push_str(&format!("t.{name} IS NULL")),
            _ => {
                let who = if value == "me" { scope.actor } else { value };
                let p = bind(sql, Value::Text(who.to_string()));
                sql.clause
                    .push_str(&format!("t.{name} = {p} COLLATE NOCASE"));
            }
        },
        "tag" => {
            let p = bind(sql, Value::Text(value.to_lowercase()));
            sql.clause.push_str(&format!(
                "t.id IN (SELECT ticket_id FROM tags WHERE tag = {p})"
            ));
        }
        "priority" => {
            let (op, rest) = comparison(value);
            let n = crate::store::tickets::parse_priority(rest).ok_or_else(|| {
                err(
                    col,
                    format!("priority {rest:?} is not 1–5 or a priority name"),
                )
            })?;
            let p = bind(sql, Value::Integer(n));
            sql.clause.push_str(&format!("t.priority {op} {p}"));
        }
        "age" => {
            // age:7d and age:>7d: older than; age:<7d: younger than.
            let (op, rest) = comparison(value);
            let d = humantime::parse_duration(rest).map_err(|_| {
                err(
                    col,
                    format!("age {rest:?} is not a duration such as 7d or 12h"),
                )
            })?;
            let cutoff = scope.now - d.as_secs() as i64;
            let created = match op {
                "<" => ">",
                "<=" => ">=",
                ">=" => "<=",
                _ => "<",
            };
            let p = bind(sql, Value::Integer(cutoff));
            sql.clause.push_str(&format!("t.created_at {created} {p}"));
        }
        "before" | "after" => {
            let ts = crate::dates::parse_date(value, scope.now).map_err(|m| err(col, m))?;
            let p = bind(sql, Value::Integer(ts));
            let op = if name == "before" { "<" } else { ">=" };
            sql.clause.push_str(&format!("t.created_at {op} {p}"));
        }
        "is" => {
            let clause = match value {
                "locked" => {
                    let now = bind(sql, Value::Integer(scope.now));
                    format!("(t.locked_by IS NOT NULL AND t.locked_until > {now})")
                }
                "unlocked" => {
                    let now = bind(sql, Value::Integer(scope.now));
                    format!("(t.locked_by IS NULL OR t.locked_until <= {now})")
                }
                "unseen" => {
                    let me = bind(sql, Value::Text(scope.actor.to_string()));
                    format!(
                        "(t.responsible = {me} COLLATE NOCASE \
                         AND t.last_customer_at > coalesce(t.responsible_seen_at, 0))"
                    )
                }
                "pending" => "t.state_type LIKE 'pending-%'".to_string(),
                "overdue" => {
                    let now = bind(sql, Value::Integer(scope.now));
                    format!("(t.state_type LIKE 'pending-%' AND t.pending_until <= {now})")
                }
                _ => {
                    return Err(err(
                        col,
                        format!(
                            "is:{value} is not known; one of is:locked, is:unlocked, is:unseen, is:pending, is:overdue"
                        ),
                    ))
                }
            };
            sql.clause.push_str(&clause);
        }
        _ => unreachable!("checked in field()"),
    }
    Ok(())
}

/// Splits a leading comparison operator off a value (`>7d` → (">", "7d")).
fn comparison(value: &str) -> (&'static str, &str) {
    for op in [">=", "<=", ">", "<", "="] {
        if let Some(rest) = value.strip_prefix(op) {
            return (op, rest);
        }
    }
    ("=", value)
}
