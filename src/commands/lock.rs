//! `tix lock T…`.

use crate::cli::bulk::{self, Bulk};
use crate::context::Ctx;
use crate::error::Result;

/// Lock tickets to yourself: others see them hidden from `tix list --available`
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Ticket numbers (or tails)
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::cli::complete::tickets))]
    pub tickets: Vec<String>,

    #[command(flatten)]
    pub bulk: Bulk,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    bulk::run(ctx, &args.bulk, &args.tickets, |s, t| s.lock(t))
}
