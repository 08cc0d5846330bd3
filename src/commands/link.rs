//! `tix link T… OTHER [--parent | --child | --related]` and `tix unlink
//! T… OTHER`.

use crate::cli::bulk::{self, Bulk};
use crate::context::Ctx;
use crate::error::Result;
use crate::store::links::LinkKind;
use crate::store::tickets;

/// Link tickets: a parent and its children (a task and its parts), or related ones
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Ticket numbers (or tails), then the ticket they are linked to
    #[arg(required = true, value_name = "TICKET… OTHER", add = clap_complete::ArgValueCandidates::new(crate::cli::complete::tickets))]
    pub args: Vec<String>,

    /// Each ticket is the parent of OTHER
    #[arg(long, conflicts_with_all = ["child", "related"])]
    pub parent: bool,

    /// Each ticket is a child of OTHER (closing OTHER waits for it)
    #[arg(long, conflicts_with = "related")]
    pub child: bool,

    /// Related (the default)
    #[arg(long)]
    pub related: bool,

    #[command(flatten)]
    pub bulk: Bulk,
}

/// Remove the link between tickets
#[derive(Debug, clap::Args)]
pub struct UnlinkArgs {
    /// Ticket numbers (or tails), then the ticket they are linked to
    #[arg(required = true, value_name = "TICKET… OTHER", add = clap_complete::ArgValueCandidates::new(crate::cli::complete::tickets))]
    pub args: Vec<String>,

    #[command(flatten)]
    pub bulk: Bulk,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let kind = if args.parent {
        LinkKind::Parent
    } else if args.child {
        LinkKind::Child
    } else {
        LinkKind::Related
    };
    let store = ctx.open_store()?;
    ctx.restrict(&store);
    bulk::run_to_last(
        ctx,
        &args.bulk,
        &args.args,
        "ticket to link to",
        None,
        |n| tickets::ticket_by_id(&store.conn, tickets::resolve(&store.conn, n)?),
        |s, t, other| s.link(t, other, kind),
    )
}

pub fn unlink(ctx: &Ctx, args: &UnlinkArgs) -> Result<()> {
    let store = ctx.open_store()?;
    ctx.restrict(&store);
    bulk::run_to_last(
        ctx,
        &args.bulk,
        &args.args,
        "ticket to unlink from",
        None,
        |n| tickets::ticket_by_id(&store.conn, tickets::resolve(&store.conn, n)?),
        |s, t, other| s.unlink(t, other),
    )
}
