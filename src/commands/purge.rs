//! `tix purge --older-than DAYS`: deleted tickets removed for good, for
//! data-protection rules.

use crate::cli::bulk::{print_reports, Bulk};
use crate::context::Ctx;
use crate::error::Result;
use crate::lifecycle::Session;
use crate::store::{now, tickets};

/// Remove deleted tickets for good (raw mail, attachments, index, history)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only tickets deleted at least this many days ago
    #[arg(long, value_name = "DAYS")]
    pub older_than: u32,

    /// Print what would be purged, and purge nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Print the purged tickets as JSON
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let actor = ctx.agent()?;
    let store = ctx.open_store()?;
    let tx = store.conn.transaction()?;
    let now = now();
    let cutoff = now - i64::from(args.older_than) * 86400;
    // Deleted tickets refuse every change, so updated_at is when they were deleted.
    let ids = tickets::removed_before(&tx, cutoff)?;
    let s = Session {
        conn: &tx,
        config: &ctx.config,
        actor,
        now,
        force: true,
    };
    let mut reports = Vec::new();
    for id in ids {
        let t = tickets::ticket_by_id(&tx, id)?;
        reports.extend(s.purge(&t)?);
    }
    if args.dry_run {
        tx.rollback()?;
    } else {
        tx.commit()?;
    }
    let bulk = Bulk {
        where_query: None,
        all: false,
        dry_run: args.dry_run,
        force: true,
        json: args.json,
    };
    print_reports(ctx, &bulk, &reports);
    Ok(())
}
