//! Output: tables for people, JSON and CSV for scripts, and text from mail
//! made safe for a terminal.

pub mod dashboard;
pub mod json_reference;
pub mod lists;
pub mod man;

use chrono::{Local, TimeZone};
use comfy_table::{presets, ContentArrangement, Table};
use std::io::{IsTerminal, Write};

/// Text from mail may carry terminal control sequences; none pass through.
/// Tabs and newlines become spaces when `one_line` (table cells).
/// Text for a CSV cell: the same words, with control characters and bidi
/// overrides dropped (a spreadsheet or `cut` shows them raw); a line break
/// becomes a space so one ticket stays one line. A cell a spreadsheet would
/// run as a formula (`=`, `+`, `-`, `@` first) starts with `'`, as OWASP
/// advises: a subject is written by whoever sends mail.
pub fn csv_text(s: &str) -> String {
    let text = s
        .chars()
        .filter_map(|c| match c {
            '\n' | '\t' | '\r' => Some(' '),
            c if is_hazard(c) => None,
            c => Some(c),
        })
        .collect::<String>()
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text
    }
}

/// C0, DEL, C1, and the bidi overrides that reorder what is shown.
fn is_hazard(c: char) -> bool {
    c.is_control()
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

pub fn safe_text(s: &str, one_line: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\t' if one_line => out.push(' '),
            '\n' | '\t' => out.push(c),
            '\r' => {}
            c if is_hazard(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    if one_line {
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        out
    }
}

/// A local date and time for people.
pub fn datetime(ts: i64) -> String {
    datetime_as(ts, "%Y-%m-%d %H:%M")
}

/// A time in local time, in a strftime `format`.
pub fn datetime_as(ts: i64, format: &str) -> String {
    match Local.timestamp_opt(ts, 0).single() {
        Some(t) => t.format(format).to_string(),
        None => "?".to_string(),
    }
}

pub use crate::dates::{iso, serialize_opt_ts, serialize_ts};

/// Age as OTRS shows it: the largest unit or two ("3d 4h", "12m").
pub fn age(created: i64, now: i64) -> String {
    let secs = (now - created).max(0);
    let (d, h, m) = (secs / 86400, secs % 86400 / 3600, secs % 3600 / 60);
    if d > 0 {
        format!("{d}d {h}h")
    } else if h > 0 {
        format!("{h}h {m}m")
    } else {
        format!("{m}m")
    }
}

/// A table that fits the terminal (wrapping long cells) or, in a pipe, plain
/// columns at full width.
pub fn table(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_HORIZONTAL_ONLY)
        .set_header(header.iter().copied());
    if std::io::stdout().is_terminal() {
        t.set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        t.load_preset(presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Disabled);
    }
    for r in rows {
        t.add_row(r);
    }
    let mut s: String = t
        .to_string()
        .lines()
        .map(|l| l.trim_end().to_string() + "\n")
        .collect();
    if s.is_empty() {
        s.push('\n');
    }
    s
}

/// Prints a list as [`json`] would, written out as it is made: a list of
/// a hundred thousand rows is not held twice (as rows and as text).
pub fn print_json_list<T: serde::Serialize>(rows: &[T]) {
    let mut o = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    let _ = serde_json::to_writer_pretty(&mut o, rows);
    let _ = o.write_all(b"\n");
    let _ = o.flush();
}

/// Writes to stdout; a closed pipe (`tix list | head`) ends the process quietly
/// because main restores the default SIGPIPE action.
pub fn out(text: &str) {
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(text.as_bytes());
    let _ = o.flush();
}

/// A progress bar for a person at a terminal (hidden otherwise): a bar
/// when the count is known, a counting spinner when not.
pub fn progress_bar(shown: bool, name: &str, count: Option<u64>) -> indicatif::ProgressBar {
    use indicatif::{ProgressBar, ProgressStyle};
    if !shown {
        return ProgressBar::hidden();
    }
    match count {
        Some(n) => ProgressBar::new(n).with_style(
            ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} ({per_sec}, {eta})")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {msg} {pos} messages ({per_sec})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    }
    .with_message(name.to_string())
}

/// A failed write of raw bytes to stdout (`show --raw > /full/disk`).
pub fn stdout_error(e: std::io::Error) -> crate::error::TixError {
    crate::error::TixError::io(std::path::Path::new("standard output"), e)
}

/// The version of the JSON documents (tix-json(7)). Fields are only
/// added; it changes when one changes its meaning or goes.
pub const JSON_VERSION: u32 = 1;

/// `value` as pretty JSON with a newline. A document that is an object
/// carries `"version"` first; one that is a list stays a bare list, as the
/// scripts reading `.[]` expect.
pub fn json<T: serde::Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into());
    if s == "{}" {
        s = format!("{{\n  \"version\": {JSON_VERSION}\n}}");
    } else if let Some(rest) = s.strip_prefix("{\n") {
        if !rest.starts_with("  \"version\":") {
            s = format!("{{\n  \"version\": {JSON_VERSION},\n{rest}");
        }
    }
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_documents_carry_their_version_and_lists_stay_lists() {
        let v: serde_json::Value =
            serde_json::from_str(&json(&serde_json::json!({"a": 1}))).unwrap();
        assert_eq!(v["version"], JSON_VERSION);
        assert_eq!(v["a"], 1);
        let v: serde_json::Value = serde_json::from_str(&json(&serde_json::json!({}))).unwrap();
        assert_eq!(v["version"], JSON_VERSION);
        let v: serde_json::Value =
            serde_json::from_str(&json(&serde_json::json!([{"a": 1}]))).unwrap();
        assert!(v.is_array() && v[0].get("version").is_none());
        let once = json(&serde_json::json!({"version": 7}));
        assert_eq!(once.matches("version").count(), 1);
    }

    #[test]
    fn control_sequences_are_neutralised() {
        assert_eq!(
            safe_text("a\x1b[31mred\x07", true),
            "a\u{fffd}[31mred\u{fffd}"
        );
        assert_eq!(safe_text("x\u{202e}y", false), "x\u{fffd}y");
        assert_eq!(safe_text("a\n b\r\n", true), "a b");
        assert_eq!(safe_text("a\u{9b}b", true), "a\u{fffd}b");
    }

    #[test]
    fn ages() {
        assert_eq!(age(0, 90061), "1d 1h");
        assert_eq!(age(0, 3700), "1h 1m");
        assert_eq!(age(10, 5), "0m");
    }
}
