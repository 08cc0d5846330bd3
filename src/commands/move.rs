//! `tix move T… QUEUE`: hand tickets to another queue.

use crate::cli::bulk::{self, Bulk};
use crate::context::Ctx;
use crate::error::Result;

/// Move tickets to another queue (nested names as LV::Mitglieder)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Ticket numbers (or tails), then the queue
    #[arg(required = true, value_name = "TICKET… QUEUE", add = clap_complete::ArgValueCandidates::new(crate::cli::complete::tickets_then_queue))]
    pub args: Vec<String>,

    /// A note on why, added to each ticket
    #[arg(short, long, value_name = "TEXT")]
    pub message: Option<String>,

    #[command(flatten)]
    pub bulk: Bulk,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    bulk::run_to_last(
        ctx,
        &args.bulk,
        &args.args,
        "queue",
        args.message.as_deref(),
        |queue| ctx.queue_arg(queue),
        |s, t, queue| s.move_to(t, queue),
    )
}
