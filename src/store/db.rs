//! One connection to the store, whichever database holds it: an SQLite file
//! (the default) or a PostgreSQL server. Everything above `src/store/`
//! speaks to a [`Db`] and never to a driver, and the store's own modules
//! write one SQL text for both where the dialects agree (they mostly do:
//! `?N` parameters, `ON CONFLICT … DO UPDATE`, `RETURNING`); the few places
//! where they differ ask [`Db::is_postgres`].

use crate::error::{Result, TixError};
use std::cell::RefCell;

pub(crate) use super::values::params;
pub use super::values::{param_refs, FromColumn, Params, ToParam, Value, ValueRef};

/// `?1, ?2, …, ?n`: the parameters of a statement made for `n` values.
fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `?k, ?k+1, …` for `names`, each added to `values` (numbered after
/// those already there).
fn numbered_marks(names: &[String], values: &mut Vec<Value>) -> String {
    names
        .iter()
        .map(|name| {
            values.push(Value::Text(name.clone()));
            format!("?{}", values.len())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// One row of a result.
pub enum Row<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    Postgres(&'r postgres::Row),
}

impl Row<'_> {
    /// Column `i` (from 0) as a `T`; a mismatch names the column.
    pub fn get<T: FromColumn>(&self, i: usize) -> Result<T> {
        let converted = match self {
            Row::Sqlite(r) => {
                let v = r.get_ref(i)?;
                T::from_column(from_sqlite(v)?)
            }
            Row::Postgres(r) => {
                let v: super::postgres::PgValue = r.try_get(i)?;
                T::from_column(v.0)
            }
        };
        converted
            .map_err(|why| TixError::failure(format!("store: column {} of a result: {why}", i + 1)))
    }
}

fn from_sqlite(v: rusqlite::types::ValueRef<'_>) -> Result<ValueRef<'_>> {
    use rusqlite::types::ValueRef as V;
    Ok(match v {
        V::Null => ValueRef::Null,
        V::Integer(n) => ValueRef::Int(n),
        V::Real(x) => ValueRef::Real(x),
        V::Text(t) => {
            ValueRef::Text(std::str::from_utf8(t).map_err(|e| {
                TixError::failure(format!("store: a text column is not UTF-8 ({e})"))
            })?)
        }
        V::Blob(b) => ValueRef::Blob(b),
    })
}

/// A parameter as SQLite binds it, borrowed.
struct Bound<'a>(&'a dyn ToParam);

impl rusqlite::ToSql for Bound<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef as V};
        Ok(ToSqlOutput::Borrowed(match self.0.to_param() {
            ValueRef::Null => V::Null,
            ValueRef::Int(n) => V::Integer(n),
            ValueRef::Real(x) => V::Real(x),
            ValueRef::Text(s) => V::Text(s.as_bytes()),
            ValueRef::Blob(b) => V::Blob(b),
        }))
    }
}

fn sqlite_params<'a>(
    params: Params<'a>,
) -> rusqlite::ParamsFromIter<impl Iterator<Item = Bound<'a>>> {
    rusqlite::params_from_iter(params.iter().map(|p| Bound(*p)))
}

/// The database behind the store.
pub enum Backend {
    Sqlite(rusqlite::Connection),
    Postgres(Box<RefCell<super::postgres::Session>>),
}

/// An open connection to the store.
pub struct Db {
    pub(super) backend: Backend,
    /// Queues whose tickets the acting agent may not see (queue access):
    /// finding tickets leaves them out, naming one finds no such ticket.
    pub(super) hidden_queues: RefCell<Vec<String>>,
}

impl Db {
    pub fn sqlite(conn: rusqlite::Connection) -> Db {
        Db {
            backend: Backend::Sqlite(conn),
            hidden_queues: RefCell::new(vec![]),
        }
    }

    /// Hides the tickets of these queues from what this connection finds.
    pub fn hide_queues(&self, queues: Vec<String>) {
        *self.hidden_queues.borrow_mut() = queues;
    }

    /// The queues hidden from this connection.
    pub fn hidden_queues(&self) -> Vec<String> {
        self.hidden_queues.borrow().clone()
    }

    /// ` AND {column} IN (…)` when narrowed to `queues`, then
    /// [`Db::not_hidden`]: a listing's or a count's queues, their names
    /// added to `values` (numbered after those already there).
    pub fn queue_filter(
        &self,
        column: &str,
        queues: Option<&[String]>,
        values: &mut Vec<Value>,
    ) -> String {
        let mut clause = String::new();
        if let Some(qs) = queues {
            let marks = numbered_marks(qs, values);
            clause.push_str(&format!(" AND {column} IN ({marks})"));
        }
        clause.push_str(&self.not_hidden(column, values));
        clause
    }

