//! Mail accounts fetched by `tix fetch`: where, how securely, as whom, and
//! what to do with a message once the store has it.

pub use super::credentials::{PasswordSource, Tls};
use super::yaml::{pos, Pos, Spanned};
use serde::Deserialize;
use std::path::PathBuf;

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
