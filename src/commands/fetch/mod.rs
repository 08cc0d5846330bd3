//! `tix fetch --maildir DIR / --mbox FILE`: archives and local mailboxes.

use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::intake::{ingest_all, Intake, Outcome, RawMessage, Summary};
use crate::sources::{maildir, mbox};

mod imap;
use indicatif::ProgressBar;
use std::path::PathBuf;

/// Import mail: the IMAP accounts of the config (all, or those named), or Maildirs and mbox files
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Accounts to fetch (default: every account in the config)
    #[arg(value_name = "ACCOUNT", add = clap_complete::ArgValueCandidates::new(crate::cli::complete::accounts))]
    pub accounts: Vec<String>,

    /// Only mail from this date on (overrides the accounts' since)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// A Maildir to import (its new/ and cur/); may be given several times
    #[arg(long, value_name = "DIR")]
    pub maildir: Vec<PathBuf>,

    /// An mbox file to import (streamed; mboxo and mboxrd); may be given several times
    #[arg(long, value_name = "FILE")]
    pub mbox: Vec<PathBuf>,

    /// Put new tickets in this queue instead of routing by address
    #[arg(long, value_name = "QUEUE", add = clap_complete::ArgValueCandidates::new(crate::cli::complete::queues))]
    pub queue: Option<String>,

    /// Print the counts as JSON
    #[arg(long)]
    pub json: bool,

    /// Stay connected and import new mail as it arrives (IMAP IDLE), until
    /// stopped (SIGTERM, Ctrl-C); holds the accounts' locks meanwhile
    #[arg(long, conflicts_with_all = ["maildir", "mbox", "json", "since"])]
    pub watch: bool,
}

/// A named stream of messages, with its count where known (for the progress bar).
type Source = (
    String,
    Box<dyn Iterator<Item = Result<RawMessage>> + Send>,
    Option<u64>,
);

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    if args.maildir.is_empty() && args.mbox.is_empty() {
        return imap::run(ctx, args);
    }
    let mut intake = Intake::new(&ctx.config, ctx.rules.clone());
    intake.queue_override = args
        .queue
        .as_deref()
        .map(|q| ctx.queue_arg(q))
        .transpose()?;
    // Open every source first: a typo in the third path should not leave a half run.
    let mut sources: Vec<Source> = Vec::new();
    for dir in &args.maildir {
        let count = maildir::message_paths(dir)?.len() as u64;
        sources.push((
            dir.display().to_string(),
            Box::new(maildir::read(dir, intake.max_size)?),
            Some(count),
        ));
    }
    for file in &args.mbox {
        sources.push((
            file.display().to_string(),
            Box::new(mbox::read(file, intake.max_size)?),
            None,
        ));
    }

    let mut store = ctx.open_intake_store()?;
    let mut total = Summary::default();
    let mut read_errors = 0u64;
    for (name, messages, count) in sources {
        let bar = progress_bar(ctx, &name, count);
        let summary = ingest_all(
            &mut store,
            &intake,
            messages,
            report_outcome(ctx, &bar),
            |e| {
                read_errors += 1;
                bar.suspend(|| ctx.warn(&e.to_string()));
            },
        )?;
        bar.finish_and_clear();
        total.absorb(&summary);
    }
    if args.json {
        crate::render::out(&crate::render::json(&total));
    } else if !ctx.quiet && (ctx.verbose || ctx.interactive) {
        crate::render::out(&format!("{}\n", total.line()));
    }
    if read_errors > 0 {
        return Err(TixError::failure(format!(
            "{read_errors} message(s) could not be read; {}",
            total.line()
        )));
    }
    quarantine_status(&total)
}

/// A run that quarantined mail went on to the end, and says so in its exit
/// code (65) so that a cron wrapper notices: those need an admin's look.
pub(crate) fn quarantine_status(total: &Summary) -> Result<()> {
    match total.quarantined {
        0 => Ok(()),
        n => Err(TixError::bad_data(format!(
            "{n} message(s) quarantined (tix quarantine list); {}",
            total.line()
        ))),
    }
}

/// Per message read: the bar moves on; a quarantined one is a warning; with
/// -v and no terminal, a line saying what became of it.
pub(crate) fn report_outcome<'a>(
    ctx: &'a Ctx,
    bar: &'a ProgressBar,
) -> impl FnMut(&str, &Outcome) + 'a {
    move |source, outcome| {
        bar.inc(1);
        match outcome {
            Outcome::Quarantined(why) => {
                bar.suspend(|| ctx.warn(&format!("{source}: quarantined: {why}")))
            }
            o if ctx.verbose && !ctx.interactive => {
                crate::render::out(&format!("{source}: {}\n", o))
            }
            _ => {}
        }
    }
}

pub(crate) fn progress_bar(ctx: &Ctx, name: &str, count: Option<u64>) -> ProgressBar {
    crate::render::progress_bar(ctx.interactive && !ctx.quiet, name, count)
}
