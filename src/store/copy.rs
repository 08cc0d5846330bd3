//! A whole store copied into another, empty one: from an SQLite file to a
//! PostgreSQL database and back. Rows keep their ids (so ticket numbers,
//! merge pointers and article order stay as they were); the full-text index
//! is made anew on the target, in the target's own kind. The copy is one
//! transaction on the target, checked before it commits: every table's
//! row count and a fingerprint of its rows must be the same on both sides.

use super::articles::{index_article, Addresses};
use super::db::{param_refs, params, Db, Value};
use super::tables::{Key, TABLES};
use super::Store;
use crate::error::{Result, TixError};
use sha2::{Digest, Sha256};

const BATCH: i64 = 500;

/// One table's rows as copied.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Copied {
    pub table: &'static str,
    pub rows: i64,
}

/// Copies `from` into `to`, which must hold no tickets, mail or history.
pub fn copy(from: &Store, to: &Store, progress: &dyn Fn(&str, i64)) -> Result<Vec<Copied>> {
    let target = to.path.display().to_string();
    for (table, _) in TABLES {
        let rows = count(&to.conn, table)?;
        // A new store already notes its escalation rules, and the config
        // `tix init` found; nothing else. The original's replace them.
        if rows > 0 && !matches!(*table, "store_facts" | "config_versions") {
            return Err(TixError::failure(format!(
                "{target}: the target store is not empty ({rows} rows in {table}); \
                 store copy only fills a new one"
            )));
        }
    }
    let mut copied = Vec::new();
    to.conn.write(|db| {
        db.execute("DELETE FROM store_facts", params![])?;
        db.execute("DELETE FROM config_versions", params![])?;
        for (table, key) in TABLES {
            let rows = copy_table(&from.conn, db, table, *key, progress)?;
            copied.push(Copied { table, rows });
        }
        restore_merges(&from.conn, db)?;
        if db.is_postgres() {
            // Ids were given; the next ones the server hands out follow them.
            for (table, key) in TABLES {
                if *key == Key::Id {
                    db.execute_batch(&format!(
                        "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                         coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"
                    ))?;
                }
            }
        }
        // Checked before it is committed: a copy that differs, or a check
        // that is interrupted, leaves the target as empty as it was, and
        // the copy can simply be run again.
        for (table, _) in TABLES {
            let (a, b) = (fingerprint(&from.conn, table)?, fingerprint(db, table)?);
            if a != b {
                return Err(TixError::failure(format!(
                    "{target}: the copy of {table} differs from the original \
                     ({} rows against {}); nothing was copied",
                    b.0, a.0
                )));
            }
        }
        Ok(())
    })?;
    if to.conn.is_postgres() {
        // The planner's statistics, as after a restore: without them the
        // first searches choose plans that read whole tables.
        to.conn.execute_batch("ANALYZE")?;
    }
    Ok(copied)
}

fn count(db: &Db, table: &str) -> Result<i64> {
    db.query_row(&format!("SELECT count(*) FROM {table}"), params![], |r| {
        r.get(0)
    })
}

/// The columns of `table`, as the database names them.
fn column_names(db: &Db, table: &str) -> Result<Vec<String>> {
    let sql = if db.is_postgres() {
        "SELECT column_name FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = ?1 ORDER BY ordinal_position"
    } else {
        "SELECT name FROM pragma_table_info(?1) ORDER BY cid"
    };
    db.query_map(sql, params![table], |r| r.get(0))
}

/// Hands each row of `table` (all columns, in `columns` order) to `each`;
/// id tables a batch at a time, so that a large store never sits in memory.
fn rows_of(
    db: &Db,
    table: &str,
    key: Key,
    columns: &[String],
    mut each: impl FnMut(Vec<Value>) -> Result<()>,
) -> Result<()> {
    let list = columns.join(", ");
    let width = columns.len();
    let read = |r: &super::db::Row| -> Result<Vec<Value>> {
        (0..width).map(|i| r.get::<Value>(i)).collect()
    };
    if key == Key::Whole {
        for row in db.query_map(&format!("SELECT {list} FROM {table}"), params![], read)? {
            each(row)?;
        }
        return Ok(());
    }
    let id_at = columns
        .iter()
        .position(|c| c == "id")
        .expect("an id column");
    let mut after = i64::MIN;
    loop {
        let batch = db.query_map(
            &format!("SELECT {list} FROM {table} WHERE id > ?1 ORDER BY id LIMIT {BATCH}"),
            params![after],
            read,
        )?;
        let Some(last) = batch.last() else {
            return Ok(());
        };
        if let Value::Int(id) = last[id_at] {
            after = id;
        }
        let full = batch.len() as i64 == BATCH;
        for row in batch {
            each(row)?;
        }
        if !full {
            return Ok(());
        }
    }
}

