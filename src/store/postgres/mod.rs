//! A store on a PostgreSQL server: one connection ([`Session`]) and its
//! statements and transactions. How it is reached (URL, password, TLS) is
//! in connect.rs, rows that wait for one COPY in appended.rs, values on the
//! wire in wire.rs, and the few words of SQLite's dialect the store's SQL
//! uses, said the PostgreSQL way, in dialect.rs.

mod appended;
mod connect;
mod dialect;
mod wire;

pub use connect::{
    connect, display_url, error_text, is_temporary, is_url, set_access, PasswordReader,
    ServerAccess,
};
pub use dialect::translate;
pub use wire::PgValue;

use super::values::Params;
use crate::error::Result;
use appended::Appended;
use postgres::types::ToSql;
use std::collections::HashMap;
use wire::PgParam;

/// Every write transaction takes this transaction-level advisory lock: one
/// writer at a time, as on SQLite, across every machine using the store.
pub const WRITER_LOCK: i64 = 0x7469_7800_0001;

/// A connection and its prepared statements.
pub struct Session {
    client: postgres::Client,
    statements: HashMap<String, postgres::Statement>,
    busy_timeout_ms: u128,
    /// Inside a write transaction begun by `begin_write`.
    in_write: bool,
    /// Rows of append-only tables waiting to go in with one COPY each
    /// (see `Db::append`); off while a batch is replayed to find the
    /// message whose row the server refused.
    defer_appends: bool,
    appended: Vec<Appended>,
    /// Ids taken from a table's sequence for rows appended in this write
    /// transaction (see `Session::next_id`), and how many the next take asks.
    reserved_ids: HashMap<String, (std::collections::VecDeque<i64>, usize)>,
    /// Values that hold until the write transaction ends (`Db::txn_value`).
    txn_values: HashMap<String, i64>,
    /// Each table's column types by name, read once per connection.
    column_types: HashMap<String, HashMap<String, String>>,
    /// Whether the role connected is held to row-level security (an
    /// agent's role, `tix store roles --sync`): the server takes no COPY
    /// into its tables, so appended rows go as INSERTs. Asked at the first
    /// append, so a command that only reads does not ask.
    pub(super) row_security: Option<bool>,
}

impl Session {
    fn statement(&mut self, sql: &str) -> Result<postgres::Statement> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        // Statements made from a query's filter vary; keep the cache bounded.
        if self.statements.len() > 512 {
            self.statements.clear();
        }
        let stmt = self.client.prepare(&translate(sql))?;
        self.statements.insert(sql.to_string(), stmt.clone());
        Ok(stmt)
    }

    pub fn execute(&mut self, sql: &str, params: Params) -> Result<usize> {
        self.flush_for(sql)?;
        let stmt = self.statement(sql)?;
        let values: Vec<PgParam> = params.iter().map(|p| PgParam(p.to_param())).collect();
        let refs: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v as _).collect();
        Ok(self.client.execute(&stmt, &refs)? as usize)
    }

    pub fn batch(&mut self, sql: &str) -> Result<()> {
        // The first words say whether the transaction ends (not a whole
        // migration upper-cased to read them).
        let head = sql
            .trim_start()
            .chars()
            .take(12)
            .collect::<String>()
            .to_ascii_uppercase();
        let rolls_back = head.starts_with("ROLLBACK") && !head.starts_with("ROLLBACK TO");
        let ends = rolls_back || head.starts_with("COMMIT");
        if head.starts_with("ROLLBACK") {
            // Back to a savepoint: what the transaction had done may be undone.
            self.txn_values.clear();
        }
        if rolls_back {
            self.appended.clear();
        } else {
            // Savepoints included: rows appended before one stay when it is
            // rolled back to, those after it go with it.
            self.flush_appended()?;
        }
        let done = self.client.batch_execute(sql);
        if ends {
            self.in_write = false;
            self.appended.clear();
            self.reserved_ids.clear();
            self.txn_values.clear();
        }
        Ok(done?)
    }

    pub fn txn_value(&self, key: &str) -> Option<i64> {
        self.txn_values.get(key).copied()
    }

    pub fn set_txn_value(&mut self, key: &str, value: i64) {
        if self.in_write {
            self.txn_values.insert(key.to_string(), value);
        }
    }

    /// Whether a row appended now waits for the commit.
    /// Runs the query to its end, then hands out the rows: `f` may use the
    /// store again (one connection runs one statement at a time).
    pub fn query_each(
        &mut self,
        sql: &str,
        params: Params,
        f: impl FnMut(&postgres::Row) -> Result<bool>,
    ) -> Result<()> {
        let rows = self.query(sql, params)?;
        each(&rows, f)
    }

    pub fn query(&mut self, sql: &str, params: Params) -> Result<Vec<postgres::Row>> {
        self.flush_for(sql)?;
        let stmt = self.statement(sql)?;
        let values: Vec<PgParam> = params.iter().map(|p| PgParam(p.to_param())).collect();
        let refs: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v as _).collect();
        Ok(self.client.query(&stmt, &refs)?)
    }

    pub fn set_busy_timeout(&mut self, wait: std::time::Duration) -> Result<()> {
        self.busy_timeout_ms = wait.as_millis();
        Ok(self
            .client
            .batch_execute(&format!("SET lock_timeout = {}", self.busy_timeout_ms))?)
    }

    pub fn begin_write(&mut self) -> Result<()> {
        let sql = format!(
            "BEGIN; SET LOCAL lock_timeout = {}; SELECT pg_advisory_xact_lock({WRITER_LOCK})",
            self.busy_timeout_ms
        );
        self.appended.clear();
        self.reserved_ids.clear();
        self.txn_values.clear();
        if let Err(e) = self.client.batch_execute(&sql) {
            let _ = self.client.batch_execute("ROLLBACK");
            return Err(e.into());
        }
        self.in_write = true;
        Ok(())
    }

    /// Takes the session-level advisory lock `key` if it is free.
    pub fn try_lock(&mut self, key: i64) -> Result<bool> {
        let row = self
            .client
            .query_one("SELECT pg_try_advisory_lock($1)", &[&key])?;
        Ok(row.get(0))
    }
}

fn each(rows: &[postgres::Row], mut f: impl FnMut(&postgres::Row) -> Result<bool>) -> Result<()> {
    for r in rows {
        if !f(r)? {
            break;
        }
    }
    Ok(())
}
