//! `tix import`: another system's tickets become tix tickets, their
//! numbers, history and raw mail kept. Each source ticket is written in
//! one transaction with the mark that it is imported, so a second run
//! brings only what is new or changed and a run stopped by kill -9
//! resumes where it stopped. The source is only ever read.

pub mod osticket;
pub mod otrs;
pub mod otrs_config;
pub mod source;
mod write;

use serde::Serialize;

/// Something that could not be imported: named, never skipped silently.
#[derive(Debug, Serialize)]
pub struct Problem {
    /// The source's ticket number, when it concerns one.
    pub ticket: Option<String>,
    /// The source's article id, when it concerns one.
    pub article: Option<i64>,
    pub why: String,
}

/// What a run did, and what it checked.
#[derive(Debug, Serialize)]
pub struct Summary {
    pub source: String,
    /// Tickets the source holds (changed since --since).
    pub source_tickets: u64,
    pub source_articles: u64,
    pub tickets_new: u64,
    pub tickets_updated: u64,
    pub tickets_unchanged: u64,
    pub articles: u64,
    /// Articles without raw mail, rebuilt from the database's fields.
    pub rebuilt: u64,
    pub history: u64,
    pub merged: u64,
    pub links: u64,
    pub contacts: u64,
    /// Raw messages read back from the store and found byte for byte.
    pub verified_raw: u64,
    pub problems: Vec<Problem>,
}

impl Summary {
    fn new(source: &str, tickets: u64) -> Summary {
        Summary {
            source: source.to_string(),
            source_tickets: tickets,
            source_articles: 0,
            tickets_new: 0,
            tickets_updated: 0,
            tickets_unchanged: 0,
            articles: 0,
            rebuilt: 0,
            history: 0,
            merged: 0,
            links: 0,
            contacts: 0,
            verified_raw: 0,
            problems: vec![],
        }
    }
}

/// What one ticket's write left to check afterwards: each raw message
/// (source article id) with the SHA-256 of the bytes read.
#[derive(Default)]
struct Writing {
    fingerprints: Vec<(i64, Vec<u8>)>,
}

/// A database time (`2019-03-04 10:00:00`, UTC as OTRS keeps it) as
/// seconds; 0 when unreadable.
fn parse_time(text: &str) -> i64 {
    let text = text.trim();
    let text = text.get(..19).unwrap_or(text);
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .map(|t| t.and_utc().timestamp())
        .unwrap_or(0)
}

/// Seconds as a database time literal.
fn sql_time(at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0)
        .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_default()
}

/// "Name <addr>" as name and address (a From field kept as text).
fn split_address(field: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(field) = field.map(str::trim).filter(|f| !f.is_empty()) else {
        return (None, None);
    };
    match (field.rfind('<'), field.rfind('>')) {
        (Some(open), Some(close)) if open < close => {
            let name = field[..open].trim().trim_matches('"').trim();
            (
                Some(name.to_string()).filter(|n| !n.is_empty()),
                Some(field[open + 1..close].trim().to_string()),
            )
        }
        _ if field.contains('@') => (None, Some(field.to_string())),
        _ => (Some(field.to_string()), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_addresses_as_the_databases_keep_them() {
        assert_eq!(parse_time("1970-01-02 00:00:00"), 86400);
        assert_eq!(sql_time(86400), "1970-01-02 00:00:00");
        assert_eq!(
            split_address(Some("\"Müller, Erika\" <erika@kunde.example>")),
            (
                Some("Müller, Erika".into()),
                Some("erika@kunde.example".into())
            )
        );
        assert_eq!(
            split_address(Some("erika@kunde.example")).1.as_deref(),
            Some("erika@kunde.example")
        );
    }
}
