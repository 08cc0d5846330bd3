//! `tix maintain`: everything time has made due, from cron.

use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::maintain::{Outcome, Run, STEPS};
use crate::render;

/// Act on what time made due: reminders, auto-close, escalations, retention; then send the outbox
#[derive(Debug, clap::Args)]
#[command(
    long_about = "Act on what time made due, as OTRS's and Zammad's background jobs do: pending \
reminders that fell due (the owner, else the responsible, else the queue's subscribers is told \
once per date; a status's on_due sets it back to open), pending tickets that close by themselves \
(a status's closes_to), escalation warnings and escalations (the owner, else the queue's \
subscribers, told once each), and the queues' retention rules (closed tickets deleted after \
delete_closed_after, deleted ones purged after purge_after). Then the outbox is sent.\n\n\
Meant for cron, every few minutes: quiet unless something is wrong (a summary with -v or at a \
terminal), and a second run while one is at work leaves at once with exit 0.",
    after_help = "Example crontab line:\n  */5 * * * *  tix maintain"
)]
pub struct Args {
    /// Print what would be done, and do nothing (nothing is sent)
    #[arg(long)]
    pub dry_run: bool,

    /// Print what was done as JSON
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let mut store = ctx.open_store()?;
    let Some(_lock) = store.try_lock("maintain")? else {
        if ctx.verbose {
            eprintln!("tix: another tix maintain is at work on this store; leaving it to that one");
        }
        return Ok(());
    };
    let run = Run {
        config: &ctx.config,
        now: crate::dates::now(),
        dry_run: args.dry_run,
    };
    let outcome = run.all(&mut store)?;
    let sent = if args.dry_run {
        None
    } else {
        Some(ctx.send_due(&mut store)?)
    };
    if args.json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            dry_run: bool,
            #[serde(flatten)]
            outcome: &'a Outcome,
            sent: u64,
        }
        render::out(&render::json(&Out {
            dry_run: args.dry_run,
            outcome: &outcome,
            sent: sent.as_ref().map_or(0, |s| s.sent),
        }));
    } else if !ctx.quiet && (args.dry_run || ctx.verbose || ctx.interactive) {
        let mut text = String::new();
        let prefix = if args.dry_run { "would: " } else { "" };
        for a in &outcome.actions {
            text.push_str(&format!("{prefix}{}\n", a.line()));
        }
        let mut counts: Vec<String> = STEPS
            .iter()
            .map(|(step, said)| (outcome.count(step), said))
            .filter(|(n, _)| *n > 0)
            .map(|(n, said)| format!("{said} {n}"))
            .collect();
        if let Some(s) = sent.as_ref().filter(|s| s.sent > 0) {
            counts.push(format!("mail sent {}", s.sent));
        }
        if let Some(s) = sent.as_ref().filter(|s| s.failed + s.deferred > 0) {
            counts.push(format!("mail not sent {}", s.failed + s.deferred));
        }
        if !outcome.problems.is_empty() {
            counts.push(format!("failed {}", outcome.problems.len()));
        }
        if counts.is_empty() {
            counts.push("nothing due".into());
        }
        text.push_str(&format!("maintain: {}\n", counts.join(", ")));
        render::out(&text);
    }
    for p in &outcome.problems {
        ctx.warn(p);
    }
    match outcome.problems.len() {
        0 => Ok(()),
        n => Err(TixError::failure(format!(
            "{n} ticket(s) could not be acted on (see above); the rest is done"
        ))),
    }
}
