//! `tix ingest`: one message from an MTA pipe on stdin.

use crate::context::Ctx;
use crate::error::{ExitCode, Result, TixError};
use crate::intake::{prepare, Intake, Outcome};
use crate::sources::stdin;

/// Take one message on stdin (from an MTA pipe); exit 75 asks the MTA to retry
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Put a new ticket in this queue instead of routing by address
    #[arg(long, value_name = "QUEUE")]
    pub queue: Option<String>,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let mut intake = Intake::new(&ctx.config);
    intake.live = true;
    intake.queue_override = args
        .queue
        .as_deref()
        .map(|q| ctx.queue_arg(q))
        .transpose()?;
    let message = stdin::read()?;
    let prepared = prepare(
        message.bytes,
        message.source,
        intake.max_size,
        &ctx.config.rules,
    );
    // Any store failure here is one the MTA should retry: the message is not kept yet.
    let mut store = ctx.open_store().map_err(as_temporary)?;
    let outcome = store
        .write(|tx| intake.commit(tx, &prepared))
        .map_err(as_temporary)?;
    match &outcome {
        Outcome::Quarantined(why) => ctx.warn(&format!("stdin: quarantined: {why}")),
        o if ctx.verbose => println!("{}", describe(o)),
        _ => {}
    }
    // The mail is kept: a server that will not take the auto-reply now only
    // delays it (a warning), it does not make the MTA deliver again.
    crate::commands::outbox::send_due(ctx, &mut store)?;
    Ok(())
}

fn as_temporary(e: TixError) -> TixError {
    if e.code == ExitCode::TempFail {
        e
    } else {
        TixError::temp(e.message)
    }
}

pub fn describe(o: &Outcome) -> String {
    match o {
        Outcome::NewTicket(n) => format!("new ticket {n}"),
        Outcome::FollowUp(n) => format!("follow-up on ticket {n}"),
        Outcome::Duplicate => "duplicate: seen before, not stored again".to_string(),
        Outcome::Quarantined(why) => format!("quarantined: {why}"),
    }
}
