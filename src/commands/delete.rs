//! `tix delete T…`: out of every list, purged for good by `tix purge`.

use crate::cli::bulk::Tickets;
use crate::context::Ctx;
use crate::error::Result;
use crate::vocabulary::StateType;

/// Delete tickets: out of every list, purged for good by `tix purge`
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub named: Tickets,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let removed = ctx.config.status_of_type(StateType::Removed).clone();
    args.named.run(ctx, |s, t| s.set_state(t, &removed, None))
}
