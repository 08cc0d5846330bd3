//! A store on a PostgreSQL server: the connection (its URL, password and
//! TLS), the values as the server sends and takes them, and the few words
//! of SQLite's dialect the store's SQL uses, said as PostgreSQL says them.

use super::db::{Params, ValueRef};
use crate::error::{Result, TixError};
use postgres::types::{to_sql_checked, FromSql, IsNull, ToSql, Type};
use std::collections::HashMap;
use std::sync::OnceLock;

type BoxError = Box<dyn std::error::Error + Sync + Send>;

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
}

/// Appended rows of one table sent at once when they grow past this.
const APPENDED_BYTES: usize = 8 << 20;

/// Rows for one table's columns, in COPY's binary format where every
/// column's type allows (values go as they are: a message's bytes are not
/// written out in hex for the server to read back), else its text format.
struct Appended {
    table: String,
    columns: String,
    binary: Option<Vec<ColumnType>>,
    rows: Vec<u8>,
}

/// A column's type, as binary COPY writes its values.
#[derive(Debug, Clone, Copy, PartialEq)]
enum ColumnType {
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

/// What the config says about reaching the server store it names: where
/// the password comes from and a CA certificate to trust. Given only for
/// that store: a server named by `--db` or TIX_DB gets none of it.
#[derive(Debug, Clone, Default)]
pub struct ServerAccess {
    pub password: Option<crate::config::accounts::PasswordSource>,
    pub ca_file: Option<std::path::PathBuf>,
}

static ACCESS: OnceLock<ServerAccess> = OnceLock::new();

/// Sets, once per process, how the config's server store is reached.
pub fn set_access(access: ServerAccess) {
    let _ = ACCESS.set(access);
}

/// Is `location` a PostgreSQL URL rather than an SQLite file?
pub fn is_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// The URL with any password taken out, for messages.
pub fn display_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, tail) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let authority = match authority.rsplit_once('@') {
        Some((user, host)) => format!("{}@{host}", user.split(':').next().unwrap_or("")),
        None => authority.to_string(),
    };
    // Query parameters may carry a password too.
    let tail = tail.split('?').next().unwrap_or("");
    format!("{scheme}://{authority}{tail}")
}

/// How the connection is secured, in libpq's words.
#[derive(Debug, Clone, Copy, PartialEq)]
enum SslMode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

/// Options tix reads from the URL itself (the driver knows only some).
struct Extra {
    ssl: Option<SslMode>,
    root_cert: Option<String>,
}

fn split_extra(url: &str) -> Result<(String, Extra)> {
    let mut extra = Extra {
        ssl: None,
        root_cert: None,
    };
    let Some((base, query)) = url.split_once('?') else {
        return Ok((url.to_string(), extra));
    };
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k {
            "sslmode" => {
                extra.ssl = Some(match v {
                    "disable" => SslMode::Disable,
                    "prefer" | "allow" => SslMode::Prefer,
                    "require" => SslMode::Require,
                    "verify-ca" => SslMode::VerifyCa,
                    "verify-full" => SslMode::VerifyFull,
                    other => {
                        return Err(TixError::usage(format!(
                            "store {}: unknown sslmode {other:?} (disable, prefer, require, verify-ca, verify-full)",
                            display_url(url)
                        )))
                    }
                })
            }
            "sslrootcert" => extra.root_cert = Some(v.to_string()),
            _ => kept.push(pair),
        }
    }
    let base = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    Ok((base, extra))
}

fn is_local(host: &postgres::config::Host) -> bool {
    match host {
        postgres::config::Host::Unix(_) => true,
        postgres::config::Host::Tcp(h) => {
            h == "localhost"
                || h.parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        }
    }
}

