//! `tix close T…`, `tix reopen T…`, `tix delete T…`.

use super::bulk::{self, Bulk};
use crate::context::Ctx;
use crate::error::{Result, TixError};

/// Close tickets, successful unless a reason says otherwise
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Ticket numbers (or tails)
    pub tickets: Vec<String>,

    /// Why: the status "closed REASON" is set
    #[arg(long, value_enum, default_value_t = Reason::Successful)]
    pub reason: Reason,

    /// A closing note, added to each ticket
    #[arg(short, long, value_name = "TEXT")]
    pub message: Option<String>,

    #[command(flatten)]
    pub bulk: Bulk,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Reason {
    Successful,
    Unsuccessful,
    /// Spam: closed at once
    Spam,
    /// A "thanks" that reopened a finished ticket
    Zombie,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let reason = match args.reason {
        Reason::Successful => "successful",
        Reason::Unsuccessful => "unsuccessful",
        Reason::Spam => "spam",
        Reason::Zombie => "zombie",
    };
    let status = ctx
        .config
        .status(&format!("closed {reason}"))
        .filter(|s| s.state_type == "closed")
        .cloned()
        .ok_or_else(|| {
            TixError::usage(format!(
                "no status \"closed {reason}\" of type closed in the config"
            ))
        })?;
    bulk::run(ctx, &args.bulk, &args.tickets, |s, t| {
        let mut r = Vec::new();
        if let Some(m) = &args.message {
            r.extend(s.note(t, "note", m, &[])?);
        }
        r.extend(s.set_state(t, &status, None)?);
        Ok(r)
    })
}

/// Open closed tickets again
#[derive(Debug, clap::Args)]
pub struct ReopenArgs {
    /// Ticket numbers (or tails)
    pub tickets: Vec<String>,

    #[command(flatten)]
    pub bulk: Bulk,
}

pub fn run_reopen(ctx: &Ctx, args: &ReopenArgs) -> Result<()> {
    let open = ctx.config.status_of_type("open").clone();
    bulk::run(ctx, &args.bulk, &args.tickets, |s, t| {
        if t.state_type != "closed" {
            return Err(TixError::failure(format!(
                "ticket {} is not closed (it is {})",
                t.number, t.state
            )));
        }
        s.set_state(t, &open, None)
    })
}

/// Delete tickets: out of every list, purged for good by `tix purge`
#[derive(Debug, clap::Args)]
pub struct DeleteArgs {
    /// Ticket numbers (or tails)
    pub tickets: Vec<String>,

    #[command(flatten)]
    pub bulk: Bulk,
}

pub fn run_delete(ctx: &Ctx, args: &DeleteArgs) -> Result<()> {
    let removed = ctx.config.status_of_type("removed").clone();
    bulk::run(ctx, &args.bulk, &args.tickets, |s, t| {
        s.set_state(t, &removed, None)
    })
}
