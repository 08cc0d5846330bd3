//! Handing a built message to an SMTP server.

use super::Built;
use crate::config::accounts::Tls;
use crate::config::smtp::Smtp;
use crate::config::Config;
use crate::error::{Result, TixError};
use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Certificate, SmtpConnection, TlsParameters};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};
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

/// A server that took a message. The session is closed (QUIT) when this
/// is dropped, so the caller records the message first: the time between
/// the server's "accepted" and tix's record is the window in which a
/// killed process leaves a sent message unrecorded.
pub struct Accepted {
    connection: SmtpConnection,
}

impl Drop for Accepted {
    fn drop(&mut self) {
        let _ = self.connection.quit();
    }
}

/// Sends `built` over `server`. A refusal that will not pass (5xx, a
/// refused login) is exit 1; anything else (down, timeout, 4xx) exit 75.
///
/// The message and its final dot go out in one write, and the answer is
/// handed back before the session is closed: together they keep the
/// window between "the server has it" and "tix recorded it" to one round
/// trip (lettre's transport writes the dot apart, where Nagle's algorithm
/// can hold it back, and waits for the QUIT before returning).
pub fn deliver(server: &Smtp, built: &Built, how: &Delivery) -> Result<Accepted> {
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
    let mut connection = connect(server, how.timeout)?;
    match transfer(&mut connection, &envelope, &built.bytes) {
        Ok(()) => Ok(Accepted { connection }),
        Err(e) => {
            connection.abort();
            Err(match e {
                Refused::Smtp(e) => classify(server, &e, how.timeout),
                Refused::Unsupported(what) => TixError::failure(format!(
                    "smtp {}:{} cannot take this message: {what}",
                    server.host, server.port
                )),
            })
        }
    }
}

/// Opens an SMTP session to `s`: TLS as configured, then the login.
fn connect(s: &Smtp, timeout: Duration) -> Result<SmtpConnection> {
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
    let hello = ClientId::default();
    let wrapper = match s.tls {
        Tls::Implicit => Some(tls()?),
        Tls::Starttls | Tls::None => None,
    };
    let opened = (|| {
        let connection = SmtpConnection::connect(
            (s.host.as_str(), s.port),
            Some(timeout),
            &hello,
            wrapper.as_ref(),
            None,
        )?;
        Ok::<_, lettre::transport::smtp::Error>(connection)
    })();
    let mut connection = opened.map_err(|e| classify(s, &e, timeout))?;
    if s.tls == Tls::Starttls {
        let params = tls()?;
        // No QUIT after a failed handshake: the stream is gone (lettre
        // leaves none behind), and dropping the session closes the socket.
        connection
            .starttls(&params, &hello)
            .map_err(|e| classify(s, &e, timeout))?;
    }
    if let Some((user, source)) = &s.login {
        let password = source.read("smtp").map_err(TixError::usage)?;
        if let Err(e) = connection.auth(
            &[Mechanism::Plain, Mechanism::Login],
            &Credentials::new(user.clone(), password),
        ) {
            connection.abort();
            return Err(classify(s, &e, timeout));
        }
    }
    Ok(connection)
}

/// MAIL, RCPT, DATA and the message with its final dot in one write; the
/// server's answer to that is the last thing read.
fn transfer(
    connection: &mut SmtpConnection,
    envelope: &Envelope,
    bytes: &[u8],
) -> std::result::Result<(), Refused> {
    let mut options = Vec::new();
    let non_ascii = envelope
        .from()
        .into_iter()
        .chain(envelope.to())
        .any(|a: &lettre::Address| !AsRef::<str>::as_ref(a).is_ascii());
    if non_ascii {
        if !connection
            .server_info()
            .supports_feature(Extension::SmtpUtfEight)
        {
            return Err(Refused::Unsupported(
                "it does not take non-ASCII addresses (no SMTPUTF8)",
            ));
        }
        options.push(MailParameter::SmtpUtfEight);
    }
    if !bytes.is_ascii() {
        if !connection
            .server_info()
            .supports_feature(Extension::EightBitMime)
        {
            return Err(Refused::Unsupported(
                "it does not take 8-bit text (no 8BITMIME)",
            ));
        }
        options.push(MailParameter::Body(MailBodyParameter::EightBitMime));
    }
    connection.command(Mail::new(envelope.from().cloned(), options))?;
    for to in envelope.to() {
        connection.command(Rcpt::new(to.clone(), vec![]))?;
    }
    connection.command(Data)?;
    match String::from_utf8(dot_stuffed(bytes)) {
        Ok(text) => connection.command(text)?,
        // Bytes that are no text (an attached message in another
        // charset) take lettre's two writes.
        Err(_) => connection.message(bytes)?,
    };
    Ok(())
}

/// Why a transfer stopped: the server's answer, or a message this server
/// cannot carry.
enum Refused {
    Smtp(lettre::transport::smtp::Error),
    Unsupported(&'static str),
}

impl From<lettre::transport::smtp::Error> for Refused {
    fn from(e: lettre::transport::smtp::Error) -> Self {
        Refused::Smtp(e)
    }
}

/// The message as DATA carries it, byte for byte as lettre's own transfer
/// does (RFC 5321 4.5.2): a dot that starts a line doubled, then the line
/// with a single dot.
fn dot_stuffed(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 50 + 5);
    let mut line_start = true;
    for (i, &b) in bytes.iter().enumerate() {
        if line_start && b == b'.' {
            out.push(b'.');
        }
        out.push(b);
        line_start = b == b'\n' && i > 0 && bytes[i - 1] == b'\r';
    }
    out.extend_from_slice(b"\r\n.\r\n");
    out
}

/// How an SMTP error reads, and whether it will pass by itself.
fn classify(server: &Smtp, e: &lettre::transport::smtp::Error, timeout: Duration) -> TixError {
    let where_ = format!("smtp {}:{}", server.host, server.port);
    let text = one_line(&e.to_string());
    if timed_out(e) {
        TixError::temp(format!(
            "{where_}: not sent, {STALLED} {} s",
            timeout.as_secs_f64().ceil()
        ))
    } else if e.is_tls() || refused_certificate(e) {
        TixError::failure(format!(
            "{where_}: TLS failed: {text} (for a private server, name its certificate in ca_file)"
        ))
    } else if e.is_permanent() {
        TixError::failure(format!("{where_} refused the message: {text}"))
    } else {
        TixError::temp(format!("{where_}: not sent, try again later: {text}"))
    }
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