/// Connects to the store at `url`. The password comes from the
/// environment (`TIX_DB_PASSWORD`, or libpq's `PGPASSWORD`) or from
/// `~/.pgpass`, never from the URL in the config.
pub fn connect(url: &str, busy_timeout_ms: u128) -> Result<Session> {
    let shown = display_url(url);
    let (base, extra) = split_extra(url)?;
    let mut config: postgres::Config = base
        .parse()
        .map_err(|e| TixError::usage(format!("store {shown}: not a usable PostgreSQL URL: {e}")))?;
    if config.get_user().is_none() {
        if let Some(user) = crate::context::login_name() {
            config.user(&user);
        }
    }
    if config.get_dbname().is_none() {
        let user = config.get_user().unwrap_or("tix").to_string();
        config.dbname(&user);
    }
    let access = ACCESS.get().cloned().unwrap_or_default();
    if config.get_password().is_none() {
        if let Some(password) = password_for(&config, &access)? {
            config.password(password);
        }
    }
    config.application_name("tix");
    config.connect_timeout(std::time::Duration::from_secs(10));
    let local = config.get_hosts().iter().all(is_local);
    // A server on this machine is reached in the clear unless asked (and
    // without loading the system's certificates, a tenth of a second of
    // every command); one elsewhere only over TLS with its certificate and
    // name checked.
    let mode = extra.ssl.unwrap_or(if local {
        SslMode::Disable
    } else {
        SslMode::VerifyFull
    });
    let client = if mode == SslMode::Disable {
        config.ssl_mode(postgres::config::SslMode::Disable);
        config.connect(postgres::NoTls)
    } else {
        let mut tls = native_tls::TlsConnector::builder();
        match mode {
            SslMode::Prefer | SslMode::Require => {
                tls.danger_accept_invalid_certs(true);
            }
            SslMode::VerifyCa => {
                tls.danger_accept_invalid_hostnames(true);
            }
            _ => {}
        }
        let root_cert = extra
            .root_cert
            .clone()
            .or_else(|| access.ca_file.map(|f| f.display().to_string()));
        if let Some(path) = &root_cert {
            let pem =
                std::fs::read(path).map_err(|e| TixError::input(std::path::Path::new(path), e))?;
            let cert = native_tls::Certificate::from_pem(&pem)
                .map_err(|e| TixError::usage(format!("store {shown}: sslrootcert {path}: {e}")))?;
            tls.add_root_certificate(cert);
        }
        let tls = tls
            .build()
            .map_err(|e| TixError::failure(format!("store {shown}: TLS: {e}")))?;
        config.ssl_mode(if mode == SslMode::Prefer {
            postgres::config::SslMode::Prefer
        } else {
            postgres::config::SslMode::Require
        });
        config.connect(postgres_native_tls::MakeTlsConnector::new(tls))
    };
    let mut client = client.map_err(|e| connect_error(&shown, e))?;
    // Dates grouped by day (the dashboard) are days where tix runs.
    if let Some(zone) = local_zone_name() {
        let _ = client.batch_execute(&format!("SET TimeZone = '{}'", zone.replace('\'', "")));
    }
    client
        .batch_execute("SET client_min_messages = warning")
        .map_err(|e| connect_error(&shown, e))?;
    Ok(Session {
        client,
        statements: HashMap::new(),
        busy_timeout_ms,
        in_write: false,
        defer_appends: true,
        appended: Vec::new(),
        reserved_ids: HashMap::new(),
        txn_values: HashMap::new(),
        column_types: HashMap::new(),
    })
}

/// The IANA name of the zone this process reckons local time in.
fn local_zone_name() -> Option<String> {
    if let Ok(tz) = std::env::var("TZ") {
        let tz = tz.trim_start_matches(':');
        if !tz.is_empty() && !tz.starts_with('/') {
            return Some(tz.to_string());
        }
    }
    let link = std::fs::read_link("/etc/localtime").ok()?;
    let s = link.to_string_lossy();
    s.split_once("zoneinfo/").map(|(_, zone)| zone.to_string())
}