    /// ` AND {column} NOT IN (…)` for the hidden queues, their names added
    /// to `values` (numbered after those already there); empty when none
    /// is hidden.
    pub fn not_hidden(&self, column: &str, values: &mut Vec<Value>) -> String {
        let hidden = self.hidden_queues.borrow();
        if hidden.is_empty() {
            return String::new();
        }
        format!(" AND {column} NOT IN ({})", numbered_marks(&hidden, values))
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self.backend, Backend::Postgres(_))
    }

    /// The SQLite connection, for what only SQLite has (pragmas, its file).
    pub(super) fn sqlite_conn(&self) -> Option<&rusqlite::Connection> {
        match &self.backend {
            Backend::Sqlite(c) => Some(c),
            Backend::Postgres(_) => None,
        }
    }

    /// Runs one statement; returns how many rows it changed.
    pub fn execute(&self, sql: &str, params: Params) -> Result<usize> {
        match &self.backend {
            Backend::Sqlite(c) => Ok(c.prepare_cached(sql)?.execute(sqlite_params(params))?),
            Backend::Postgres(pg) => pg.borrow_mut().execute(sql, params),
        }
    }

    /// Adds one row to an append-only table (history, attachments, the
    /// full-text index): a row no statement reads back before the
    /// transaction ends or names its table. On PostgreSQL such rows wait
    /// and go in with one COPY per table (see `postgres::Session::append`);
    /// a refused row then shows at the commit, not at the `append`.
    pub fn append(&self, table: &str, columns: &str, params: Params) -> Result<()> {
        match &self.backend {
            Backend::Sqlite(c) => {
                let marks = placeholders(params.len());
                let sql = format!("INSERT INTO {table} ({columns}) VALUES ({marks})");
                c.prepare_cached(&sql)?.execute(sqlite_params(params))?;
                Ok(())
            }
            Backend::Postgres(pg) => pg.borrow_mut().append(table, columns, params),
        }
    }

    /// Inserts a row into a table with an `id` key and returns the id: a
    /// row written once and then only referred to by id (a raw message, an
    /// article) until statements name its table. Where appended rows wait
    /// (PostgreSQL in a write transaction) its id comes from the table's
    /// sequence and the row waits with them: no round trip of its own.
    pub fn insert_with_id(&self, table: &str, columns: &str, params: Params) -> Result<i64> {
        let waits = match &self.backend {
            Backend::Sqlite(_) => false,
            Backend::Postgres(pg) => pg.borrow().appends_wait(),
        };
        if !waits {
            let marks = placeholders(params.len());
            let sql = format!("INSERT INTO {table} ({columns}) VALUES ({marks})");
            return self
                .insert_for_id(&sql, params)?
                .ok_or_else(|| TixError::failure(format!("no row was written into {table}")));
        }
        let Backend::Postgres(pg) = &self.backend else {
            unreachable!("only a server's rows wait")
        };
        let mut pg = pg.borrow_mut();
        let id = pg.next_id(table)?;
        let mut with_id: Vec<&dyn ToParam> = Vec::with_capacity(params.len() + 1);
        with_id.push(&id);
        with_id.extend_from_slice(params);
        pg.append(table, &format!("id, {columns}"), &with_id)?;
        Ok(id)
    }

    /// Runs `insert` (an INSERT without RETURNING, perhaps `ON CONFLICT …
    /// DO NOTHING`) and gives the new row's id, or `None` when it wrote
    /// none. On SQLite a plain INSERT and the connection's last rowid: an
    /// INSERT … RETURNING into a table with a foreign key opens a
    /// statement journal, and FTS5 answers each one by flushing its pending
    /// terms (a segment per message instead of per batch).
    pub fn insert_for_id(&self, insert: &str, params: Params) -> Result<Option<i64>> {
        match &self.backend {
            Backend::Sqlite(c) => {
                let written = c.prepare_cached(insert)?.execute(sqlite_params(params))?;
                Ok((written > 0).then(|| c.last_insert_rowid()))
            }
            Backend::Postgres(_) => {
                self.query_opt(&format!("{insert} RETURNING id"), params, |r| r.get(0))
            }
        }
    }

    /// A value this connection set in the open write transaction (a server
    /// store's, which holds the writer lock throughout: what the value
    /// says of the store stays true until the transaction ends or rolls
    /// back to a savepoint). SQLite keeps none: its statements cost no
    /// round trip, and asking again is as cheap.
    pub fn txn_value(&self, key: &str) -> Option<i64> {
        match &self.backend {
            Backend::Sqlite(_) => None,
            Backend::Postgres(pg) => pg.borrow().txn_value(key),
        }
    }

    /// Keeps `value` under `key` until the write transaction ends.
    pub fn set_txn_value(&self, key: &str, value: i64) {
        if let Backend::Postgres(pg) = &self.backend {
            pg.borrow_mut().set_txn_value(key, value);
        }
    }

    /// Whether rows given to [`Db::append`] wait for the commit now.
    pub fn defers_appends(&self) -> bool {
        match &self.backend {
            Backend::Sqlite(_) => false,
            Backend::Postgres(pg) => pg.borrow().defers_appends(),
        }
    }

    /// Whether appended rows may wait for the commit (on by default; off
    /// while finding which of a batch's messages the store refuses, so the
    /// refusal shows at that message's own statement).
    pub fn defer_appends(&self, on: bool) -> Result<()> {
        match &self.backend {
            Backend::Sqlite(_) => Ok(()),
            Backend::Postgres(pg) => pg.borrow_mut().defer_appends(on),
        }
    }

    /// Runs statements separated by semicolons, without parameters.
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match &self.backend {
            Backend::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Backend::Postgres(pg) => pg.borrow_mut().batch(sql),
        }
    }

    /// Runs `{head} IN (…) {tail}` with `values` in the list, 128 at a
    /// time (bounded lists keep the statements few and cacheable): one
    /// question for many rows where each question to a server is a round trip.
    pub fn query_each_in(
        &self,
        head: &str,
        tail: &str,
        values: &[&dyn ToParam],
        mut f: impl FnMut(&Row) -> Result<bool>,
    ) -> Result<()> {
        for chunk in values.chunks(128) {
            let marks = placeholders(chunk.len());
            self.query_each(&format!("{head} IN ({marks}) {tail}"), chunk, &mut f)?;
        }
        Ok(())
    }

    /// Each row, in order, until `f` answers false.
    pub fn query_each(
        &self,
        sql: &str,
        params: Params,
        mut f: impl FnMut(&Row) -> Result<bool>,
    ) -> Result<()> {
        match &self.backend {
            Backend::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql)?;
                let mut rows = stmt.query(sqlite_params(params))?;
                while let Some(r) = rows.next()? {
                    if !f(&Row::Sqlite(r))? {
                        break;
                    }
                }
                Ok(())
            }
            Backend::Postgres(pg) => pg
                .borrow_mut()
                .query_each(sql, params, |r| f(&Row::Postgres(r))),
        }
    }

    /// Every row, each made into a `T` by `f`.
    pub fn query_map<T>(
        &self,
        sql: &str,
        params: Params,
        mut f: impl FnMut(&Row) -> Result<T>,
    ) -> Result<Vec<T>> {
        let mut out = Vec::new();
        self.query_each(sql, params, |r| {
            out.push(f(r)?);
            Ok(true)
        })?;
        Ok(out)
    }

    /// The first row, if there is one.
    pub fn query_opt<T>(
        &self,
        sql: &str,
        params: Params,
        f: impl FnOnce(&Row) -> Result<T>,
    ) -> Result<Option<T>> {
        let mut f = Some(f);
        let mut out = None;
        self.query_each(sql, params, |r| {
            out = Some((f.take().expect("called once"))(r)?);
            Ok(false)
        })?;
        Ok(out)
    }

    /// The first row; a statement that gives none is a fault in tix.
    pub fn query_row<T>(
        &self,
        sql: &str,
        params: Params,
        f: impl FnOnce(&Row) -> Result<T>,
    ) -> Result<T> {
        self.query_opt(sql, params, f)?.ok_or_else(|| {
            TixError::failure(format!(
                "store: no row where one was expected ({})",
                sql.split_whitespace().take(6).collect::<Vec<_>>().join(" ")
            ))
        })
    }

    /// Starts a write transaction at once: a store busy with another writer
    /// shows up before any work is done (SQLite: BEGIN IMMEDIATE;
    /// PostgreSQL: one writer at a time by an advisory lock, so that every
    /// read-then-write of the store's modules stays as safe as on SQLite).
    pub fn begin(&self) -> Result<()> {
        match &self.backend {
            Backend::Sqlite(c) => Ok(c.execute_batch("BEGIN IMMEDIATE")?),
            Backend::Postgres(pg) => pg.borrow_mut().begin_write(),
        }
    }

    pub fn commit(&self) -> Result<()> {
        self.execute_batch("COMMIT")
    }

    /// Whether a transaction is open on this connection (SQLite closes one
    /// that an I/O error broke off; a server keeps it until told).
    pub fn in_transaction(&self) -> bool {
        match &self.backend {
            Backend::Sqlite(c) => !c.is_autocommit(),
            Backend::Postgres(_) => true,
        }
    }

    /// Ends the transaction undoing it. SQLite itself rolls back a
    /// transaction an I/O error or a full disk broke off; the error that
    /// did it is the one to report, not "no transaction is active".
    pub fn rollback(&self) -> Result<()> {
        if !self.in_transaction() {
            return Ok(());
        }
        self.execute_batch("ROLLBACK")
    }

    /// How long to wait for another writer before giving up (exit 75).
    pub fn set_busy_timeout(&self, wait: std::time::Duration) -> Result<()> {
        match &self.backend {
            Backend::Sqlite(c) => Ok(c.busy_timeout(wait)?),
            Backend::Postgres(pg) => pg.borrow_mut().set_busy_timeout(wait),
        }
    }

    /// Starts a write transaction, rolled back when dropped uncommitted.
    pub fn transaction(&self) -> Result<Transaction<'_>> {
        self.begin()?;
        Ok(Transaction {
            db: self,
            done: false,
        })
    }

    /// A statement to run, perhaps more than once.
    pub fn prepare(&self, sql: &str) -> Result<Statement<'_>> {
        Ok(Statement {
            db: self,
            sql: sql.to_string(),
        })
    }

    /// The same as [`Db::prepare`]: every statement is kept prepared.
    pub fn prepare_cached(&self, sql: &str) -> Result<Statement<'_>> {
        self.prepare(sql)
    }

    /// Runs `f` in one write transaction, committed when it succeeds and
    /// rolled back when it fails.
    pub fn write<T>(&self, f: impl FnOnce(&Db) -> Result<T>) -> Result<T> {
        self.begin()?;
        match f(self).and_then(|v| self.commit().map(|()| v)) {
            Ok(v) => Ok(v),
            Err(e) => {
                let _ = self.rollback();
                Err(e)
            }
        }
    }

    /// Runs `f` in a write transaction that is always rolled back.
    pub fn rehearse<T>(&self, f: impl FnOnce(&Db) -> Result<T>) -> Result<T> {
        self.begin()?;
        let value = f(self);
        let rolled_back = self.rollback();
        let value = value?;
        rolled_back.map(|()| value)
    }
}

