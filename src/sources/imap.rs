//! IMAP accounts: only new messages (UIDVALIDITY + UID per folder), handed to
//! intake in chunks; the server is touched (seen, move, delete) only after
//! the store has committed a chunk.

use super::imap_wire::{Responses, Shared};
use super::RawMessage;
use crate::config::accounts::{Account, AfterImport, Tls};
use crate::error::{Result, TixError};
use native_tls::TlsConnector;
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long a silent server is waited for before the run gives up (exit
/// 75): `TIX_IMAP_TIMEOUT` seconds, default 60.
fn timeout() -> Duration {
    crate::dates::seconds_from_env("TIX_IMAP_TIMEOUT", Duration::from_secs(60))
}
/// At most this many messages, or this many bytes, per `UID FETCH`.
const CHUNK_MESSAGES: usize = 500;
const CHUNK_BYTES: u64 = 8 * 1024 * 1024;
/// Fetched messages waiting for the store: the next chunk is fetched while
/// the previous one is parsed and stored, and no further ahead.
const FETCH_AHEAD: usize = 2 * CHUNK_MESSAGES;

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

fn clone_socket(account: &Account, stream: &TcpStream) -> Result<TcpStream> {
    stream
        .try_clone()
        .map_err(|e| network(account, "cannot use the connection to", e))
}

macro_rules! with_session {
    ($conn:expr, $s:ident => $body:expr) => {
        match &mut $conn.session {
            Session::Tls($s) => $body,
            Session::Plain($s) => $body,
        }
    };
}

/// Where an account's mail goes: the caller's store, which keeps how far
/// each folder was imported (its resume key: UIDVALIDITY and last UID).
/// How far a folder was imported, as the destination keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resume {
    pub uid_validity: u32,
    /// Every message up to this UID is stored.
    pub last_uid: u32,
    /// Every stored message up to this UID has had its after-import action.
    pub acted_uid: u32,
}

pub trait Destination {
    /// The resume key of `folder`, if it was imported before.
    fn position(&mut self, folder: &str) -> Result<Option<Resume>>;
    /// The after-import action was done for every stored message up to `acted_uid`.
    fn record_acted(&mut self, folder: &str, acted_uid: u32) -> Result<()>;
    /// Stores the `count` messages `messages` yields for `folder`, in UID
    /// order. Each batch's transaction also records `(uid_validity, the
    /// batch's highest UID)` as the folder's resume key, so the two commit
    /// together; after each commit, `committed` gets the batch's UIDs.
    fn import(
        &mut self,
        folder: &str,
        uid_validity: u32,
        count: u64,
        messages: Messages,
        committed: &mut dyn FnMut(Vec<u32>),
    ) -> Result<()>;
    /// Records a resume key with nothing imported: an empty folder, or a
    /// new UIDVALIDITY with nothing new; the count starts from there.
    fn record_position(&mut self, folder: &str, uid_validity: u32, last_uid: u32) -> Result<()>;
    /// Every folder is up to date (in watch mode, after each round).
    fn round_done(&mut self) {}
}

/// How long one IDLE lasts before it is renewed: a stop request is seen
/// this often, and the connection proves itself alive.
const IDLE_SLICE: Duration = Duration::from_secs(5);
/// Every folder is looked at this often even without news (only the first
/// is watched with IDLE).
const POLL_EVERY: Duration = Duration::from_secs(60);
/// How long a server may take to answer the end of an IDLE before the
/// connection is taken for stalled: with the slice, under a minute.
const IDLE_ANSWER: Duration = Duration::from_secs(30);
/// A server without IDLE is asked this often.
const POLL_WITHOUT_IDLE: Duration = Duration::from_secs(15);
/// Waits between reconnection attempts, doubling up to the last.
const BACKOFF: [u64; 7] = [1, 2, 4, 8, 16, 32, 60];

