//! `tix assign T… AGENT`: the owner.

use crate::cli::bulk::split_last;
use crate::cli::bulk::{self, Bulk};
use crate::context::Ctx;
use crate::error::Result;

/// Set the owner: the agent who keeps the ticket ("none" clears, "me" is you)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Ticket numbers (or tails), then the agent
    #[arg(required = true, value_name = "TICKET… AGENT", add = clap_complete::ArgValueCandidates::new(crate::cli::complete::tickets_then_agent))]
    pub args: Vec<String>,

    #[command(flatten)]
    pub bulk: Bulk,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let (agent, tickets) = split_last(&args.args, &args.bulk, "agent")?;
    let agent = ctx.agent_arg(agent)?;
    bulk::run(ctx, &args.bulk, tickets, |s, t| {
        s.set_agent(t, "owner", agent.as_deref())
    })
}
