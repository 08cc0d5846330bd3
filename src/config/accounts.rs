//! Mail accounts fetched by `tix fetch`: where, how securely, as whom, and
//! what to do with a message once the store has it.

use super::yaml::{pos, Pos, Spanned};
use serde::Deserialize;
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Tls {
    /// TLS from the first byte (port 993).
    #[default]
    Implicit,
    /// Plain connection upgraded with STARTTLS (port 143).
    Starttls,
    /// No encryption: only with `insecure: true`.
    None,
}

/// What happens on the server once a message is safely in the store.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum AfterImport {
    #[default]
    Keep,
    MarkSeen,
    MoveTo(String),
    Delete,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountFile {
    pub name: Spanned<String>,
    pub host: String,
    pub port: Option<u16>,
    pub tls: Option<Spanned<Tls>>,
    #[serde(default)]
    pub insecure: bool,
    pub user: String,
    /// The password: from this environment variable, command's output, or file.
    pub password_env: Option<String>,
    pub password_command: Option<String>,
    pub password_file: Option<PathBuf>,
    #[serde(default)]
    pub folders: Vec<String>,
    pub queue: Option<Spanned<String>>,
    pub since: Option<Spanned<String>>,
    /// keep (default), seen, delete, or "move:FOLDER".
    pub after_import: Option<Spanned<String>>,
    /// A CA certificate (PEM) to trust, for a private server.
    pub ca_file: Option<PathBuf>,
    /// The account's own mail address (default: the user, when it is one).
    pub address: Option<String>,
    /// How mail from this address is sent (else the shared `smtp`).
    pub smtp: Option<Spanned<super::smtp::SmtpFile>>,
}

/// A checked account.
#[derive(Debug, Clone)]
pub struct Account {
    pub name: String,
    pub host: String,
    pub port: u16,
    pub tls: Tls,
    pub user: String,
    pub password: PasswordSource,
    pub folders: Vec<String>,
    pub queue: Option<String>,
    /// Seconds since the epoch: only mail from this date on.
    pub since: Option<i64>,
    pub after_import: AfterImport,
    pub ca_file: Option<PathBuf>,
    /// Lower-cased.
    pub address: Option<String>,
    pub smtp: Option<super::smtp::Smtp>,
}

#[derive(Debug, Clone)]
pub enum PasswordSource {
    Env(String),
    Command(String),
    File(PathBuf),
}

pub fn parse_after_import(v: &str) -> Result<AfterImport, String> {
    match v.trim() {
        "keep" => Ok(AfterImport::Keep),
        "seen" => Ok(AfterImport::MarkSeen),
        "delete" => Ok(AfterImport::Delete),
        other => match other.strip_prefix("move:") {
            Some(f) if !f.trim().is_empty() => Ok(AfterImport::MoveTo(f.trim().to_string())),
            _ => Err(format!(
                "after_import {other:?} is not keep, seen, delete or move:FOLDER"
            )),
        },
    }
}

/// Checks one account as written; the error says where and what is wrong.
/// The account's queue is left as written (the caller knows the queues).
pub fn check(a: AccountFile, now: i64) -> Result<Account, (Pos, String)> {
    let name = a.name.value.clone();
    let at_name = pos(&a.name);
    let password = match PasswordSource::from_fields(
        a.password_env,
        a.password_command,
        a.password_file,
    ) {
        Ok(Some(p)) => p,
        found => {
            let n = found.err().unwrap_or(0);
            return Err((at_name, format!(
                "account {name:?} needs exactly one of password_env, password_command, password_file (found {n}); passwords are never written in the config"
            )));
        }
    };
    let tls = a.tls.as_ref().map(|t| t.value).unwrap_or_default();
    if let Some(t) = a
        .tls
        .as_ref()
        .filter(|t| t.value == Tls::None && !a.insecure)
    {
        return Err((pos(t), format!("account {name:?}: tls: none sends the password in clear; add insecure: true to mean it")));
    }
    let after_import = match &a.after_import {
        Some(v) => parse_after_import(&v.value).map_err(|m| (pos(v), m))?,
        None => AfterImport::Keep,
    };
    let since = match &a.since {
        Some(d) => Some(crate::dates::parse_date(&d.value, now).map_err(|m| (pos(d), m))?),
        None => None,
    };
    let smtp = match a.smtp {
        Some(f) => {
            let block = pos(&f);
            Some(super::smtp::check(
                f.value,
                block,
                &format!("account {name:?} smtp"),
            )?)
        }
        None => None,
    };
    let address = a
        .address
        .or_else(|| a.user.contains('@').then(|| a.user.clone()))
        .map(|x| x.trim().to_lowercase());
    Ok(Account {
        address,
        smtp,
        port: a
            .port
            .unwrap_or(if tls == Tls::Implicit { 993 } else { 143 }),
        name,
        host: a.host,
        tls,
        user: a.user,
        password,
        folders: if a.folders.is_empty() {
            vec!["INBOX".into()]
        } else {
            a.folders
        },
        queue: a.queue.map(|q| q.value),
        since,
        after_import,
        ca_file: a.ca_file,
    })
}

