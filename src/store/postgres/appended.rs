//! Rows of append-only tables (history, attachments, the index; every
//! table of `store copy`) that wait in a write transaction and go to the
//! server with one COPY per table, in the binary format where the columns
//! allow, instead of an INSERT and a round trip each.

use super::Session;
use crate::error::{Result, TixError};
use crate::store::values::{text_without_nul, Params, ValueRef};

/// Appended rows of one table sent at once when they grow past this.
const APPENDED_BYTES: usize = 8 << 20;

/// Rows for one table's columns, in COPY's binary format where every
/// column's type allows (values go as they are: a message's bytes are not
/// written out in hex for the server to read back), else its text format.
pub(super) struct Appended {
    table: String,
    columns: String,
    binary: Option<Vec<ColumnType>>,
    rows: Vec<u8>,
}

/// A column's type, as binary COPY writes its values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum ColumnType {
    Int8,
    Int4,
    Int2,
    Float8,
    Text,
    Bytea,
}

impl ColumnType {
    fn from_type_name(name: &str) -> Option<ColumnType> {
        Some(match name {
            "int8" => ColumnType::Int8,
            "int4" => ColumnType::Int4,
            "int2" => ColumnType::Int2,
            "float8" => ColumnType::Float8,
            "text" | "varchar" | "bpchar" => ColumnType::Text,
            "bytea" => ColumnType::Bytea,
            _ => return None,
        })
    }
}

impl Session {
    /// Adds a row to an append-only table. In a write transaction the row
    /// waits, with the others for its table, until the transaction commits
    /// or a statement names the table; one COPY then sends them all, where
    /// an INSERT each would cost a round trip to the server each.
    pub fn append(&mut self, table: &str, columns: &str, params: Params) -> Result<()> {
        if self.held_to_row_security()? {
            // Typed from text where the value is written as text (tsvector).
            self.binary_layout(table, columns)?;
            let types = &self.column_types[table];
            let marks: Vec<String> = columns
                .split(',')
                .enumerate()
                .map(|(i, c)| match types.get(c.trim()).map(String::as_str) {
                    Some("tsvector") => format!("CAST(CAST(?{} AS text) AS tsvector)", i + 1),
                    _ => format!("?{}", i + 1),
                })
                .collect();
            self.execute(
                &format!(
                    "INSERT INTO {table} ({columns}) VALUES ({})",
                    marks.join(", ")
                ),
                params,
            )?;
            return Ok(());
        }
        let at = match self
            .appended
            .iter()
            .position(|a| a.table == table && a.columns == columns)
        {
            Some(at) => at,
            None => {
                let binary = self.binary_layout(table, columns)?;
                self.appended.push(Appended {
                    table: table.to_string(),
                    columns: columns.to_string(),
                    binary,
                    rows: Vec::new(),
                });
                self.appended.len() - 1
            }
        };
        let Appended { rows, binary, .. } = &mut self.appended[at];
        match binary {
            Some(types) => {
                if types.len() != params.len() {
                    return Err(TixError::failure(format!(
                        "store: {table} ({columns}): {} values for {} columns",
                        params.len(),
                        types.len()
                    )));
                }
                rows.extend_from_slice(&(params.len() as i16).to_be_bytes());
                for (p, column) in params.iter().zip(types.iter()) {
                    copy_binary_field(rows, *column, p.to_param()).map_err(|why| {
                        TixError::failure(format!("store: {table} ({columns}): {why}"))
                    })?;
                }
            }
            None => {
                for (i, p) in params.iter().enumerate() {
                    if i > 0 {
                        rows.push(b'\t');
                    }
                    copy_text_field(rows, p.to_param());
                }
                rows.push(b'\n');
            }
        }
        // All tables go at once, parents first.
        if !(self.in_write && self.defer_appends) || rows.len() > APPENDED_BYTES {
            self.flush_appended()?;
        }
        Ok(())
    }

