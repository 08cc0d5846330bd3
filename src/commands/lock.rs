//! `tix lock T…`.

use crate::cli::bulk::Tickets;
use crate::context::Ctx;
use crate::error::Result;

/// Lock tickets to yourself: others see them hidden from `tix list --available`
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub named: Tickets,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    args.named.run(ctx, |s, t| s.lock(t))
}
