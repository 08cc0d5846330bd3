//! IMAP accounts: only new messages (UIDVALIDITY + UID per folder), handed to
//! intake in chunks; the server is touched (seen, move, delete) only after
//! the store has committed a chunk.

use super::RawMessage;
use crate::config::accounts::{Account, AfterImport, Tls};
use crate::error::{Result, TixError};
use native_tls::TlsConnector;
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

/// How long a silent server is waited for before the run gives up (exit 75).
const TIMEOUT: Duration = Duration::from_secs(60);
/// Messages per round trip and per commit.
pub const CHUNK: usize = 100;

/// An open, logged-in IMAP session over TLS or (insecure) plain TCP.
pub enum Connection {
    Tls(imap::Session<native_tls::TlsStream<TcpStream>>),
    Plain(imap::Session<TcpStream>),
}

fn network(account: &Account, what: &str, e: impl std::fmt::Display) -> TixError {
    TixError::temp(format!(
        "account {}: {what} {}:{}: {e}",
        account.name, account.host, account.port
    ))
}

/// A TLS handshake the server completed but we refused (an untrusted or
/// mismatched certificate): it will not pass by itself, so exit 1.
fn untrusted(account: &Account, e: native_tls::Error) -> TixError {
    TixError::failure(format!(
        "account {}: TLS with {}:{} failed: {e} (for a private server, name its certificate in ca_file)",
        account.name, account.host, account.port
    ))
}

fn tcp(account: &Account) -> Result<TcpStream> {
    let addrs: Vec<_> = (account.host.as_str(), account.port)
        .to_socket_addrs()
        .map_err(|e| network(account, "cannot resolve", e))?
        .collect();
    // "localhost" may name ::1 and 127.0.0.1; a server may listen on one only.
    let mut last = None;
    for addr in addrs {
        match TcpStream::connect_timeout(&addr, Duration::from_secs(20)) {
            Ok(s) => {
                s.set_read_timeout(Some(TIMEOUT))
                    .and_then(|()| s.set_write_timeout(Some(TIMEOUT)))
                    .map_err(|e| network(account, "cannot set timeouts on", e))?;
                return Ok(s);
            }
            Err(e) => last = Some(e),
        }
    }
    Err(match last {
        Some(e) => network(account, "cannot connect to", e),
        None => network(account, "cannot resolve", "no address"),
    })
}

fn tls_connector(account: &Account) -> Result<TlsConnector> {
    let mut b = TlsConnector::builder();
    if let Some(ca) = &account.ca_file {
        let pem = std::fs::read(ca).map_err(|e| {
            TixError::usage(format!(
                "account {}: ca_file {}: {e}",
                account.name,
                ca.display()
            ))
        })?;
        let cert = native_tls::Certificate::from_pem(&pem).map_err(|e| {
            TixError::usage(format!(
                "account {}: ca_file {}: {e}",
                account.name,
                ca.display()
            ))
        })?;
        b.add_root_certificate(cert);
    }
    b.build()
        .map_err(|e| TixError::failure(format!("account {}: TLS: {e}", account.name)))
}

/// Connects and logs in. A refused login is exit 1 (it will not pass by
/// itself); anything on the way there is exit 75 (try again later).
pub fn connect(account: &Account) -> Result<Connection> {
    let password = account
        .password
        .read(&account.name)
        .map_err(TixError::failure)?;
    let login_failed = |e: imap::error::Error| match e {
        imap::error::Error::No(m) | imap::error::Error::Bad(m) => TixError::failure(format!(
            "account {}: login refused for {}: {}",
            account.name,
            account.user,
            m.trim()
        )),
        other => network(account, "lost", other),
    };
    match account.tls {
        Tls::Implicit | Tls::Starttls => {
            let connector = tls_connector(account)?;
            let client = if account.tls == Tls::Implicit {
                let tls = connector
                    .connect(&account.host, tcp(account)?)
                    .map_err(|e| match e {
                        native_tls::HandshakeError::Failure(e) => untrusted(account, e),
                        other => network(account, "TLS with", other),
                    })?;
                let mut c = imap::Client::new(tls);
                c.read_greeting()
                    .map_err(|e| network(account, "no greeting from", e))?;
                c
            } else {
                let mut c = imap::Client::new(tcp(account)?);
                c.read_greeting()
                    .map_err(|e| network(account, "no greeting from", e))?;
                c.secure(&account.host, &connector).map_err(|e| match e {
                    imap::error::Error::TlsHandshake(native_tls::HandshakeError::Failure(e))
                    | imap::error::Error::Tls(e) => untrusted(account, e),
                    other => network(account, "STARTTLS with", other),
                })?
            };
            let session = client
                .login(&account.user, &password)
                .map_err(|(e, _)| login_failed(e))?;
            Ok(Connection::Tls(session))
        }
        Tls::None => {
            let mut c = imap::Client::new(tcp(account)?);
            c.read_greeting()
                .map_err(|e| network(account, "no greeting from", e))?;
            let session = c
                .login(&account.user, &password)
                .map_err(|(e, _)| login_failed(e))?;
            Ok(Connection::Plain(session))
        }
    }
}

macro_rules! with_session {
    ($conn:expr, $s:ident => $body:expr) => {
        match $conn {
            Connection::Tls($s) => $body,
            Connection::Plain($s) => $body,
        }
    };
}

