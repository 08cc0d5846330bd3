//! `tix delete T…`: out of every list, purged for good by `tix purge`.

use crate::cli::bulk::{self, Bulk};
use crate::context::Ctx;
use crate::error::Result;
use crate::vocabulary::StateType;

/// Delete tickets: out of every list, purged for good by `tix purge`
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Ticket numbers (or tails)
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::cli::complete::tickets))]
    pub tickets: Vec<String>,

    #[command(flatten)]
    pub bulk: Bulk,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let removed = ctx.config.status_of_type(StateType::Removed).clone();
    bulk::run(ctx, &args.bulk, &args.tickets, |s, t| {
        s.set_state(t, &removed, None)
    })
}