/// The password: TIX_DB_PASSWORD, then the config's command or file, then
/// libpq's PGPASSWORD and password file.
fn password_for(config: &postgres::Config, access: &ServerAccess) -> Result<Option<Vec<u8>>> {
    if let Ok(p) = std::env::var("TIX_DB_PASSWORD") {
        return Ok(Some(p.into_bytes()));
    }
    if let Some(source) = &access.password {
        // Read once per process: a job lock opens a connection of its own,
        // and a keyring should not be asked twice.
        static READ: OnceLock<Vec<u8>> = OnceLock::new();
        if let Some(p) = READ.get() {
            return Ok(Some(p.clone()));
        }
        let p = source
            .read("store")
            .map_err(TixError::failure)?
            .into_bytes();
        return Ok(Some(READ.get_or_init(|| p).clone()));
    }
    if let Ok(p) = std::env::var("PGPASSWORD") {
        return Ok(Some(p.into_bytes()));
    }
    Ok(pgpass_password(config))
}

fn pgpass_password(config: &postgres::Config) -> Option<Vec<u8>> {
    let file = std::env::var_os("PGPASSFILE")
        .map(std::path::PathBuf::from)
        .or_else(|| dirs::home_dir().map(|h| h.join(".pgpass")))?;
    let text = std::fs::read_to_string(file).ok()?;
    let host = match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(h)) => h.clone(),
        _ => "localhost".to_string(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let db = config.get_dbname().unwrap_or("");
    let user = config.get_user().unwrap_or("");
    pgpass_lookup(&text, [&host, &port, db, user])
}

/// The password of the first `~/.pgpass` line matching host, port,
/// database and user (`*` matches anything; `\:` is a colon).
fn pgpass_lookup(text: &str, wanted: [&str; 4]) -> Option<Vec<u8>> {
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => field.extend(chars.next()),
                ':' if fields.len() < 4 => fields.push(std::mem::take(&mut field)),
                c => field.push(c),
            }
        }
        fields.push(field);
        if fields.len() == 5
            && fields[..4]
                .iter()
                .zip(wanted)
                .all(|(f, w)| f == "*" || f == w)
        {
            return Some(fields[4].clone().into_bytes());
        }
    }
    None
}

fn connect_error(shown: &str, e: postgres::Error) -> TixError {
    let state = e.code().map(|c| c.code().to_string());
    let why = error_text(&e);
    match state.as_deref() {
        // Wrong password or user, no such database: waiting mends nothing.
        Some("28P01" | "28000") => TixError::failure(format!(
            "store {shown}: the server refused the login: {why}"
        )),
        Some("3D000") => TixError::usage(format!(
            "store {shown}: {why}; create the database first (createdb), then run tix init"
        )),
        // A certificate that does not check out stays so: not a retry.
        None if failed_in_tls(&e) => {
            let reason = tls_reason(&e);
            let hint = if reason.contains("certificate verify failed") {
                "; the server's certificate is not trusted: name its CA with store_ca_file \
                 (or sslrootcert= in the URL)"
            } else {
                ""
            };
            TixError::failure(format!("store {shown}: TLS: {reason}{hint}"))
        }
        _ => TixError::temp(format!(
            "store {shown}: cannot reach the server ({why}); try again later"
        )),
    }
}

fn failed_in_tls(e: &postgres::Error) -> bool {
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if s.is::<native_tls::Error>() {
            return true;
        }
        source = s.source();
    }
    false
}

/// The innermost reason of a TLS failure (OpenSSL's "certificate verify
/// failed", with why).
fn tls_reason(e: &postgres::Error) -> String {
    let mut reason = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        reason = s.to_string();
        source = s.source();
    }
    reason.replace('\n', " ")
}

