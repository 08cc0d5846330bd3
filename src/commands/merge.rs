//! `tix merge T… --into TARGET | --oldest`.

use crate::cli::bulk::{self, Bulk};
use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::lifecycle::Session;
use crate::store::{now, tickets};

/// Merge duplicates: their articles join the target in date order, later mail
/// for them lands there
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The tickets to merge (numbers or tails)
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::cli::complete::tickets))]
    pub tickets: Vec<String>,

    /// The ticket that stays
    #[arg(
        long,
        value_name = "TICKET",
        conflicts_with = "oldest",
        required_unless_present = "oldest"
    )]
    pub into: Option<String>,

    /// Merge all the named tickets into the oldest of them
    #[arg(long)]
    pub oldest: bool,

    #[command(flatten)]
    pub bulk: Bulk,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let actor = ctx.agent()?;
    let store = ctx.open_store()?;
    ctx.restrict(&store);
    let tx = store.conn.transaction()?;
    let s = Session {
        conn: &tx,
        config: &ctx.config,
        actor,
        now: now(),
        force: args.bulk.force,
    };
    let mut ids = bulk::target_ids(&s, &args.bulk, &args.tickets)?;
    let target_id = match &args.into {
        Some(t) => tickets::resolve(&tx, t)?,
        None => {
            if ids.len() < 2 {
                return Err(TixError::usage("--oldest needs two or more tickets"));
            }
            let mut found = Vec::new();
            for id in &ids {
                found.push(tickets::ticket_by_id(&tx, *id)?);
            }
            found
                .iter()
                .min_by_key(|t| (t.created_at, t.id))
                .map(|t| t.id)
                .expect("two or more")
        }
    };
    if args.into.is_some() && ids.is_empty() {
        return Err(TixError::usage("name the tickets to merge"));
    }
    if args.oldest {
        ids.retain(|id| *id != target_id);
    }
    let mut reports = Vec::new();
    for id in ids {
        // Re-read each time: an earlier merge may have changed the target.
        let source = tickets::ticket_by_id(&tx, id)?;
        let target = tickets::ticket_by_id(&tx, target_id)?;
        s.check_lock(&source)?;
        reports.extend(s.merge(&source, &target)?);
    }
    if args.bulk.dry_run {
        tx.rollback()?;
    } else {
        tx.commit()?;
    }
    bulk::print_reports(ctx, &args.bulk, &reports);
    Ok(())
}
