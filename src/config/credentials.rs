//! How tix proves itself to a mail server, shared by fetch accounts and
//! SMTP: the TLS mode and where a password is kept (never in the config).

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

/// Where a password is read from when it is needed.
#[derive(Debug, Clone)]
pub enum PasswordSource {
    Env(String),
    Command(String),
    File(PathBuf),
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
