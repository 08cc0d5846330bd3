//! `tix state T… STATE [--until DATE]`.

use crate::cli::bulk::split_last;
use crate::cli::bulk::{self, Bulk};
use crate::context::Ctx;
use crate::error::{Result, TixError};

/// Set the status (from the config); pending statuses need --until
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Ticket numbers (or tails), then the status ("waiting for customer" or waiting-for-customer)
    #[arg(required = true, value_name = "TICKET… STATE", add = clap_complete::ArgValueCandidates::new(crate::cli::complete::tickets_then_status))]
    pub args: Vec<String>,

    /// When a pending status comes due: 2026-12-01, "2026-12-01 14:00", 3d
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

    #[command(flatten)]
    pub bulk: Bulk,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let (name, tickets) = split_last(&args.args, &args.bulk, "status")?;
    let status = ctx.config.status(name).cloned().ok_or_else(|| {
        TixError::usage(format!(
            "unknown state {name:?}; statuses: {}",
            ctx.config.status_names()
        ))
    })?;
    let until = match &args.until {
        Some(d) => Some(crate::dates::parse_date(d, crate::dates::now()).map_err(TixError::usage)?),
        None => None,
    };
    bulk::run(ctx, &args.bulk, tickets, |s, t| {
        s.set_state(t, &status, until)
    })
}