impl PasswordSource {
    /// The one source among the three keys; `Err(n)` when `n` > 1 are given.
    pub fn from_fields(
        env: Option<String>,
        command: Option<String>,
        file: Option<PathBuf>,
    ) -> Result<Option<PasswordSource>, usize> {
        match (env, command, file) {
            (None, None, None) => Ok(None),
            (Some(e), None, None) => Ok(Some(PasswordSource::Env(e))),
            (None, Some(c), None) => Ok(Some(PasswordSource::Command(c))),
            (None, None, Some(f)) => Ok(Some(PasswordSource::File(f))),
            (e, c, f) => Err([e.is_some(), c.is_some(), f.is_some()]
                .iter()
                .filter(|x| **x)
                .count()),
        }
    }

    /// Reads the password now; never stored, never printed. `account`
    /// names whose it is in messages ("account info", "smtp", "store").
    pub fn read(&self, account: &str) -> Result<String, String> {
        let p = match self {
            PasswordSource::Env(v) => std::env::var(v)
                .map_err(|_| format!("{account}: environment variable {v} is not set"))?,
            PasswordSource::File(f) => {
                warn_if_others_can_read(account, f);
                std::fs::read_to_string(f)
                    .map_err(|e| format!("{account}: password file {}: {e}", f.display()))?
            }
            PasswordSource::Command(c) => run_password_command(account, c)?,
        };
        Ok(p.trim_end_matches(['\n', '\r']).to_string())
    }
}

/// How long a password command may take before it is stopped (a keyring
/// waiting for a desktop prompt would otherwise hang every cron run).
const PASSWORD_COMMAND_TIMEOUT: Duration = Duration::from_secs(30);

fn password_command_timeout() -> Duration {
    crate::dates::seconds_from_env("TIX_PASSWORD_COMMAND_TIMEOUT", PASSWORD_COMMAND_TIMEOUT)
}

/// Runs `sh -c command` in its own process group, with no stdin, and
/// stops the whole group when it takes too long.
fn run_password_command(account: &str, command: &str) -> Result<String, String> {
    use std::io::Read;
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};
    let timeout = password_command_timeout();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .map_err(|e| format!("{account}: password command: {e}"))?;
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            Ok(None) | Err(_) => {
                // SAFETY: signals the process group this command leads.
                unsafe {
                    libc::kill(-(child.id() as i32), libc::SIGKILL);
                }
                let _ = child.wait();
                return Err(format!(
                    "{account}: password command timed out after {} s and was stopped",
                    timeout.as_secs_f64()
                ));
            }
        }
    };
    let out = stdout.join().unwrap_or_default();
    let err = stderr.join().unwrap_or_default();
    if !status.success() {
        let said = String::from_utf8_lossy(&err);
        let said = said.split_whitespace().collect::<Vec<_>>().join(" ");
        return Err(format!(
            "{account}: password command failed ({status}){}",
            if said.is_empty() {
                String::new()
            } else {
                format!(": {said}")
            }
        ));
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// A password file others can read is a leak waiting to happen: say so on
/// every run (cron mails it), and go on.
fn warn_if_others_can_read(account: &str, file: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(file) {
        let mode = meta.permissions().mode();
        if mode & 0o077 != 0 {
            eprintln!(
                "tix: warning: {account}: password file {} can be read by others (mode {:o}); chmod 600 it",
                file.display(),
                mode & 0o777
            );
        }
    }
}
