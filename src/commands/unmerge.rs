//! `tix unmerge T…`: a wrong merge undone.

use crate::cli::bulk::Tickets;
use crate::context::Ctx;
use crate::error::Result;

/// Undo a merge: the merged ticket gets its own articles back from the
/// ticket it was merged into, and the status it had
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub named: Tickets,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    args.named.run(ctx, |s, t| s.unmerge(t))
}
