//! `tix reopen T…`: closed tickets open again.

use crate::cli::bulk::{self, Bulk};
use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::vocabulary::StateType;

/// Open closed tickets again
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Ticket numbers (or tails)
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::cli::complete::tickets))]
    pub tickets: Vec<String>,

    #[command(flatten)]
    pub bulk: Bulk,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let open = ctx.config.status_of_type(StateType::Open).clone();
    bulk::run(ctx, &args.bulk, &args.tickets, |s, t| {
        if t.state_type != StateType::Closed {
            return Err(TixError::failure(format!(
                "ticket {} is not closed (it is {})",
                t.number, t.state
            )));
        }
        s.set_state(t, &open, None)
    })
}
