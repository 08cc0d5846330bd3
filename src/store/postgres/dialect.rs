//! SQLite's dialect in the store's SQL, said as PostgreSQL says it.

use std::sync::OnceLock;

/// SQLite's words in the store's SQL, said as PostgreSQL says them:
/// `?N` parameters become `$N`, `INSERT OR IGNORE` an insert that does
/// nothing on a conflict, `group_concat` `string_agg`, the two-argument
/// `max` `greatest`, `x IS NOT y` (a column) `IS DISTINCT FROM`, and index
/// hints go (PostgreSQL's planner chooses by itself).
pub fn translate(sql: &str) -> String {
    struct Words {
        indexed_by: regex::Regex,
        is_not: regex::Regex,
        scalar_max: regex::Regex,
        local_date: regex::Regex,
        json_field: regex::Regex,
    }
    static WORDS: OnceLock<Words> = OnceLock::new();
    let words = WORDS.get_or_init(|| Words {
        indexed_by: regex::Regex::new(r"(?i)\s+INDEXED BY\s+\w+").expect("a pattern"),
        is_not: regex::Regex::new(r"(?i)\bIS NOT\s+([a-z_][a-z_0-9.]*)").expect("a pattern"),
        scalar_max: regex::Regex::new(r"(?i)\bmax\((coalesce\()").expect("a pattern"),
        local_date: regex::Regex::new(r"\bdate\(([a-z_.]+), 'unixepoch', 'localtime'\)")
            .expect("a pattern"),
        json_field: regex::Regex::new(r"\bjson_extract\(([a-z_.]+), '\$\.([a-z_]+)'\)")
            .expect("a pattern"),
    });
    let mut out = String::with_capacity(sql.len() + 32);
    let mut next = 0;
    let mut chars = sql.char_indices().peekable();
    let mut quote: Option<char> = None;
    while let Some((_, c)) = chars.next() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == q {
                    quote = None;
                }
            }
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                out.push(c);
            }
            None if c == '?' => {
                let mut digits = String::new();
                while let Some((_, d)) = chars.peek().filter(|(_, d)| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                if digits.is_empty() {
                    next += 1;
                    digits = next.to_string();
                }
                out.push('$');
                out.push_str(&digits);
            }
            None => out.push(c),
        }
    }
    let mut out = words.indexed_by.replace_all(&out, "").into_owned();
    out = words
        .is_not
        .replace_all(&out, |c: &regex::Captures| {
            if c[1].eq_ignore_ascii_case("null") {
                c[0].to_string()
            } else {
                format!("IS DISTINCT FROM {}", &c[1])
            }
        })
        .into_owned();
    out = words
        .scalar_max
        .replace_all(&out, "greatest($1")
        .into_owned();
    // The session's time zone is the one tix runs in (see connect).
    out = words
        .local_date
        .replace_all(&out, "to_char(to_timestamp($1), 'YYYY-MM-DD')")
        .into_owned();
    out = words
        .json_field
        .replace_all(&out, "(CAST($1 AS jsonb) ->> '$2')")
        .into_owned();
    out = out.replace("group_concat(", "string_agg(");
    if let Some(i) = out.find("INSERT OR IGNORE INTO") {
        out.replace_range(i..i + "INSERT OR IGNORE INTO".len(), "INSERT INTO");
        let end = out.trim_end().trim_end_matches(';').len();
        match out.find(" RETURNING ") {
            Some(r) => out.insert_str(r, " ON CONFLICT DO NOTHING"),
            None => out.insert_str(end, " ON CONFLICT DO NOTHING"),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_words_are_said_as_postgresql_says_them() {
        assert_eq!(
            translate("SELECT a FROM t INDEXED BY t_x WHERE b = ?1 AND c = '?' AND d = ?2"),
            "SELECT a FROM t WHERE b = $1 AND c = '?' AND d = $2"
        );
        assert_eq!(translate("VALUES (?, ?)"), "VALUES ($1, $2)");
        assert_eq!(
            translate("INSERT OR IGNORE INTO tags (ticket_id, tag) VALUES (?1, ?2)"),
            "INSERT INTO tags (ticket_id, tag) VALUES ($1, $2) ON CONFLICT DO NOTHING"
        );
        assert_eq!(
            translate("WHERE reminded_for IS NOT pending_until AND x IS NOT NULL"),
            "WHERE reminded_for IS DISTINCT FROM pending_until AND x IS NOT NULL"
        );
        assert_eq!(
            translate("SELECT date(closed_at, 'unixepoch', 'localtime'), json_extract(o.outgoing, '$.subject')"),
            "SELECT to_char(to_timestamp(closed_at), 'YYYY-MM-DD'), (CAST(o.outgoing AS jsonb) ->> 'subject')"
        );
        assert_eq!(
            translate("SET v = max(coalesce(v, 0), ?2)"),
            "SET v = greatest(coalesce(v, 0), $2)"
        );
    }
}
