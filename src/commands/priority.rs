//! `tix priority T… N`.

use crate::cli::bulk::split_last;
use crate::cli::bulk::{self, Bulk};
use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::store::tickets::parse_priority;

/// Set the priority: 1–5 or very-low, low, normal, high, very-high
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Ticket numbers (or tails), then the priority
    #[arg(required = true, value_name = "TICKET… PRIORITY")]
    pub args: Vec<String>,

    #[command(flatten)]
    pub bulk: Bulk,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let (p, tickets) = split_last(&args.args, &args.bulk, "priority")?;
    let priority = parse_priority(p).ok_or_else(|| {
        TixError::usage(format!(
            "priority {p:?} is not 1–5 or very-low, low, normal, high, very-high"
        ))
    })?;
    bulk::run(ctx, &args.bulk, tickets, |s, t| s.set_priority(t, priority))
}
