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
An MTA runs its pipes with almost no environment (no HOME, no TIX_ variables): name the config \
and the store on the command line. Postfix also runs them under a file-size limit, its \
mailbox_size_limit (51,200,000 bytes unless set; Debian sets 0, no limit). tix raises the soft \
limit to the hard one; a store whose file reaches a hard limit makes every delivery exit 75 with \
\"the store's file reached this process's file-size limit\": set mailbox_size_limit = 0 in \
main.cf (or run tix through a pipe transport in master.cf) and Postfix delivers the waiting \
mail on its next try."
)]
pub struct Args {
    /// Put a new ticket in this queue instead of routing by address
    #[arg(long, value_name = "QUEUE", add = clap_complete::ArgValueCandidates::new(crate::cli::complete::queues))]
    pub queue: Option<String>,
}

/// Runs `ingest` with every failure that is not the message's own made
/// temporary, panics included.
pub fn run_for_mta(globals: &Globals, args: &Args) -> Result<()> {
    let outcome = std::panic::catch_unwind(|| {
        let ctx = Ctx::new(globals)?;
        run(&ctx, args)
    });
    match outcome {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) if e.is_temporary() || matches!(e, TixError::BadData(_)) => Err(e),
        Ok(Err(e)) => Err(TixError::temp(e.to_string())),
        Err(_) => Err(TixError::temp(
            "internal error while storing the message (see above); the MTA keeps it",
        )),
    }
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let mut intake = Intake::new(&ctx.config, ctx.rules.clone());
    intake.live = true;
    intake.queue_override = args
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