/// The server's own message when there is one, else the driver's.
pub fn error_text(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => db.message().to_string(),
        None => {
            let mut text = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                text = format!("{text}: {s}");
                source = s.source();
            }
            text
        }
    }
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

    /// Adds a row to an append-only table. In a write transaction the row
    /// waits, with the others for its table, until the transaction commits
    /// or a statement names the table; one COPY then sends them all, where
    /// an INSERT each would cost a round trip to the server each.
    pub fn append(&mut self, table: &str, columns: &str, params: Params) -> Result<()> {
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

    pub fn txn_value(&self, key: &str) -> Option<i64> {
        self.txn_values.get(key).copied()
    }

    pub fn set_txn_value(&mut self, key: &str, value: i64) {
        if self.in_write {
            self.txn_values.insert(key.to_string(), value);
        }
    }

    /// Whether a row appended now waits for the commit.
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
    fn flush_for(&mut self, sql: &str) -> Result<()> {
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

    fn flush_appended(&mut self) -> Result<()> {
        use std::io::Write;
        let mut waiting = std::mem::take(&mut self.appended);
        // Parents before the rows that refer to them (a stable sort: the
        // other tables keep the order they were first appended to).
        waiting.sort_by_key(|a| super::copy::parent_rank(&a.table));
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

/// A value as the server sends it, of whatever type the column has.
pub struct PgValue<'a>(pub ValueRef<'a>);

impl<'a> FromSql<'a> for PgValue<'a> {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> std::result::Result<Self, BoxError> {
        Ok(PgValue(match *ty {
            Type::INT8 => ValueRef::Int(i64::from_sql(ty, raw)?),
            Type::INT4 => ValueRef::Int(i32::from_sql(ty, raw)?.into()),
            Type::INT2 => ValueRef::Int(i16::from_sql(ty, raw)?.into()),
            Type::OID => ValueRef::Int(u32::from_sql(ty, raw)?.into()),
            Type::BOOL => ValueRef::Int(bool::from_sql(ty, raw)?.into()),
            Type::FLOAT8 => ValueRef::Real(f64::from_sql(ty, raw)?),
            Type::FLOAT4 => ValueRef::Real(f32::from_sql(ty, raw)?.into()),
            Type::NUMERIC => numeric(raw)?,
            Type::BYTEA => ValueRef::Blob(raw),
            Type::JSONB => ValueRef::Text(std::str::from_utf8(raw.get(1..).unwrap_or(b""))?),
            _ => ValueRef::Text(std::str::from_utf8(raw)?),
        }))
    }

    fn from_sql_null(_: &Type) -> std::result::Result<Self, BoxError> {
        Ok(PgValue(ValueRef::Null))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// A NUMERIC (what `sum` of integers gives) as a number: whole when it
/// has no fraction.
fn numeric(raw: &[u8]) -> std::result::Result<ValueRef<'static>, BoxError> {
    let word = |i: usize| -> std::result::Result<i16, BoxError> {
        Ok(i16::from_be_bytes(
            raw.get(i..i + 2).ok_or("short NUMERIC")?.try_into()?,
        ))
    };
    let (ndigits, weight, sign, scale) = (word(0)?, word(2)?, word(4)? as u16, word(6)?);
    if sign == 0xC000 {
        return Ok(ValueRef::Real(f64::NAN));
    }
    let mut value = 0f64;
    for i in 0..ndigits as usize {
        let digit = word(8 + 2 * i)? as f64;
        value += digit * 10000f64.powi(weight as i32 - i as i32);
    }
    if sign == 0x4000 {
        value = -value;
    }
    Ok(if scale == 0 && value.abs() < 9.0e15 {
        ValueRef::Int(value as i64)
    } else {
        ValueRef::Real(value)
    })
}

/// A value bound to a parameter, converted to the type the server inferred
/// for it.
#[derive(Debug)]
struct PgParam<'a>(ValueRef<'a>);

