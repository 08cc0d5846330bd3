//! `tix responsible T… AGENT [-m NOTE]`: an agent of another unit asked
//! to act, told by mail when they want it.

use crate::cli::bulk::{self, Bulk};
use crate::config::Notify;
use crate::context::Ctx;
use crate::error::Result;
use crate::send::notify::{notify, Event};
use crate::store::tickets;

/// Ask an agent of another unit to act: they see "their" tickets with
/// `tix list --responsible me`, marked when the customer wrote again
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Ticket numbers (or tails), then the agent
    #[arg(required = true, value_name = "TICKET… AGENT", add = clap_complete::ArgValueCandidates::new(crate::cli::complete::tickets_then_agent))]
    pub args: Vec<String>,

    /// A note for the responsible agent, added to each ticket
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
        "agent",
        args.message.as_deref(),
        |agent| ctx.agent_arg(agent),
        |s, t, agent| {
            let r = s.set_agent(t, "responsible", agent.as_deref())?;
            // Asked again with a note is asked again: told again.
            let asked = !r.is_empty() || args.message.is_some();
            if asked && agent.is_some() {
                let now_responsible = tickets::ticket_by_id(s.conn, t.id)?;
                let event = Event {
                    kind: Notify::Responsible,
                    actor: Some(s.actor),
                    from_addr: None,
                    text: args.message.as_deref(),
                };
                notify(s.conn, s.config, &now_responsible, &event, s.now)?;
            }
            Ok(r)
        },
    )?;
    if !args.bulk.dry_run {
        ctx.send_due(&mut ctx.open_store()?)?;
    }
    Ok(())
}
