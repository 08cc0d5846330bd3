//! `tix fetch [ACCOUNT…]`: the IMAP accounts, as cron runs it.

use super::{progress_bar, report_outcome, Args};
use crate::config::accounts::Account;
use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::intake::{ingest_all, Intake, RawMessage, Summary};
use crate::sources::imap;
use crate::store::{imap_folders, now, Store};
use std::fs::File;

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
    } else if !ctx.quiet && (ctx.verbose || ctx.interactive || !failures.is_empty()) {
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

fn lock_path(store: &Store, account: &Account) -> String {
    format!(
        "{}.fetch-{}.lock",
        store.path.display(),
        sanitize(&account.name)
    )
}

/// An exclusive lock beside the store, one per account; `None` when held.
/// The holder writes when it took the lock, so a stuck run can be told
/// from a busy one.
fn lock_account(store: &Store, account: &Account) -> Result<Option<File>> {
    use std::io::{Seek, Write};
    let Some(mut file) = crate::store::try_lock_beside(&lock_path(store, account))? else {
        return Ok(None);
    };
    let _ = file.set_len(0);
    let _ = file.rewind();
    let _ = writeln!(file, "{} {}", now(), std::process::id());
    Ok(Some(file))
}

/// When the run now holding the account's lock took it.
fn held_since(store: &Store, account: &Account) -> Option<i64> {
    let text = std::fs::read_to_string(lock_path(store, account)).ok()?;
    text.split_whitespace().next()?.parse().ok()
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

fn fetch_account(
    ctx: &Ctx,
    store: &mut Store,
    account: &Account,
    total: &mut Summary,
) -> Result<()> {
    let mut intake = Intake::new(&ctx.config, ctx.rules.clone());
    intake.live = true;
    intake.queue_override = account.queue.clone();
    let mut into_store = IntoStore {
        ctx,
        store,
        intake,
        account,
        total,
        bar: None,
    };
    imap::sync_account(account, &mut into_store)
}

/// An account's mail going into the store, with a progress bar per folder.
struct IntoStore<'a> {
    ctx: &'a Ctx,
    store: &'a mut Store,
    intake: Intake<'a>,
    account: &'a Account,
    total: &'a mut Summary,
    bar: Option<indicatif::ProgressBar>,
}

impl imap::Destination for IntoStore<'_> {
    fn position(&mut self, folder: &str) -> Result<Option<(u32, u32)>> {
        imap_folders::position(&self.store.conn, &self.account.name, folder)
    }

    fn folder_started(&mut self, folder: &str, count: u64) {
        let name = format!("{}/{folder}", self.account.name);
        self.bar = Some(progress_bar(self.ctx, &name, Some(count)));
    }

    fn import(
        &mut self,
        folder: &str,
        messages: Vec<RawMessage>,
        uid_validity: u32,
        last_uid: Option<u32>,
    ) -> Result<()> {
        let ctx = self.ctx;
        let bar = self.bar.get_or_insert_with(indicatif::ProgressBar::hidden);
        let summary = ingest_all(
            self.store,
            &self.intake,
            messages.into_iter().map(Ok),
            report_outcome(ctx, bar),
            |e| bar.suspend(|| ctx.warn(&e.to_string())),
        )?;
        self.total.absorb(&summary);
        // Committed: now remember how far we got (the server is touched after).
        let last = last_uid.unwrap_or(0);
        imap_folders::record(
            &self.store.conn,
            &self.account.name,
            folder,
            uid_validity,
            last,
        )
    }

    fn folder_done(&mut self, _folder: &str) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