/// A statement of the store (prepared and cached by the connection).
pub struct Statement<'c> {
    db: &'c Db,
    sql: String,
}

impl Statement<'_> {
    pub fn execute(&mut self, params: Params) -> Result<usize> {
        self.db.execute(&self.sql, params)
    }

    pub fn query_row<T>(&mut self, params: Params, f: impl FnOnce(&Row) -> Result<T>) -> Result<T> {
        self.db.query_row(&self.sql, params, f)
    }

    pub fn query_opt<T>(
        &mut self,
        params: Params,
        f: impl FnOnce(&Row) -> Result<T>,
    ) -> Result<Option<T>> {
        self.db.query_opt(&self.sql, params, f)
    }

    /// Every row made into a `T`, each converted on its own.
    pub fn query_map<T>(
        &mut self,
        params: Params,
        mut f: impl FnMut(&Row) -> Result<T>,
    ) -> Result<std::vec::IntoIter<Result<T>>> {
        let mut out = Vec::new();
        self.db.query_each(&self.sql, params, |r| {
            out.push(f(r));
            Ok(true)
        })?;
        Ok(out.into_iter())
    }

    pub fn query_each(
        &mut self,
        params: Params,
        f: impl FnMut(&Row) -> Result<bool>,
    ) -> Result<()> {
        self.db.query_each(&self.sql, params, f)
    }
}

