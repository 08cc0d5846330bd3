//! IMAP accounts: only new messages (UIDVALIDITY + UID per folder), handed to
//! intake in chunks; the server is touched (seen, move, delete) only after
//! the store has committed a chunk. Reaching the server is connect.rs, the
//! commands of an open session session.rs, the import of each folder
//! sync.rs, the long-running watch (IDLE, reconnects) watch.rs, and the
//! FETCH responses tix reads off the stream itself wire.rs.

// Before the modules that use it (a macro is seen from where it is written on).
macro_rules! with_session {
    ($conn:expr, $s:ident => $body:expr) => {
        match &mut $conn.session {
            Session::Tls($s) => $body,
            Session::Plain($s) => $body,
        }
    };
}

mod connect;
mod session;
mod sync;
mod watch;
mod wire;

pub use connect::connect;
pub use sync::{sync_account, sync_folders, Destination, Folder, Listed, Messages, Resume};
pub use watch::watch_account;

use std::net::TcpStream;
use std::time::Duration;
use wire::{Responses, Shared};

/// How long a silent server is waited for before the run gives up (exit
/// 75): `TIX_IMAP_TIMEOUT` seconds, default 60.
fn timeout() -> Duration {
    crate::dates::seconds_from_env("TIX_IMAP_TIMEOUT", Duration::from_secs(60))
}

/// An open, logged-in IMAP session over TLS or (insecure) plain TCP.
pub struct Connection {
    session: Session,
    /// The session's stream, for the FETCH responses tix reads itself.
    wire: Wire,
    responses: Responses,
    /// The same socket, to put its timeout back after IDLE (the imap crate
    /// clears it).
    socket: TcpStream,
}

type TlsStream = native_tls::TlsStream<TcpStream>;

enum Session {
    Tls(imap::Session<Shared<TlsStream>>),
    Plain(imap::Session<Shared<TcpStream>>),
}

enum Wire {
    Tls(Shared<TlsStream>),
    Plain(Shared<TcpStream>),
}