impl ToSql for PgParam<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut bytes::BytesMut,
    ) -> std::result::Result<IsNull, BoxError> {
        match self.0 {
            ValueRef::Null => Ok(IsNull::Yes),
            ValueRef::Int(n) => match *ty {
                Type::INT8 => n.to_sql(ty, out),
                Type::INT4 => i32::try_from(n)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(n)?.to_sql(ty, out),
                Type::BOOL => (n != 0).to_sql(ty, out),
                Type::FLOAT8 => (n as f64).to_sql(ty, out),
                Type::FLOAT4 => (n as f32).to_sql(ty, out),
                _ => n.to_string().as_str().to_sql(&Type::TEXT, out),
            },
            ValueRef::Real(x) => match *ty {
                Type::FLOAT4 => (x as f32).to_sql(ty, out),
                _ => x.to_sql(&Type::FLOAT8, out),
            },
            ValueRef::Text(s) => match *ty {
                Type::BYTEA => s.as_bytes().to_sql(ty, out),
                Type::INT8 => s.parse::<i64>()?.to_sql(ty, out),
                Type::JSONB => {
                    out.extend_from_slice(&[1]);
                    out.extend_from_slice(text_without_nul(s).as_bytes());
                    Ok(IsNull::No)
                }
                // PostgreSQL's text cannot hold NUL; the raw message keeps
                // the bytes as they came.
                _ => {
                    out.extend_from_slice(text_without_nul(s).as_bytes());
                    Ok(IsNull::No)
                }
            },
            ValueRef::Blob(b) => match *ty {
                Type::BYTEA => b.to_sql(ty, out),
                _ => Err(format!("bytes bound to a {ty} parameter").into()),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// One value as COPY's text format writes it: `\N` for NULL, bytes as
/// `\x` and hex, backslash, tab and line ends escaped.
/// The signature, flags and header extension length binary COPY begins with.
const BINARY_HEADER: &[u8] = b"PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0";

/// One field of a binary COPY row: its length (-1 for NULL), then the
/// value as the server's binary input of the column's type reads it.
fn copy_binary_field(
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
            super::db::kind(v)
        )),
    }
}

fn copy_text_field(out: &mut Vec<u8>, v: ValueRef) {
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

fn text_without_nul(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains('\0') {
        std::borrow::Cow::Owned(s.replace('\0', "\u{FFFD}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Is this error one that waiting mends (a busy store, a server restarting)?
pub fn is_temporary(e: &postgres::Error) -> bool {
    if e.is_closed() {
        return true;
    }
    // A connection that failed on the wire (refused, reset, timed out);
    // other errors without a server's code are tix's own (a value that
    // does not convert) and waiting mends nothing.
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if s.is::<std::io::Error>() {
            return true;
        }
        source = s.source();
    }
    let Some(code) = e.code() else { return false };
    let code = code.code();
    // lock_not_available, query_canceled, serialization and deadlock,
    // admin/crash shutdown and "cannot connect now", connection classes,
    // insufficient resources (disk full).
    matches!(
        code,
        "55P03" | "57014" | "40001" | "40P01" | "57P01" | "57P02" | "57P03"
    ) || code.starts_with("08")
        || code.starts_with("53")
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

    #[test]
    fn a_password_is_never_shown() {
        assert_eq!(
            display_url("postgres://tix:secret@db.example.org:5433/tix?password=x"),
            "postgres://tix@db.example.org:5433/tix"
        );
        assert_eq!(display_url("postgres://db/tix"), "postgres://db/tix");
    }

    #[test]
    fn pgpass_lines_match_by_field_with_wildcards() {
        let text = "# comment\nother:5432:*:tix:no\ndb.example.org:*:tix:tix:pa\\:ss\n";
        assert_eq!(
            pgpass_lookup(text, ["db.example.org", "5432", "tix", "tix"]),
            Some(b"pa:ss".to_vec())
        );
        assert_eq!(
            pgpass_lookup(text, ["elsewhere", "5432", "tix", "tix"]),
            None
        );
    }
}