/// Where an account's mail goes: the caller's store, which keeps how far
/// each folder was imported (its resume key: UIDVALIDITY and last UID).
pub trait Destination {
    /// The resume key of `folder`, if it was imported before.
    fn position(&mut self, folder: &str) -> Result<Option<(u32, u32)>>;
    /// A folder with `count` new messages begins.
    fn folder_started(&mut self, folder: &str, count: u64);
    /// Stores `messages` and records `(uid_validity, last_uid)` as the
    /// folder's resume key; returns once both are committed. `last_uid` is
    /// `None` for a folder with nothing new whose UIDVALIDITY changed: the
    /// count starts from there.
    fn import(
        &mut self,
        folder: &str,
        messages: Vec<RawMessage>,
        uid_validity: u32,
        last_uid: Option<u32>,
    ) -> Result<()>;
    fn folder_done(&mut self, folder: &str);
}

/// Imports every new message of every folder of `account` into `to`, a
/// chunk at a time. The safety rule: a message is touched on the server
/// (seen, moved, deleted) only after the destination committed it and its
/// UID, so a crash at any point loses nothing and imports nothing twice.
pub fn sync_account(account: &Account, to: &mut impl Destination) -> Result<()> {
    let mut conn = connect(account)?;
    let result = (|| -> Result<()> {
        for folder in &account.folders {
            let known = to.position(folder)?;
            let opened = conn.open(account, folder, known, account.since)?;
            to.folder_started(folder, opened.uids.len() as u64);
            for chunk in opened.uids.chunks(CHUNK) {
                let messages = conn.fetch(account, folder, chunk)?;
                let fetched: Vec<u32> = messages.iter().map(|(u, _)| *u).collect();
                let last = fetched.iter().max().copied();
                let messages = messages.into_iter().map(|(_, m)| m).collect();
                if last.is_some() {
                    to.import(folder, messages, opened.uid_validity, last)?;
                }
                conn.after_import(account, &fetched)?;
            }
            if opened.uids.is_empty() && known.is_none_or(|(v, _)| v != opened.uid_validity) {
                to.import(folder, Vec::new(), opened.uid_validity, None)?;
            }
            to.folder_done(folder);
        }
        Ok(())
    })();
    conn.logout();
    result
}

/// A folder opened for import: its UIDVALIDITY and the UIDs to fetch.
pub struct Folder {
    pub uid_validity: u32,
    pub uids: Vec<u32>,
}

impl Connection {
    /// Selects `folder` and lists the UIDs above `after_uid` (all of them
    /// when the folder's UIDVALIDITY changed), on or after `since`.
    pub fn open(
        &mut self,
        account: &Account,
        folder: &str,
        known: Option<(u32, u32)>,
        since: Option<i64>,
    ) -> Result<Folder> {
        let mailbox = with_session!(self, s => s.select(folder)).map_err(|e| match e {
            imap::error::Error::No(m) => TixError::failure(format!(
                "account {}: folder {folder:?}: {}",
                account.name,
                m.trim()
            )),
            other => network(account, "lost", other),
        })?;
        let uid_validity = mailbox.uid_validity.unwrap_or(0);
        let after = match known {
            Some((v, last)) if v == uid_validity => last,
            _ => 0,
        };
        let mut query = format!("UID {}:*", after + 1);
        if let Some(t) = since {
            let date = chrono::DateTime::from_timestamp(t, 0)
                .map(|d| d.format("%d-%b-%Y").to_string())
                .unwrap_or_default();
            query.push_str(&format!(" SINCE {date}"));
        }
        let found = with_session!(self, s => s.uid_search(&query))
            .map_err(|e| network(account, "lost", e))?;
        // "n:*" always names the highest message: keep only the new ones.
        let mut uids: Vec<u32> = found.into_iter().filter(|u| *u > after).collect();
        uids.sort_unstable();
        Ok(Folder { uid_validity, uids })
    }

    /// Fetches the whole messages of `uids` without marking them seen.
    pub fn fetch(
        &mut self,
        account: &Account,
        folder: &str,
        uids: &[u32],
    ) -> Result<Vec<(u32, RawMessage)>> {
        let set = uid_set(uids);
        let fetched = with_session!(self, s => s.uid_fetch(&set, "(UID BODY.PEEK[])"))
            .map_err(|e| network(account, "lost", e))?;
        let mut out: Vec<(u32, RawMessage)> = fetched
            .iter()
            .filter_map(|f| {
                let uid = f.uid?;
                Some((
                    uid,
                    RawMessage {
                        source: format!("imap:{}/{folder}#{uid}", account.name),
                        bytes: f.body().unwrap_or(b"").to_vec(),
                        cut_from: None,
                    },
                ))
            })
            .collect();
        out.sort_by_key(|(u, _)| *u);
        Ok(out)
    }

    /// The after-import action, for messages the store has committed.
    pub fn after_import(&mut self, account: &Account, uids: &[u32]) -> Result<()> {
        if uids.is_empty() {
            return Ok(());
        }
        let set = uid_set(uids);
        let lost = |e| network(account, "lost", e);
        match &account.after_import {
            AfterImport::Keep => Ok(()),
            AfterImport::MarkSeen => with_session!(self, s => s.uid_store(&set, "+FLAGS.SILENT (\\Seen)").map(|_| ())).map_err(lost),
            AfterImport::MoveTo(folder) => with_session!(self, s => s.uid_mv(&set, folder)).map_err(lost),
            AfterImport::Delete => with_session!(self, s => {
                s.uid_store(&set, "+FLAGS.SILENT (\\Deleted)").and_then(|_| s.uid_expunge(&set).map(|_| ()))
            })
            .map_err(lost),
        }
    }

    pub fn logout(&mut self) {
        let _ = with_session!(self, s => s.logout());
    }
}

fn uid_set(uids: &[u32]) -> String {
    uids.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}