    /// Whether this connection's role is held to row-level security on the
    /// store's tables (neither superuser, nor BYPASSRLS, nor their owner).
    fn held_to_row_security(&mut self) -> Result<bool> {
        if let Some(held) = self.row_security {
            return Ok(held);
        }
        let held = self
            .client
            .query_one(
                "SELECT NOT (r.rolsuper OR r.rolbypassrls) AND coalesce((SELECT c.relrowsecurity
                     AND c.relowner <> r.oid FROM pg_class c WHERE c.oid = to_regclass('tickets')), false)
                 FROM pg_roles r WHERE r.rolname = current_user",
                &[],
            )?
            .get::<_, bool>(0);
        self.row_security = Some(held);
        Ok(held)
    }

    /// The column types for binary COPY into `columns` of `table`; `None`
    /// when one of them has a type only the text format writes (tsvector).
    fn binary_layout(&mut self, table: &str, columns: &str) -> Result<Option<Vec<ColumnType>>> {
        if !self.column_types.contains_key(table) {
            let stmt = self.statement(
                "SELECT a.attname::text, t.typname::text FROM pg_attribute a
                 JOIN pg_type t ON t.oid = a.atttypid
                 WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped",
            )?;
            let rows = self.client.query(&stmt, &[&table])?;
            let types = rows
                .iter()
                .map(|r| (r.get::<_, String>(0), r.get::<_, String>(1)))
                .collect();
            self.column_types.insert(table.to_string(), types);
        }
        let types = &self.column_types[table];
        Ok(columns
            .split(',')
            .map(|c| {
                types
                    .get(c.trim())
                    .and_then(|t| ColumnType::from_type_name(t))
            })
            .collect())
    }

    pub fn defers_appends(&self) -> bool {
        self.defer_appends
    }

    pub fn appends_wait(&self) -> bool {
        self.in_write && self.defer_appends
    }

    /// The id for a new row of `table`, from its sequence. Ids are taken a
    /// block at a time (16, doubling to 1024) inside the write transaction
    /// that uses them, which holds the writer lock: the rows of one
    /// transaction get ids above every committed row's, as an INSERT's
    /// would. What a transaction leaves unused is a gap, as after a rollback.
    pub fn next_id(&mut self, table: &str) -> Result<i64> {
        let (ids, ask) = self
            .reserved_ids
            .entry(table.to_string())
            .or_insert_with(|| (Default::default(), 16));
        if let Some(id) = ids.pop_front() {
            return Ok(id);
        }
        let n = *ask as i32;
        *ask = (*ask * 2).min(1024);
        let stmt = self.statement(
            "SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2)",
        )?;
        let rows = self.client.query(&stmt, &[&table, &n])?;
        let mut taken: Vec<i64> = rows.iter().map(|r| r.get(0)).collect();
        taken.sort_unstable();
        let (ids, _) = self.reserved_ids.get_mut(table).expect("entry made above");
        ids.extend(taken);
        ids.pop_front()
            .ok_or_else(|| TixError::failure(format!("no id from the sequence of {table}")))
    }

    /// Whether appended rows wait for the commit (see [`Session::append`]).
    pub fn defer_appends(&mut self, on: bool) -> Result<()> {
        if !on {
            self.flush_appended()?;
        }
        self.defer_appends = on;
        Ok(())
    }

    /// Sends the waiting rows before a statement that could see them: one
    /// naming their table, or a DELETE (a cascade or a foreign key).
    pub(super) fn flush_for(&mut self, sql: &str) -> Result<()> {
        if self.appended.is_empty() {
            return Ok(());
        }
        let deletes = sql
            .trim_start()
            .get(..6)
            .is_some_and(|w| w.eq_ignore_ascii_case("DELETE"));
        if deletes || self.appended.iter().any(|a| sql.contains(&a.table)) {
            self.flush_appended()?;
        }
        Ok(())
    }

    pub(super) fn flush_appended(&mut self) -> Result<()> {
        use std::io::Write;
        let mut waiting = std::mem::take(&mut self.appended);
        // Parents before the rows that refer to them (a stable sort: the
        // other tables keep the order they were first appended to).
        waiting.sort_by_key(|a| crate::store::tables::parent_rank(&a.table));
        for a in waiting {
            let format = if a.binary.is_some() {
                " (FORMAT binary)"
            } else {
                ""
            };
            let stmt = self.statement(&format!(
                "COPY {} ({}) FROM STDIN{format}",
                a.table, a.columns
            ))?;
            let mut copy = self.client.copy_in(&stmt)?;
            // The writer only fails when the connection does; finish() says why.
            let written = if a.binary.is_some() {
                copy.write_all(BINARY_HEADER)
                    .and_then(|()| copy.write_all(&a.rows))
                    .and_then(|()| copy.write_all(&(-1i16).to_be_bytes()))
            } else {
                copy.write_all(&a.rows)
            };
            copy.finish()?;
            written.map_err(|e| {
                TixError::temp(format!("the store's server connection failed: {e}"))
            })?;
        }
        Ok(())
    }
}

/// The signature, flags and header extension length binary COPY begins with.
const BINARY_HEADER: &[u8] = b"PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0";

