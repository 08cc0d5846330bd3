//! `tix fetch [ACCOUNT…]`: the IMAP accounts, as cron runs it.

use super::{progress_bar, report_outcome, Args};
use crate::config::accounts::Account;
use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::intake::{ingest_all_with, BatchHooks, Intake, RawMessage, Summary};
use crate::sources::imap;
use crate::store::Db;
use crate::store::JobLock;
use crate::store::{imap_folders, now, Store};

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    if ctx.config.accounts.is_empty() {
        return Err(TixError::usage(
            "nothing to fetch: no accounts in the config; name --maildir DIR or --mbox FILE",
        ));
    }
    let mut chosen: Vec<Account> = Vec::new();
    for name in &args.accounts {
        match ctx.config.accounts.iter().find(|a| a.name == *name) {
            Some(a) => chosen.push(a.clone()),
            None => {
                let names: Vec<&str> = ctx
                    .config
                    .accounts
                    .iter()
                    .map(|a| a.name.as_str())
                    .collect();
                return Err(TixError::usage(format!(
                    "unknown account {name:?}; accounts: {}",
                    names.join(", ")
                )));
            }
        }
    }
    if chosen.is_empty() {
        chosen = ctx.config.accounts.clone();
    }
    let since = match &args.since {
        Some(d) => Some(crate::dates::parse_date(d, now()).map_err(TixError::usage)?),
        None => None,
    };
    // --queue puts every account's new tickets in one queue, as for archives.
    let queue = args
        .queue
        .as_deref()
        .map(|q| ctx.queue_arg(q))
        .transpose()?;
    if args.watch {
        return watch(ctx, chosen, queue);
    }
    let mut store = ctx.open_intake_store()?;
    let mut total = Summary::default();
    let mut failures: Vec<TixError> = Vec::new();
    for mut account in chosen {
        if since.is_some() {
            account.since = since;
        }
        if queue.is_some() {
            account.queue = queue.clone();
        }
        // Two cron runs at once: the second leaves the account to the first.
        let Some(_lock) = lock_account(&store, &account)? else {
            // A run that holds the lock for an hour is stuck, not busy:
            // every later run says so, and cron mails it.
            match held_since(&store, &account) {
                Some(since) if now() - since >= STUCK_AFTER_SECONDS => ctx.warn(&format!(
                    "account {}: another tix has been fetching it since {} and still holds its lock; skipped (is it stuck? see its process)",
                    account.name,
                    crate::render::datetime(since)
                )),
                _ if ctx.verbose => eprintln!(
                    "tix: account {}: another tix is fetching it; skipped",
                    account.name
                ),
                _ => {}
            }
            continue;
        };
        match fetch_account(ctx, &mut store, &account, &mut total) {
            Ok(()) => {}
            Err(e) => {
                eprintln!("tix: {e}");
                failures.push(e);
            }
        }
    }
    ctx.send_due_after_intake(&mut store)?;
    if args.json {
        crate::render::out(&crate::render::json(&total));
    } else if !ctx.quiet && (ctx.verbose || ctx.interactive) && failures.is_empty() {
        // (On failure the error line below carries the summary.)
        crate::render::out(&format!("{}\n", total.line()));
    }
    match failures.len() {
        0 => super::quarantine_status(&total),
        n => {
            // The worst kind decides: a refused login will not pass by itself.
            let message = format!("{n} account(s) failed; {}", total.line());
            if failures.iter().all(TixError::is_temporary) {
                Err(TixError::temp(message))
            } else {
                Err(TixError::failure(message))
            }
        }
    }
}

/// A fetch holding an account's lock this long is taken for stuck.
const STUCK_AFTER_SECONDS: i64 = 3600;

fn lock_job(account: &Account) -> String {
    format!("fetch-{}", sanitize(&account.name))
}

/// An exclusive lock on the store, one per account; `None` when held.
/// The holder notes when it took the lock, so a stuck run can be told
/// from a busy one.
fn lock_account(store: &Store, account: &Account) -> Result<Option<JobLock>> {
    let Some(mut lock) = store.try_lock(&lock_job(account))? else {
        return Ok(None);
    };
    lock.note_taken_at(now());
    Ok(Some(lock))
}

/// When the run now holding the account's lock took it.
fn held_since(store: &Store, account: &Account) -> Option<i64> {
    store.lock_taken_at(&lock_job(account))
}