/// Keeps `account` imported until `stop` is set: a round over every folder,
/// then IMAP IDLE on the first (polling where the server has no IDLE);
/// a lost or stalled connection is made again after a growing pause.
/// `warn` hears about each failure; the watch itself goes on.
pub fn watch_account(
    account: &Account,
    max_size: usize,
    to: &mut impl Destination,
    stop: &AtomicBool,
    mut warn: impl FnMut(&TixError),
) {
    let mut failures = 0usize;
    while !stop.load(Ordering::Relaxed) {
        match watch_connected(account, max_size, to, stop, &mut failures) {
            Ok(()) => return,
            Err(e) => warn(&e),
        }
        let pause = Duration::from_secs(BACKOFF[failures.min(BACKOFF.len() - 1)]);
        failures += 1;
        let until = Instant::now() + pause;
        while Instant::now() < until && !stop.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

fn watch_connected(
    account: &Account,
    max_size: usize,
    to: &mut impl Destination,
    stop: &AtomicBool,
    failures: &mut usize,
) -> Result<()> {
    let mut conn = connect(account)?;
    let stalled = Watchdog::new(&conn)?;
    let result = (|| -> Result<()> {
        let can_idle = conn.can_idle(account)?;
        loop {
            sync_folders(&mut conn, account, max_size, to)?;
            to.round_done();
            *failures = 0;
            conn.select(account, &account.folders[0])?;
            let round = Instant::now();
            loop {
                if stop.load(Ordering::Relaxed) {
                    return Ok(());
                }
                let news = if can_idle {
                    stalled.guard(IDLE_SLICE + IDLE_ANSWER.min(timeout()), || {
                        conn.idle(account, IDLE_SLICE)
                    })?
                } else {
                    std::thread::sleep(Duration::from_millis(250));
                    round.elapsed() >= POLL_WITHOUT_IDLE
                };
                if news || round.elapsed() >= POLL_EVERY {
                    break;
                }
            }
        }
    })();
    conn.logout();
    drop(stalled);
    result
}

/// Cuts a connection whose server stops answering in the middle of an
/// IDLE (the imap crate waits for the end of an IDLE without a timeout).
struct Watchdog {
    deadline: std::sync::Arc<std::sync::Mutex<Option<Instant>>>,
    stop: std::sync::Arc<AtomicBool>,
}

impl Watchdog {
    fn new(conn: &Connection) -> Result<Watchdog> {
        let socket = conn
            .socket
            .try_clone()
            .map_err(|e| TixError::temp(format!("cannot watch the IMAP connection: {e}")))?;
        let deadline = std::sync::Arc::new(std::sync::Mutex::new(None::<Instant>));
        let stop = std::sync::Arc::new(AtomicBool::new(false));
        let (d, s) = (deadline.clone(), stop.clone());
        std::thread::spawn(move || {
            while !s.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(200));
                let passed = d
                    .lock()
                    .map(|d| d.is_some_and(|t| Instant::now() > t))
                    .unwrap_or(false);
                if passed {
                    let _ = socket.shutdown(std::net::Shutdown::Both);
                    return;
                }
            }
        });
        Ok(Watchdog { deadline, stop })
    }

    /// Runs `f`, cutting the connection if it takes longer than `limit`.
    fn guard<T>(&self, limit: Duration, f: impl FnOnce() -> T) -> T {
        if let Ok(mut d) = self.deadline.lock() {
            *d = Some(Instant::now() + limit);
        }
        let out = f();
        if let Ok(mut d) = self.deadline.lock() {
            *d = None;
        }
        out
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// The messages of one folder, as the fetching thread hands them over.
pub type Messages = Box<dyn Iterator<Item = Result<RawMessage>> + Send>;

/// Imports every new message of every folder of `account` into `to`.
/// The safety rule: a message is touched on the server (seen, moved,
/// deleted) only after the transaction holding it and its UID committed,
/// so a crash at any point loses nothing and imports nothing twice.
/// A message over `max_size` bytes is fetched as its header only.
pub fn sync_account(account: &Account, max_size: usize, to: &mut impl Destination) -> Result<()> {
    let mut conn = connect(account)?;
    let result = sync_folders(&mut conn, account, max_size, to);
    conn.logout();
    result
}

/// [`sync_account`] on an open connection.
pub fn sync_folders(
    conn: &mut Connection,
    account: &Account,
    max_size: usize,
    to: &mut impl Destination,
) -> Result<()> {
    for folder in &account.folders {
        sync_folder(conn, account, folder, max_size, to)?;
    }
    Ok(())
}

fn sync_folder(
    conn: &mut Connection,
    account: &Account,
    folder: &str,
    max_size: usize,
    to: &mut impl Destination,
) -> Result<()> {
    let known = to.position(folder)?;
    let opened = conn.open(
        account,
        folder,
        known.map(|k| (k.uid_validity, k.last_uid)),
        account.since,
    )?;
    // What an earlier run stored but could not act on (it was stopped
    // between its commit and the server): act on it now.
    if let Some(k) =
        known.filter(|k| k.uid_validity == opened.uid_validity && k.acted_uid < k.last_uid)
    {
        conn.catch_up(account, k.acted_uid, k.last_uid)?;
        to.record_acted(folder, k.last_uid)?;
    }
    if opened.messages.is_empty() {
        if known.is_none_or(|k| k.uid_validity != opened.uid_validity) {
            to.record_position(folder, opened.uid_validity, 0)?;
        }
        return Ok(());
    }
    let count = opened.messages.len() as u64;
    let chunks = plan_chunks(&opened.messages, max_size);
    let (message_tx, message_rx) = std::sync::mpsc::sync_channel::<Result<RawMessage>>(FETCH_AHEAD);
    let (ack_tx, ack_rx) = std::sync::mpsc::channel::<Vec<u32>>();
    std::thread::scope(|scope| {
        // The fetching thread owns the connection for the folder's run: it
        // fetches the next chunk while the store takes the previous one,
        // and acts on the server for what the store has committed.
        let fetcher = scope.spawn(move || -> (u32, Result<()>) {
            // The highest UID acted on: acknowledgements come in UID order.
            let mut acted = 0u32;
            let mut act = |conn: &mut Connection, uids: Vec<u32>| -> Result<()> {
                conn.after_import(account, &uids)?;
                acted = acted.max(uids.iter().copied().max().unwrap_or(0));
                Ok(())
            };
            let result = (|| -> Result<()> {
                for chunk in &chunks {
                    while let Ok(uids) = ack_rx.try_recv() {
                        act(conn, uids)?;
                    }
                    // On an error the store ends its run with what it has.
                    for m in conn.fetch(account, folder, chunk)? {
                        if message_tx.send(Ok(m)).is_err() {
                            return Ok(()); // the store stopped; its error is the run's
                        }
                    }
                }
                drop(message_tx);
                for uids in &ack_rx {
                    act(conn, uids)?;
                }
                Ok(())
            })();
            (acted, result)
        });
        let mut committed = |uids: Vec<u32>| {
            let _ = ack_tx.send(uids);
        };
        let stored = to.import(
            folder,
            opened.uid_validity,
            count,
            Box::new(message_rx.into_iter()),
            &mut committed,
        );
        drop(ack_tx);
        let (acted, fetched) = fetcher
            .join()
            .unwrap_or_else(|_| (0, Err(TixError::failure("the IMAP fetching thread failed"))));
        let recorded = if acted > 0 {
            to.record_acted(folder, acted)
        } else {
            Ok(())
        };
        stored.and(fetched).and(recorded)
    })
}

/// One message on the server: its UID and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Listed {
    pub uid: u32,
    pub size: u64,
}

/// A folder opened for import: its UIDVALIDITY and the messages to fetch.
pub struct Folder {
    pub uid_validity: u32,
    pub messages: Vec<Listed>,
}

/// Groups messages into fetches of at most [`CHUNK_MESSAGES`] and about
/// [`CHUNK_BYTES`]; a message over `max_size` is fetched as its header only
/// (it will be quarantined as too large, and is not downloaded whole).
fn plan_chunks(messages: &[Listed], max_size: usize) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut current = Chunk::default();
    let mut bytes = 0u64;
    for m in messages {
        let whole = m.size <= max_size as u64;
        let weight = if whole { m.size } else { 0 };
        let full = current.len() >= CHUNK_MESSAGES
            || (bytes + weight > CHUNK_BYTES && !current.is_empty());
        if full {
            chunks.push(std::mem::take(&mut current));
            bytes = 0;
        }
        bytes += weight;
        if whole {
            current.whole.push(m.uid);
        } else {
            current.headers_only.push(*m);
        }
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    chunks
}

#[derive(Debug, Default, PartialEq)]
struct Chunk {
    whole: Vec<u32>,
    headers_only: Vec<Listed>,
}

impl Chunk {
    fn len(&self) -> usize {
        self.whole.len() + self.headers_only.len()
    }
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Connection {
    /// Selects `folder` and lists the messages above the resume key's UID
    /// (all of them when the folder's UIDVALIDITY changed), on or after
    /// `since`, with their sizes.
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
        if mailbox.exists == 0 {
            return Ok(Folder {
                uid_validity,
                messages: vec![],
            });
        }
        let set = match since {
            None => format!("{}:*", after + 1),
            Some(t) => {
                let date = chrono::DateTime::from_timestamp(t, 0)
                    .map(|d| d.format("%d-%b-%Y").to_string())
                    .unwrap_or_default();
                let query = format!("UID {}:* SINCE {date}", after + 1);
                let found = with_session!(self, s => s.uid_search(&query))
                    .map_err(|e| network(account, "lost", e))?;
                let mut uids: Vec<u32> = found.into_iter().filter(|u| *u > after).collect();
                if uids.is_empty() {
                    return Ok(Folder {
                        uid_validity,
                        messages: vec![],
                    });
                }
                uids.sort_unstable();
                uid_set(&uids)
            }
        };
        let sizes = with_session!(self, s => s.uid_fetch(&set, "(UID RFC822.SIZE)"))
            .map_err(|e| network(account, "lost", e))?;
        // "n:*" always names the highest message: keep only the new ones.
        let mut messages: Vec<Listed> = sizes
            .iter()
            .filter_map(|f| {
                Some(Listed {
                    uid: f.uid?,
                    size: f.size.map_or(0, u64::from),
                })
            })
            .filter(|m| m.uid > after)
            .collect();
        messages.sort_by_key(|m| m.uid);
        messages.dedup_by_key(|m| m.uid);
        Ok(Folder {
            uid_validity,
            messages,
        })
    }

    /// Fetches a chunk without marking anything seen: whole messages, and
    /// the header of each one too large to keep.
    fn fetch(&mut self, account: &Account, folder: &str, chunk: &Chunk) -> Result<Vec<RawMessage>> {
        let mut out = Vec::with_capacity(chunk.len());
        let lost = |e| network(account, "lost", e);
        let message = |uid: u32, bytes: Vec<u8>, cut_from: Option<u64>| RawMessage {
            source: format!("imap:{}/{folder}#{uid}", account.name),
            bytes,
            cut_from,
            uid: Some(uid),
        };
        if !chunk.whole.is_empty() {
            let set = uid_set(&chunk.whole);
            let responses = &mut self.responses;
            let fetched = match &mut self.wire {
                Wire::Tls(w) => responses.uid_fetch_bodies(w, &set),
                Wire::Plain(w) => responses.uid_fetch_bodies(w, &set),
            }
            .map_err(|e| network(account, "lost", e))?;
            out.extend(
                fetched
                    .into_iter()
                    .map(|(uid, bytes)| message(uid, bytes, None)),
            );
        }
        if !chunk.headers_only.is_empty() {
            let uids: Vec<u32> = chunk.headers_only.iter().map(|m| m.uid).collect();
            let set = uid_set(&uids);
            let fetched = with_session!(self, s => s.uid_fetch(&set, "(UID BODY.PEEK[HEADER])"))
                .map_err(lost)?;
            out.extend(fetched.iter().filter_map(|f| {
                let uid = f.uid?;
                let size = chunk.headers_only.iter().find(|m| m.uid == uid)?.size;
                Some(message(uid, f.header().unwrap_or(b"").to_vec(), Some(size)))
            }));
        }
        out.sort_by_key(|m| m.uid);
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

    /// Does the after-import action for the stored messages after
    /// `acted_uid` up to `last_uid` (a run stopped between its commit and
    /// the server left them): those still in the folder.
    fn catch_up(&mut self, account: &Account, acted_uid: u32, last_uid: u32) -> Result<()> {
        let range = format!("UID {}:{last_uid}", acted_uid + 1);
        let query = match &account.after_import {
            AfterImport::Keep => return Ok(()),
            AfterImport::MarkSeen => format!("{range} UNSEEN"),
            AfterImport::MoveTo(_) | AfterImport::Delete => format!("{range} UNDELETED"),
        };
        let found = with_session!(self, s => s.uid_search(&query))
            .map_err(|e| network(account, "lost", e))?;
        let mut uids: Vec<u32> = found
            .into_iter()
            .filter(|u| *u > acted_uid && *u <= last_uid)
            .collect();
        uids.sort_unstable();
        self.after_import(account, &uids)
    }

    /// Waits up to `wait` for the selected folder to change (IMAP IDLE);
    /// `Ok(true)` when it did. The socket's timeout is put back after.
    pub fn idle(&mut self, account: &Account, wait: Duration) -> Result<bool> {
        use imap::extensions::idle::WaitOutcome;
        let outcome = with_session!(self, s => s.idle().and_then(|h| h.wait_with_timeout(wait)));
        let _ = self.socket.set_read_timeout(Some(timeout()));
        match outcome {
            Ok(WaitOutcome::MailboxChanged) => Ok(true),
            Ok(WaitOutcome::TimedOut) => Ok(false),
            Err(e) => Err(network(account, "lost", e)),
        }
    }

    /// Whether the server offers IDLE.
    pub fn can_idle(&mut self, account: &Account) -> Result<bool> {
        let caps =
            with_session!(self, s => s.capabilities()).map_err(|e| network(account, "lost", e))?;
        Ok(caps.has_str("IDLE"))
    }

    /// Selects `folder` (to IDLE on it).
    pub fn select(&mut self, account: &Account, folder: &str) -> Result<()> {
        with_session!(self, s => s.select(folder))
            .map(|_| ())
            .map_err(|e| network(account, "lost", e))
    }

    pub fn logout(&mut self) {
        let _ = with_session!(self, s => s.logout());
    }
}

/// A UID set with runs written as ranges: `1:500,502,504:510`.
fn uid_set(uids: &[u32]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < uids.len() {
        let start = uids[i];
        let mut end = start;
        while i + 1 < uids.len() && uids[i + 1] == end + 1 {
            i += 1;
            end = uids[i];
        }
        if !out.is_empty() {
            out.push(',');
        }
        if end == start {
            out.push_str(&start.to_string());
        } else {
            out.push_str(&format!("{start}:{end}"));
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uid_sets_are_ranges() {
        assert_eq!(uid_set(&[1, 2, 3, 5, 7, 8]), "1:3,5,7:8");
        assert_eq!(uid_set(&[4]), "4");
    }

    #[test]
    fn chunks_are_bounded_and_big_messages_come_as_headers() {
        let m = |uid, size| Listed { uid, size };
        let messages: Vec<Listed> = (1..=1200).map(|u| m(u, 1000)).collect();
        let chunks = plan_chunks(&messages, 1 << 20);
        assert_eq!(chunks.len(), 3);
        assert_eq!(chunks[0].len(), CHUNK_MESSAGES);
        let big = [m(1, 5 << 20), m(2, 5 << 20), m(3, 30 << 20), m(4, 10)];
        let chunks = plan_chunks(&big, 25 << 20);
        assert_eq!(chunks.len(), 2, "{chunks:?}");
        assert_eq!(chunks[0].whole, [1]);
        assert_eq!(chunks[1].whole, [2, 4]);
        assert_eq!(chunks[1].headers_only, [m(3, 30 << 20)]);
    }
}
