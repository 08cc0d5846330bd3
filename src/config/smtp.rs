//! Where tix sends mail from: one shared SMTP server, or one per account
//! (chosen by the sending address).

use super::credentials::{PasswordSource, Tls};
use super::yaml::{pos, Pos, Spanned};
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpFile {
    pub host: String,
    pub port: Option<u16>,
    /// Default: starttls.
    pub tls: Option<Spanned<Tls>>,
    #[serde(default)]
    pub insecure: bool,
    /// Log in only when a user is given.
    pub user: Option<Spanned<String>>,
    pub password_env: Option<String>,
    pub password_command: Option<String>,
    pub password_file: Option<PathBuf>,
    pub ca_file: Option<PathBuf>,
    /// The sender when a queue names none: `Verein e.V. <info@verein.example>`.
    pub from: Option<Spanned<String>>,
}

/// A checked SMTP server.
#[derive(Debug, Clone)]
pub struct Smtp {
    pub host: String,
    pub port: u16,
    pub tls: Tls,
    pub login: Option<(String, PasswordSource)>,
    pub ca_file: Option<PathBuf>,
    pub from: Option<lettre::message::Mailbox>,
}

/// Checks an SMTP block written at `block`; the error says where and what is wrong.
pub fn check(s: SmtpFile, block: Pos, owner: &str) -> Result<Smtp, (Pos, String)> {
    let tls = s.tls.as_ref().map(|t| t.value).unwrap_or(Tls::Starttls);
    if let Some(t) = s
        .tls
        .as_ref()
        .filter(|t| t.value == Tls::None && !s.insecure)
    {
        return Err((
            pos(t),
            format!("{owner}: tls: none sends mail and password in clear; add insecure: true to mean it"),
        ));
    }
    let at_user = s.user.as_ref().map(pos).unwrap_or(block);
    let password = PasswordSource::from_fields(s.password_env, s.password_command, s.password_file)
        .map_err(|n| (at_user, format!("{owner}: give at most one of password_env, password_command, password_file (found {n})")))?;
    let login = match (s.user, password) {
        (Some(u), Some(p)) => Some((u.value, p)),
        (None, None) => None,
        (Some(_), None) => {
            return Err((
                at_user,
                format!("{owner}: user needs one of password_env, password_command, password_file"),
            ))
        }
        (None, Some(_)) => return Err((at_user, format!("{owner}: a password without user"))),
    };
    let from = match &s.from {
        Some(f) => Some(f.value.parse::<lettre::message::Mailbox>().map_err(|e| {
            (
                pos(f),
                format!("{owner}: from {:?} is not a mail address: {e}", f.value),
            )
        })?),
        None => None,
    };
    Ok(Smtp {
        port: s.port.unwrap_or(match tls {
            Tls::Implicit => 465,
            Tls::Starttls => 587,
            Tls::None => 25,
        }),
        host: s.host,
        tls,
        login,
        ca_file: s.ca_file,
        from,
    })
}