/// One field of a binary COPY row: its length (-1 for NULL), then the
/// value as the server's binary input of the column's type reads it.
pub(super) fn copy_binary_field(
    out: &mut Vec<u8>,
    column: ColumnType,
    v: ValueRef,
) -> std::result::Result<(), String> {
    let mut put = |bytes: &[u8]| -> std::result::Result<(), String> {
        let len = i32::try_from(bytes.len()).map_err(|_| "a value over 2 GB".to_string())?;
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(bytes);
        Ok(())
    };
    let out_of_range = |n: i64| format!("{n} does not fit a {column:?} column");
    match (column, v) {
        (_, ValueRef::Null) => {
            out.extend_from_slice(&(-1i32).to_be_bytes());
            Ok(())
        }
        (ColumnType::Int8, ValueRef::Int(n)) => put(&n.to_be_bytes()),
        (ColumnType::Int4, ValueRef::Int(n)) => {
            put(&i32::try_from(n).map_err(|_| out_of_range(n))?.to_be_bytes())
        }
        (ColumnType::Int2, ValueRef::Int(n)) => {
            put(&i16::try_from(n).map_err(|_| out_of_range(n))?.to_be_bytes())
        }
        (ColumnType::Float8, ValueRef::Real(x)) => put(&x.to_be_bytes()),
        (ColumnType::Float8, ValueRef::Int(n)) => put(&(n as f64).to_be_bytes()),
        (ColumnType::Text, ValueRef::Text(s)) => put(text_without_nul(s).as_bytes()),
        (ColumnType::Text, ValueRef::Int(n)) => put(n.to_string().as_bytes()),
        (ColumnType::Text, ValueRef::Real(x)) => put(format!("{x:?}").as_bytes()),
        (ColumnType::Text, ValueRef::Blob(b)) => {
            put(text_without_nul(&String::from_utf8_lossy(b)).as_bytes())
        }
        (ColumnType::Bytea, ValueRef::Blob(b)) => put(b),
        (ColumnType::Bytea, ValueRef::Text(s)) => put(s.as_bytes()),
        (column, v) => Err(format!(
            "cannot write {} into a {column:?} column",
            crate::store::values::kind(v)
        )),
    }
}

/// One value as COPY's text format writes it: `\N` for NULL, bytes as
/// `\x` and hex, backslash, tab and line ends escaped.
pub(super) fn copy_text_field(out: &mut Vec<u8>, v: ValueRef) {
    use std::io::Write;
    match v {
        ValueRef::Null => out.extend_from_slice(b"\\N"),
        ValueRef::Int(n) => {
            let _ = write!(out, "{n}");
        }
        ValueRef::Real(x) => {
            let _ = write!(out, "{x:?}");
        }
        ValueRef::Text(s) => {
            // Runs without a character COPY reads as syntax go in whole.
            let text = text_without_nul(s);
            let mut rest = text.as_bytes();
            while let Some(at) = rest
                .iter()
                .position(|b| matches!(b, b'\\' | b'\t' | b'\n' | b'\r'))
            {
                out.extend_from_slice(&rest[..at]);
                out.extend_from_slice(match rest[at] {
                    b'\\' => b"\\\\",
                    b'\t' => b"\\t",
                    b'\n' => b"\\n",
                    _ => b"\\r",
                });
                rest = &rest[at + 1..];
            }
            out.extend_from_slice(rest);
        }
        ValueRef::Blob(bytes) => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.reserve(3 + 2 * bytes.len());
            out.extend_from_slice(b"\\\\x");
            for b in bytes {
                out.push(HEX[(b >> 4) as usize]);
                out.push(HEX[(b & 15) as usize]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_copy_fields_are_length_and_value_as_the_column_reads_them() {
        let field = |column, v| {
            let mut out = Vec::new();
            copy_binary_field(&mut out, column, v).map(|()| out)
        };
        assert_eq!(field(ColumnType::Int8, ValueRef::Null).unwrap(), [0xff; 4]);
        assert_eq!(
            field(ColumnType::Int8, ValueRef::Int(-2)).unwrap(),
            [0, 0, 0, 8, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe]
        );
        assert_eq!(
            field(ColumnType::Int4, ValueRef::Int(258)).unwrap(),
            [0, 0, 0, 4, 0, 0, 1, 2]
        );
        assert!(field(ColumnType::Int4, ValueRef::Int(1 << 40)).is_err());
        // Bytes go as they are, tabs and newlines included; a NUL, which
        // text cannot hold, is the replacement character.
        assert_eq!(
            field(ColumnType::Bytea, ValueRef::Blob(b"\t\n\0")).unwrap(),
            [0, 0, 0, 3, 9, 10, 0]
        );
        assert_eq!(
            field(ColumnType::Text, ValueRef::Text("a\0b")).unwrap(),
            [0, 0, 0, 5, b'a', 0xef, 0xbf, 0xbd, b'b']
        );
        assert_eq!(
            field(ColumnType::Text, ValueRef::Int(42)).unwrap(),
            [0, 0, 0, 2, b'4', b'2']
        );
        assert!(field(ColumnType::Int8, ValueRef::Text("7")).is_err());
        assert_eq!(BINARY_HEADER.len(), 19);
    }

    #[test]
    fn copy_rows_escape_what_copy_reads_as_syntax() {
        let mut out = Vec::new();
        for v in [
            ValueRef::Text("a\tb\nc\\d\re"),
            ValueRef::Null,
            ValueRef::Int(-7),
            ValueRef::Blob(&[0, 0xff]),
        ] {
            copy_text_field(&mut out, v);
            out.push(b'|');
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a\\tb\\nc\\\\d\\re|\\N|-7|\\\\x00ff|"
        );
    }
}
