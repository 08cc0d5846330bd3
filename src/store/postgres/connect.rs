//! Reaching the server: the URL and the options tix reads from it, the
//! password (environment, the config's command or file, ~/.pgpass), TLS,
//! and what a failure to connect or a later error means.

use super::Session;
use crate::error::{Result, TixError};
use std::collections::HashMap;
use std::sync::OnceLock;

/// What the config says about reaching the server store it names: where
/// the password comes from and a CA certificate to trust. Given only for
/// that store: a server named by `--db` or TIX_DB gets none of it.
#[derive(Clone, Default)]
pub struct ServerAccess {
    pub password: Option<PasswordReader>,
    pub ca_file: Option<std::path::PathBuf>,
}

/// Asks for the store's password where the config says it is kept (a
/// command, a file, a variable); the error names what failed.
pub type PasswordReader =
    std::sync::Arc<dyn Fn() -> std::result::Result<String, String> + Send + Sync>;

static ACCESS: OnceLock<ServerAccess> = OnceLock::new();

/// Sets, once per process, how the config's server store is reached.
pub fn set_access(access: ServerAccess) {
    let _ = ACCESS.set(access);
}

pub use crate::location::{display_url, is_url};

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
        if let Some(user) = crate::process_user::login_name() {
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
        row_security: None,
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
        let p = source().map_err(TixError::failure)?.into_bytes();
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
pub(super) fn pgpass_lookup(text: &str, wanted: [&str; 4]) -> Option<Vec<u8>> {
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
        // The server asks for a password the setup does not give: a
        // mistake in the setup, whatever the command.
        None if why.contains("password missing") => TixError::usage(format!(
            "store {shown}: the server asks for a password and none is given: set \
             store_password_command or store_password_file in the config, or TIX_DB_PASSWORD, \
             PGPASSWORD or ~/.pgpass"
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