/// A write transaction (see [`Db::transaction`]).
pub struct Transaction<'c> {
    db: &'c Db,
    done: bool,
}

impl Transaction<'_> {
    /// Commits; a commit that fails (a busy SQLite file) is rolled back
    /// when the transaction is dropped, as rusqlite's would be.
    pub fn commit(mut self) -> Result<()> {
        self.db.commit()?;
        self.done = true;
        Ok(())
    }

    pub fn rollback(mut self) -> Result<()> {
        self.done = true;
        self.db.rollback()
    }
}

impl std::ops::Deref for Transaction<'_> {
    type Target = Db;
    fn deref(&self) -> &Db {
        self.db
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if !self.done {
            let _ = self.db.rollback();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A commit SQLite refuses (here a deferred foreign key) leaves no
    /// transaction open behind it: the next one starts.
    #[test]
    fn a_refused_commit_is_rolled_back() {
        let db = Db::sqlite(rusqlite::Connection::open_in_memory().unwrap());
        db.execute_batch(
            "PRAGMA foreign_keys = ON;
             CREATE TABLE parent (id INTEGER PRIMARY KEY);
             CREATE TABLE child (parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);",
        )
        .unwrap();
        let orphan = |db: &Db| db.execute("INSERT INTO child VALUES (?1)", params![7]);
        assert!(db.write(|db| orphan(db)).is_err());
        let tx = db.transaction().unwrap();
        orphan(&tx).unwrap();
        assert!(tx.commit().is_err());
        db.write(|db| db.execute("INSERT INTO parent VALUES (1)", params![]))
            .unwrap();
        let children: i64 = db
            .query_row("SELECT count(*) FROM child", params![], |r| r.get(0))
            .unwrap();
        assert_eq!(children, 0);
    }
}
