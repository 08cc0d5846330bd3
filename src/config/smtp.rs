//! Where tix sends mail from: one shared SMTP server, or one per account
//! (chosen by the sending address).

use super::accounts::{PasswordSource, Tls};
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpFile {
    pub host: String,
    pub port: Option<u16>,
    #[serde(default = "starttls")]
    pub tls: Tls,
    #[serde(default)]
    pub insecure: bool,
    /// Log in only when a user is given.
    pub user: Option<String>,
    pub password_env: Option<String>,
    pub password_command: Option<String>,
    pub password_file: Option<PathBuf>,
    pub ca_file: Option<PathBuf>,
    /// The sender when a queue names none: `Verein e.V. <info@verein.example>`.
    pub from: Option<String>,
}

fn starttls() -> Tls {
    Tls::Starttls
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

/// Checks an SMTP block; the error names the key at fault and what is wrong.
pub fn check(s: SmtpFile, owner: &str) -> Result<Smtp, (String, String)> {
    if s.tls == Tls::None && !s.insecure {
        return Err((
            "tls".into(),
            format!("{owner}: tls: none sends mail and password in clear; add insecure: true to mean it"),
        ));
    }
    let password = PasswordSource::from_fields(s.password_env, s.password_command, s.password_file)
        .map_err(|n| ("user".to_string(), format!("{owner}: give at most one of password_env, password_command, password_file (found {n})")))?;
    let login = match (s.user, password) {
        (Some(u), Some(p)) => Some((u, p)),
        (None, None) => None,
        (Some(_), None) => {
            return Err((
                "user".into(),
                format!("{owner}: user needs one of password_env, password_command, password_file"),
            ))
        }
        (None, Some(_)) => {
            return Err(("user".into(), format!("{owner}: a password without user")))
        }
    };
    let from = match &s.from {
        Some(f) => Some(f.parse::<lettre::message::Mailbox>().map_err(|e| {
            (
                "from".to_string(),
                format!("{owner}: from {f:?} is not a mail address: {e}"),
            )
        })?),
        None => None,
    };
    Ok(Smtp {
        port: s.port.unwrap_or(match s.tls {
            Tls::Implicit => 465,
            Tls::Starttls => 587,
            Tls::None => 25,
        }),
        host: s.host,
        tls: s.tls,
        login,
        ca_file: s.ca_file,
        from,
    })
}
