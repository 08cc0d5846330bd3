//! `tix move T… QUEUE`: hand tickets to another queue.

use crate::cli::bulk::split_last;
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
    let (queue, tickets) = split_last(&args.args, &args.bulk, "queue")?;
    let queue = ctx.queue_arg(queue)?;
    bulk::run(ctx, &args.bulk, tickets, |s, t| {
        let mut r = s.move_to(t, &queue)?;
        if let Some(m) = &args.message {
            r.extend(s.remark(t, m)?);
        }
        Ok(r)
    })
}
