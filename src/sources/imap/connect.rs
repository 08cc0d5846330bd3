//! Reaching an account's server: TCP, TLS (implicit or STARTTLS, a CA of
//! the account's own), login, and what a failure there means.

use super::wire::{Responses, Shared};
use super::{timeout, Connection, Session, Wire};
use crate::config::accounts::{Account, Tls};
use crate::error::{Result, TixError};
use native_tls::TlsConnector;
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

pub(super) fn network(account: &Account, what: &str, e: impl std::fmt::Display) -> TixError {
    TixError::temp(format!(
        "account {}: {what} {}:{}: {e}",
        account.name, account.host, account.port
    ))
}

/// A TLS handshake the server completed but we refused (an untrusted or
/// mismatched certificate): it will not pass by itself, so exit 1.
pub(super) fn untrusted(account: &Account, e: native_tls::Error) -> TixError {
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
                s.set_read_timeout(Some(timeout()))
                    .and_then(|()| s.set_write_timeout(Some(timeout())))
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
        .read(&format!("account {}", account.name))
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
            let mut stream = tcp(account)?;
            let socket = clone_socket(account, &stream)?;
            if account.tls == Tls::Starttls {
                starttls(account, &mut stream)?;
            }
            let tls = connector
                .connect(&account.host, stream)
                .map_err(|e| match e {
                    native_tls::HandshakeError::Failure(e) => untrusted(account, e),
                    other => network(account, "TLS with", other),
                })?;
            let wire = Shared::new(tls);
            let mut client = imap::Client::new(wire.clone());
            if account.tls == Tls::Implicit {
                client
                    .read_greeting()
                    .map_err(|e| network(account, "no greeting from", e))?;
            }
            Ok(Connection {
                session: Session::Tls(
                    client
                        .login(&account.user, &password)
                        .map_err(|(e, _)| login_failed(e))?,
                ),
                wire: Wire::Tls(wire),
                responses: Responses::default(),
                socket,
            })
        }
        Tls::None => {
            let stream = tcp(account)?;
            let socket = clone_socket(account, &stream)?;
            let wire = Shared::new(stream);
            let mut client = imap::Client::new(wire.clone());
            client
                .read_greeting()
                .map_err(|e| network(account, "no greeting from", e))?;
            Ok(Connection {
                session: Session::Plain(
                    client
                        .login(&account.user, &password)
                        .map_err(|(e, _)| login_failed(e))?,
                ),
                wire: Wire::Plain(wire),
                responses: Responses::default(),
                socket,
            })
        }
    }
}

/// The greeting and STARTTLS on the bare connection (the imap crate's own
/// STARTTLS keeps the TLS stream to itself), read a byte at a time so that
/// nothing of the TLS handshake after it is taken.
fn starttls(account: &Account, stream: &mut TcpStream) -> Result<()> {
    use std::io::{Read, Write};
    let lost = |e: std::io::Error| network(account, "STARTTLS with", e);
    let line = |stream: &mut TcpStream| -> Result<String> {
        let mut bytes = Vec::new();
        let mut byte = [0u8; 1];
        while bytes.last() != Some(&b'\n') {
            if stream.read(&mut byte).map_err(lost)? == 0 {
                return Err(network(
                    account,
                    "STARTTLS with",
                    "the server closed the connection",
                ));
            }
            bytes.push(byte[0]);
            if bytes.len() > 64 * 1024 {
                return Err(network(account, "STARTTLS with", "an endless line"));
            }
        }
        Ok(String::from_utf8_lossy(&bytes).trim_end().to_string())
    };
    let greeting = line(stream)?;
    if !greeting.starts_with("* OK") && !greeting.starts_with("* PREAUTH") {
        return Err(network(account, "no greeting from", greeting));
    }
    stream.write_all(b"s1 STARTTLS\r\n").map_err(lost)?;
    loop {
        let answer = line(stream)?;
        if let Some(status) = answer.strip_prefix("s1 ") {
            if status
                .get(..2)
                .is_some_and(|s| s.eq_ignore_ascii_case("OK"))
            {
                return Ok(());
            }
            return Err(TixError::failure(format!(
                "account {}: {}:{} refuses STARTTLS: {status}",
                account.name, account.host, account.port
            )));
        }
    }
}

pub(super) fn clone_socket(account: &Account, stream: &TcpStream) -> Result<TcpStream> {
    stream
        .try_clone()
        .map_err(|e| network(account, "cannot use the connection to", e))
}