fn sanitize(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// `fetch --watch`: each account in its own thread with its own store
/// connection, imported as mail arrives, until a signal asks to stop.
fn watch(ctx: &Ctx, accounts: Vec<Account>, queue: Option<String>) -> Result<()> {
    let stop = crate::cli::signals::stop_requested();
    std::thread::scope(|scope| {
        let watchers: Vec<_> = accounts
            .into_iter()
            .map(|mut account| {
                if queue.is_some() {
                    account.queue = queue.clone();
                }
                scope.spawn(move || watch_account(ctx, &account, stop))
            })
            .collect();
        let mut first_error = None;
        for w in watchers {
            let outcome = w
                .join()
                .unwrap_or_else(|_| Err(TixError::failure("a watching thread failed")));
            if let Err(e) = outcome {
                eprintln!("tix: {e}");
                first_error.get_or_insert(e);
            }
        }
        first_error.map_or(Ok(()), Err)
    })
}

fn watch_account(
    ctx: &Ctx,
    account: &Account,
    stop: &'static std::sync::atomic::AtomicBool,
) -> Result<()> {
    let mut store = ctx.open_intake_store()?;
    // A cron fetch may be running: the watch begins when it is done.
    let lock = loop {
        if let Some(lock) = lock_account(&store, account)? {
            break lock;
        }
        if stop.load(std::sync::atomic::Ordering::Relaxed) {
            return Ok(());
        }
        if ctx.verbose {
            eprintln!(
                "tix: account {}: another tix is fetching it; waiting",
                account.name
            );
        }
        std::thread::sleep(std::time::Duration::from_secs(1));
    };
    let mut lock = lock;
    let mut total = Summary::default();
    let mut to = IntoStore::new(ctx, &mut store, account, &mut total);
    to.watching = true;
    let max_size = to.intake.max_size;
    let mut lost = false;
    imap::watch_account(account, max_size, &mut to, stop, |e| {
        // A server store that went away (restarted, cut off) took this
        // watch's connection and its lock on the account with it: cron's
        // fetch may run beside it now. Stop, and let the service manager
        // start the watch again on a new connection (exit 75).
        if !lock.still_held() {
            lost = true;
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
            return;
        }
        ctx.warn(&format!("{e}; trying again"))
    });
    if lost {
        return Err(TixError::temp(format!(
            "account {}: the connection to the store was lost, and with it the lock on the account; stopping so that the watch is started again",
            account.name
        )));
    }
    Ok(())
}

fn fetch_account(
    ctx: &Ctx,
    store: &mut Store,
    account: &Account,
    total: &mut Summary,
) -> Result<()> {
    let mut into_store = IntoStore::new(ctx, store, account, total);
    let max_size = into_store.intake.max_size;
    imap::sync_account(account, max_size, &mut into_store)
}

/// An account's mail going into the store, with a progress bar per folder.
pub(super) struct IntoStore<'a> {
    ctx: &'a Ctx,
    store: &'a mut Store,
    pub(super) intake: Intake<'a>,
    account: &'a Account,
    total: &'a mut Summary,
    /// Long-running: no progress bars, and queued mail goes out after each round.
    watching: bool,
}

impl<'a> IntoStore<'a> {
    pub(super) fn new(
        ctx: &'a Ctx,
        store: &'a mut Store,
        account: &'a Account,
        total: &'a mut Summary,
    ) -> Self {
        let mut intake = Intake::new(&ctx.config, ctx.rules.clone());
        intake.live = true;
        intake.queue_override = account.queue.clone();
        IntoStore {
            ctx,
            store,
            intake,
            account,
            total,
            watching: false,
        }
    }
}

impl imap::Destination for IntoStore<'_> {
    fn position(&mut self, folder: &str) -> Result<Option<imap::Resume>> {
        let known = imap_folders::position(&self.store.conn, &self.account.name, folder)?;
        Ok(known.map(|p| imap::Resume {
            uid_validity: p.uid_validity,
            last_uid: p.last_uid,
            acted_uid: p.acted_uid,
        }))
    }

    fn record_acted(&mut self, folder: &str, acted_uid: u32) -> Result<()> {
        imap_folders::record_acted(&self.store.conn, &self.account.name, folder, acted_uid)
    }

    fn import(
        &mut self,
        folder: &str,
        uid_validity: u32,
        count: u64,
        messages: imap::Messages,
        committed: &mut dyn FnMut(Vec<u32>),
    ) -> Result<()> {
        let ctx = self.ctx;
        let bar = if self.watching {
            indicatif::ProgressBar::hidden()
        } else {
            progress_bar(ctx, &format!("{}/{folder}", self.account.name), Some(count))
        };
        let mut resume = ResumeKey {
            account: &self.account.name,
            folder,
            uid_validity,
            committed,
        };
        let summary = ingest_all_with(
            self.store,
            &self.intake,
            messages,
            report_outcome(ctx, &bar),
            |e| bar.suspend(|| ctx.warn(&e.to_string())),
            &mut resume,
        );
        bar.finish_and_clear();
        self.total.absorb(&summary?);
        Ok(())
    }

    fn record_position(&mut self, folder: &str, uid_validity: u32, last_uid: u32) -> Result<()> {
        imap_folders::record(
            &self.store.conn,
            &self.account.name,
            folder,
            uid_validity,
            last_uid,
        )
    }

    fn round_done(&mut self) {
        if !self.watching {
            return;
        }
        if self.ctx.verbose && self.total.read > 0 {
            eprintln!("tix: account {}: {}", self.account.name, self.total.line());
        }
        *self.total = Summary::default();
        if let Err(e) = self.ctx.send_due_after_intake(self.store) {
            self.ctx.warn(&format!("after storing mail: {e}"));
        }
    }
}

/// Records a folder's resume key in each batch's own transaction, and
/// tells the fetching side what the store now holds.
struct ResumeKey<'a> {
    account: &'a str,
    folder: &'a str,
    uid_validity: u32,
    committed: &'a mut dyn FnMut(Vec<u32>),
}

impl BatchHooks for ResumeKey<'_> {
    fn before_commit(&mut self, conn: &Db, batch: &[RawMessage]) -> Result<()> {
        match batch.iter().filter_map(|m| m.uid).max() {
            Some(last) => {
                imap_folders::record(conn, self.account, self.folder, self.uid_validity, last)
            }
            None => Ok(()),
        }
    }

    fn committed(&mut self, batch: &[RawMessage]) {
        (self.committed)(batch.iter().filter_map(|m| m.uid).collect());
    }
}
