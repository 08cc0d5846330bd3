//! `tix reopen T…`: closed tickets open again.

use crate::cli::bulk::Tickets;
use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::vocabulary::StateType;

/// Open closed tickets again
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub named: Tickets,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let open = ctx.config.status_of_type(StateType::Open).clone();
    args.named.run(ctx, |s, t| {
        if t.state_type != StateType::Closed {
            return Err(TixError::failure(format!(
                "ticket {} is not closed (it is {})",
                t.number, t.state
            )));
        }
        s.set_state(t, &open, None)
    })
}
