//! `fetch --watch`: an account kept imported with IDLE (or polling), its
//! connection watched for stalls and made again after a growing pause.

use super::connect::connect;
use super::sync::{ready_for_import, sync_folders, Destination};
use super::{timeout, Connection};
use crate::config::accounts::Account;
use crate::error::{Result, TixError};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

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
    stop: &'static AtomicBool,
    mut warn: impl FnMut(&TixError),
) {
    let mut failures = 0usize;
    while !stop.load(Ordering::Relaxed) {
        match watch_connected(account, max_size, to, stop, &mut failures, &mut warn) {
            Ok(()) => return,
            // Cut on purpose (a stop was asked for): nothing to report.
            Err(_) if stop.load(Ordering::Relaxed) => return,
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
    stop: &'static AtomicBool,
    failures: &mut usize,
    warn: &mut impl FnMut(&TixError),
) -> Result<()> {
    let mut conn = connect(account)?;
    let stalled = Watchdog::new(&conn, stop)?;
    let result = (|| -> Result<()> {
        let (account, trouble) = ready_for_import(&mut conn, account)?;
        let account = &account;
        if let Some(e) = trouble {
            warn(&e);
        }
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
/// IDLE (the imap crate waits for the end of an IDLE without a timeout),
/// and one a stop was asked for: SIGTERM ends the watch at once, not when
/// a stalled server's timeout runs out.
struct Watchdog {
    deadline: std::sync::Arc<std::sync::Mutex<Option<Instant>>>,
    stop: std::sync::Arc<AtomicBool>,
}

impl Watchdog {
    fn new(conn: &Connection, requested: &'static AtomicBool) -> Result<Watchdog> {
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
                if passed || requested.load(Ordering::Relaxed) {
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
