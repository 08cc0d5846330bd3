//! `tix ingest`: one message from an MTA pipe on stdin.
//!
//! The MTA reads the exit code: 75 keeps the mail and retries, anything
//! else but 0 bounces it to the sender for good. So only a message that is
//! itself unusable is refused (65); every other problem (config, store,
//! permissions, a full disk, even a bug) is 75, and the mail waits in the
//! MTA's queue until the admin has fixed it.

use crate::context::Ctx;
use crate::context::Globals;
use crate::error::{Result, TixError};
use crate::intake::{prepare, Intake, Outcome};
use crate::sources::stdin;

/// Take one message on stdin (from an MTA pipe); exit 75 asks the MTA to retry
#[derive(Debug, clap::Args)]
#[command(
    long_about = "Take one message on standard input, as an MTA's pipe delivers it, and store it: \
a new ticket, or an article of the ticket it answers. Exit 0 once it is stored (quarantine \
included), 65 when the message itself cannot be taken (over max_message_mb: the MTA bounces it), \
and 75 for every other trouble, so that the MTA keeps the message and tries again.\n\n\
What the sender may see: an MTA quotes a pipe's error output in the delivery report it sends \
to the sender. So ingest writes there only the kind of trouble, in one line without paths, \
configuration or mail (\"tix: the ticket system's configuration has an error; the message waits \
in the MTA's queue (details in the mail log)\"); the whole text goes to the system log (facility \
mail, as \"tix[PID]: ingest: ...\"), and to the error output as well with -v or at a terminal.\n\n\
An MTA runs its pipes with almost no environment (no HOME, no TIX_ variables): name the config \
and the store on the command line. Postfix also runs them under a file-size limit, its \
mailbox_size_limit (51,200,000 bytes unless set; Debian sets 0, no limit). tix raises the soft \
limit to the hard one; a store whose file reaches a hard limit makes every delivery exit 75 with \
\"the store's file reached this process's file-size limit\": set mailbox_size_limit = 0 in \
main.cf (or run tix through a pipe transport in master.cf) and Postfix delivers the waiting \
mail on its next try."
)]
pub struct Args {
    /// The queue this delivery is for: a new ticket lands there when no queue's address is in To or Cc (a Bcc); otherwise the first queue address in To, then Cc decides, whichever address's pipe delivers first
    #[arg(long, value_name = "QUEUE", add = clap_complete::ArgValueCandidates::new(crate::cli::complete::queues))]
    pub queue: Option<String>,
}

/// Runs `ingest` with every failure that is not the message's own made
/// temporary, panics included.
///
/// The MTA quotes a pipe's stderr to the sender, a stranger: stderr says
/// what kind of trouble it is in one short line (no path, no config, no
/// mail); the full text goes to the mail log, where the admin looks, and
/// to stderr as well with -v or at a terminal (an admin trying it by hand).
pub fn run_for_mta(globals: &Globals, args: &Args) -> Result<()> {
    let outcome = std::panic::catch_unwind(|| {
        let ctx = Ctx::new(globals)?;
        run(&ctx, args)
    });
    let e = match outcome {
        Ok(Ok(())) => return Ok(()),
        Ok(Err(e)) => e,
        Err(_) => TixError::temp("internal error while storing the message"),
    };
    crate::syslog::mail_error(&format!("ingest: {e}"));
    note_trouble(globals, &e);
    use std::io::IsTerminal;
    let by_hand = globals.verbose || std::io::stderr().is_terminal();
    if let TixError::BadData(_) = e {
        // The sender's own message: its size is theirs to know.
        return Err(e);
    }
    if by_hand {
        return Err(TixError::temp(format!(
            "{e} (the MTA keeps the message and retries)"
        )));
    }
    Err(TixError::temp(format!(
        "{}; the message waits in the MTA's queue (details in the mail log)",
        trouble_kind(&e)
    )))
}

/// Notes the trouble in the store where it can still be written (a config
/// error, an unknown queue), for `tix config check` and the dashboard.
fn note_trouble(globals: &Globals, e: &TixError) {
    let db = crate::context::store_location(globals.db.as_ref(), globals.config.as_ref());
    if !crate::store::is_server(&db) && !db.exists() {
        return;
    }
    if let Ok(store) = crate::store::Store::open(&db) {
        let _ = store.conn.write(|tx| {
            crate::store::intake_trouble::note(tx, crate::dates::now(), &e.to_string())
        });
    }
}

/// What kind of trouble `e` is, in words fit for a stranger.
fn trouble_kind(e: &TixError) -> &'static str {
    let text = e.to_string();
    match e {
        TixError::Invalid(_) | TixError::Input { .. } => {
            "the ticket system's configuration has an error"
        }
        _ if text.contains("file-size limit") => "the ticket store reached a file-size limit",
        _ if text.contains("disk full") => "the ticket store's disk is full",
        _ if text.contains("busy") => "the ticket store is busy",
        _ if text.contains("unreachable") => "the ticket store's server is unreachable",
        _ if text.contains("internal error") => "internal error in the ticket system",
        _ => "the ticket store cannot take the message now",
    }
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let mut intake = Intake::new(&ctx.config, ctx.rules.clone());
    intake.live = true;
    intake.delivery_queue = args
        .queue
        .as_deref()
        .map(|q| ctx.queue_arg(q))
        .transpose()?;
    let mut store = ctx.open_intake_store()?;
    let message = stdin::read(intake.max_size)?;
    let too_large = message.cut_from;
    let prepared = prepare(message, intake.max_size, &ctx.rules);
    let outcome = intake.commit_alone(&mut store, &prepared)?;
    if let Some(size) = too_large {
        // Kept in quarantine for the admin; refused for good so the sender
        // learns it did not arrive (a retry would be as large).
        return Err(TixError::bad_data(format!(
            "message of {:.1} MB is over the {:.1} MB limit (max_message_mb); not accepted, its first part kept in quarantine",
            size as f64 / 1048576.0,
            intake.max_size as f64 / 1048576.0
        )));
    }
    match &outcome {
        Outcome::Quarantined(why) => ctx.warn(&format!("stdin: quarantined: {why}")),
        o if ctx.verbose => crate::render::out(&format!("{}\n", o)),
        _ => {}
    }
    // The mail is kept: a server that will not take the auto-reply now only
    // delays it (a warning), it does not make the MTA deliver again.
    if let Err(e) = ctx.send_due_after_intake(&mut store) {
        ctx.warn(&format!("after storing the message: {e}"));
    }
    Ok(())
}
