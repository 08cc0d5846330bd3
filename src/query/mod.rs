//! The one query language of `tix list`, `tix search` and `--where`:
//! free words and "quoted phrases" (full text), `field:value` terms, `-` for
//! not, `OR`, parentheses, and `@name` for a saved search.
//!
//! A query resolves to a [`Filter`] (names checked, `me` and times made
//! concrete), which the store turns into its own query language.

pub mod filter;
mod lexer;
mod parser;
pub mod reference;

use crate::config::Config;
use crate::error::{Result, TixError};
pub use filter::Filter;
pub use parser::{Expr, Term};

/// A parsed query, ready to compile.
#[derive(Debug, Clone)]
pub struct Query {
    pub expr: Option<Expr>,
}

/// A syntax or meaning error, with the 1-based column it points at.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryError {
    pub column: usize,
    pub message: String,
}

impl QueryError {
    pub fn into_tix(self, query: &str) -> TixError {
        TixError::usage(format!(
            "query {query:?}, column {}: {}",
            self.column, self.message
        ))
    }
}

/// What resolving needs from outside: names to check, who acts, the time.
pub struct Scope<'a> {
    pub config: &'a Config,
    pub actor: &'a str,
    pub now: i64,
}

impl Query {
    /// Parses `text`, expanding `@saved` searches from the config.
    pub fn parse(text: &str, config: &Config) -> Result<Query> {
        let expr = parser::parse(text, config, &[]).map_err(|e| e.into_tix(text))?;
        Ok(Query { expr })
    }

    /// True when the query says which states it wants (so the "open tickets
    /// only" default of `tix list` does not apply).
    pub fn mentions_state(&self) -> bool {
        fn walk(e: &Expr) -> bool {
            match e {
                Expr::And(v) | Expr::Or(v) => v.iter().any(walk),
                Expr::Not(e) => walk(e),
                Expr::Term(Term::Field { name, .. }, _) => name == "state",
                Expr::Term(..) => false,
            }
        }
        self.expr.as_ref().is_some_and(walk)
    }

    /// Splits off a full-text term that every match must satisfy, so a search
    /// can walk the full-text index newest first and stop early instead of
    /// collecting every match. Returns the FTS5 match expression and the rest.
    pub fn full_text_driver(&self) -> Option<(String, Query)> {
        let parts: Vec<Expr> = match &self.expr {
            Some(Expr::And(parts)) => parts.clone(),
            Some(e @ Expr::Term(..)) => vec![e.clone()],
            _ => return None,
        };
        let i = parts
            .iter()
            .position(|p| matches!(p, Expr::Term(t, _) if parser::fts_match(t).is_some()))?;
        let Expr::Term(t, _) = &parts[i] else {
            unreachable!()
        };
        let m = parser::fts_match(t)?;
        let mut rest = parts;
        rest.remove(i);
        let expr = match rest.len() {
            0 => None,
            1 => rest.pop(),
            _ => Some(Expr::And(rest)),
        };
        Some((m, Query { expr }))
    }

    /// What a ticket must be to match; [`Filter::All`] for an empty query.
    pub fn filter(&self, scope: &Scope, original: &str) -> Result<Filter> {
        match &self.expr {
            None => Ok(Filter::All),
            Some(e) => filter::resolve(e, scope).map_err(|e| e.into_tix(original)),
        }
    }
}
