//! Handing a built message to an SMTP server.

use super::Built;
use crate::config::accounts::Tls;
use crate::config::smtp::Smtp;
use crate::config::Config;
use crate::error::{Result, TixError};
use lettre::address::Envelope;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls as LettreTls, TlsParameters};
use lettre::{SmtpTransport, Transport};
use std::time::Duration;

/// The server for mail from `from`: the account with that address and its
/// own smtp block, else the shared one.
pub fn server_for<'c>(config: &'c Config, from: &str) -> Result<&'c Smtp> {
    let from = from.to_lowercase();
    config
        .accounts
        .iter()
        .find(|a| a.address.as_deref() == Some(from.as_str()) && a.smtp.is_some())
        .and_then(|a| a.smtp.as_ref())
        .or(config.smtp.as_ref())
        .ok_or_else(|| {
            TixError::usage(format!(
                "no SMTP server for mail from {from}: add an smtp block to the config (or to the account with that address)"
            ))
        })
}

/// How long one SMTP conversation may stall before it is given up.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// How a message goes out: who the envelope names as sender, and how long
/// the server may take.
pub struct Delivery {
    /// `MAIL FROM:<>`: what auto-replies and notifications use (RFC 3834),
    /// so a bounce of one never comes back as a new ticket.
    pub null_sender: bool,
    pub timeout: Duration,
}

impl Default for Delivery {
    fn default() -> Self {
        Delivery {
            null_sender: false,
            timeout: TIMEOUT,
        }
    }
}

fn transport(s: &Smtp, timeout: Duration) -> Result<SmtpTransport> {
    let mut params = TlsParameters::builder(s.host.clone());
    if let Some(ca) = &s.ca_file {
        let pem = std::fs::read(ca)
            .map_err(|e| TixError::usage(format!("smtp ca_file {}: {e}", ca.display())))?;
        let cert = Certificate::from_pem(&pem)
            .map_err(|e| TixError::usage(format!("smtp ca_file {}: {e}", ca.display())))?;
        params = params.add_root_certificate(cert);
    }
    let tls = || {
        params
            .clone()
            .build()
            .map_err(|e| TixError::failure(format!("smtp {}: TLS: {e}", s.host)))
    };
    let mode = match s.tls {
        Tls::Implicit => LettreTls::Wrapper(tls()?),
        Tls::Starttls => LettreTls::Required(tls()?),
        Tls::None => LettreTls::None,
    };
    let mut b = SmtpTransport::builder_dangerous(s.host.clone())
        .port(s.port)
        .tls(mode)
        .timeout(Some(timeout));
    if let Some((user, source)) = &s.login {
        let password = source.read("smtp").map_err(TixError::usage)?;
        b = b.credentials(Credentials::new(user.clone(), password));
    }
    Ok(b.build())
}

/// Sends `built` over `server`. A refusal that will not pass (5xx, a
/// refused login) is exit 1; anything else (down, timeout, 4xx) exit 75.
pub fn deliver(server: &Smtp, built: &Built, how: &Delivery) -> Result<()> {
    let from = if how.null_sender {
        None
    } else {
        Some(
            built
                .envelope_from
                .parse()
                .map_err(|e| TixError::usage(format!("sender {:?}: {e}", built.envelope_from)))?,
        )
    };
    let to = built
        .envelope_to
        .iter()
        .map(|a| {
            a.parse()
                .map_err(|e| TixError::usage(format!("recipient {a:?}: {e}")))
        })
        .collect::<Result<Vec<_>>>()?;
    let envelope =
        Envelope::new(from, to).map_err(|e| TixError::usage(format!("no recipient: {e}")))?;
    let where_ = format!("smtp {}:{}", server.host, server.port);
    transport(server, how.timeout)?
        .send_raw(&envelope, &built.bytes)
        .map(|_| ())
        .map_err(|e| {
            let text = one_line(&e.to_string());
            if timed_out(&e) {
                TixError::temp(format!(
                    "{where_}: not sent, {STALLED} {} s",
                    how.timeout.as_secs_f64().ceil()
                ))
            } else if e.is_tls() || refused_certificate(&e) {
            TixError::failure(format!(
                "{where_}: TLS failed: {text} (for a private server, name its certificate in ca_file)"
            ))
        } else if e.is_permanent() {
                TixError::failure(format!("{where_} refused the message: {text}"))
            } else {
                TixError::temp(format!("{where_}: not sent, try again later: {text}"))
            }
        })
}

/// How a delivery that ran out of time says so (and is told apart).
const STALLED: &str = "timed out after";

/// Whether `e` is a delivery the server let run out of time: the next one
/// would stall as well.
pub fn stalled(e: &TixError) -> bool {
    e.is_temporary() && e.to_string().contains(STALLED)
}

/// A server that stopped answering: a socket timeout shows as "timed out"
/// or, on Linux, as "would block".
pub fn timed_out(e: &lettre::transport::smtp::Error) -> bool {
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        if let Some(io) = inner.downcast_ref::<std::io::Error>() {
            return matches!(
                io.kind(),
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
            );
        }
        source = inner.source();
    }
    false
}

/// A handshake we broke off over the server's certificate: it will not
/// pass by itself.
fn refused_certificate(e: &lettre::transport::smtp::Error) -> bool {
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        if inner.downcast_ref::<native_tls::Error>().is_some() {
            return true;
        }
        source = inner.source();
    }
    false
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