fn copy_table(
    from: &Db,
    to: &Db,
    table: &'static str,
    key: Key,
    progress: &dyn Fn(&str, i64),
) -> Result<i64> {
    let columns = column_names(from, table)?;
    let mut wanted = column_names(to, table)?;
    let mut have = columns.clone();
    wanted.sort();
    have.sort();
    if have != wanted {
        return Err(TixError::failure(format!(
            "store copy: {table} has other columns in the target ({}) than in the original ({})",
            wanted.join(", "),
            columns.join(", ")
        )));
    }
    let list = columns.join(", ");
    let at = |name: &str| columns.iter().position(|c| c == name);
    let merged_into = at("merged_into");
    let mut rows = 0i64;
    rows_of(from, table, key, &columns, |mut row| {
        // Merge pointers may point forward; set once every ticket is there.
        if table == "tickets" {
            if let Some(i) = merged_into {
                row[i] = Value::Null;
            }
        }
        // On a server the rows go in by COPY, a batch at a time.
        to.append(table, &list, &param_refs(&row))?;
        if table == "articles" {
            index_copied_article(to, &columns, &row)?;
        }
        rows += 1;
        if rows % 10_000 == 0 {
            progress(table, rows);
        }
        Ok(())
    })?;
    Ok(rows)
}

fn index_copied_article(to: &Db, columns: &[String], row: &[Value]) -> Result<()> {
    let text = |name: &str| -> Option<&str> {
        match columns.iter().position(|c| c == name).map(|i| &row[i]) {
            Some(Value::Text(s)) => Some(s.as_str()),
            _ => None,
        }
    };
    let id = match columns.iter().position(|c| c == "id").map(|i| &row[i]) {
        Some(Value::Int(id)) => *id,
        _ => return Err(TixError::failure("store copy: an article without an id")),
    };
    let addresses = Addresses {
        from_name: text("from_name"),
        from_addr: text("from_addr"),
        to: text("to_addrs"),
        cc: text("cc_addrs"),
    };
    index_article(
        to,
        id,
        text("subject").unwrap_or(""),
        &addresses,
        text("body").unwrap_or(""),
    )
}

fn restore_merges(from: &Db, to: &Db) -> Result<()> {
    let merges: Vec<(i64, i64)> = from.query_map(
        "SELECT id, merged_into FROM tickets WHERE merged_into IS NOT NULL",
        params![],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    for (id, into) in merges {
        to.execute(
            "UPDATE tickets SET merged_into = ?2 WHERE id = ?1",
            params![id, into],
        )?;
    }
    Ok(())
}

/// A table's row count and a fingerprint of its rows that does not depend
/// on their order (the two databases sort text differently).
fn fingerprint(db: &Db, table: &str) -> Result<(i64, [u8; 32])> {
    let mut columns = column_names(db, table)?;
    columns.sort();
    let key = if columns.iter().any(|c| c == "id") {
        Key::Id
    } else {
        Key::Whole
    };
    let mut sum = [0u8; 32];
    let mut rows = 0;
    rows_of(db, table, key, &columns, |row| {
        let mut h = Sha256::new();
        for v in &row {
            match v {
                Value::Null => h.update([0]),
                Value::Int(n) => {
                    h.update([1]);
                    h.update(n.to_be_bytes());
                }
                Value::Real(x) => {
                    h.update([2]);
                    h.update(x.to_be_bytes());
                }
                Value::Text(s) => {
                    // Compared as PostgreSQL holds it, the side that cannot
                    // hold a NUL.
                    let s = super::values::text_without_nul(s);
                    h.update([3]);
                    h.update((s.len() as u64).to_be_bytes());
                    h.update(s.as_bytes());
                }
                Value::Blob(b) => {
                    h.update([4]);
                    h.update((b.len() as u64).to_be_bytes());
                    h.update(b);
                }
            }
        }
        // Added up byte-wise: the same rows in any order give the same sum.
        for (s, b) in sum.iter_mut().zip(h.finalize()) {
            *s = s.wrapping_add(b);
        }
        rows += 1;
        Ok(())
    })?;
    Ok((rows, sum))
}

/// Whether `store` holds nothing a copy would overwrite (a new store notes
/// its escalation rules and perhaps its config; nothing else).
pub fn is_empty(store: &Store) -> Result<bool> {
    for (table, _) in TABLES {
        if !matches!(*table, "store_facts" | "config_versions") && count(&store.conn, table)? > 0 {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The raw messages that came in by mail to `from` (not those tix sent,
/// not quarantined ones) and that `to` does not hold, oldest first.
pub fn mail_not_in(from: &Db, to: &Db) -> Result<Vec<i64>> {
    let mut missing = Vec::new();
    let mut stmt = from.prepare(
        "SELECT id, fingerprint FROM raw_messages WHERE source <> 'sent' AND status = 'stored' ORDER BY id",
    )?;
    let rows: Vec<(i64, Vec<u8>)> = stmt
        .query_map(params![], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_>>()?;
    for chunk in rows.chunks(BATCH as usize) {
        let fingerprints: Vec<&[u8]> = chunk.iter().map(|(_, f)| f.as_slice()).collect();
        let held = super::raw_messages::seen_among(to, &fingerprints)?;
        missing.extend(
            chunk
                .iter()
                .filter(|(_, f)| !held.contains(f))
                .map(|(id, _)| *id),
        );
    }
    Ok(missing)
}

/// How many changes people made in `from` after the copy `to` is (the
/// copy keeps history ids, so they are those past its last).
pub fn changes_after(from: &Db, to: &Db) -> Result<i64> {
    let last: Option<i64> = to.query_row("SELECT max(id) FROM history", params![], |r| r.get(0))?;
    from.query_row(
        "SELECT count(*) FROM history WHERE id > ?1 AND actor <> ?2",
        params![last.unwrap_or(0), crate::vocabulary::SYSTEM_ACTOR],
        |r| r.get(0),
    )
}
