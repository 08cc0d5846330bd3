//! `tix close T…`.

use crate::cli::bulk::Tickets;
use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::vocabulary::StateType;

/// Close tickets, successful unless a reason says otherwise
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Why: the status "closed REASON" is set
    #[arg(long, value_enum, default_value_t = Reason::Successful)]
    pub reason: Reason,

    /// A closing note, added to each ticket
    #[arg(short, long, value_name = "TEXT")]
    pub message: Option<String>,

    #[command(flatten)]
    pub named: Tickets,
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
        .filter(|s| s.state_type == StateType::Closed)
        .cloned()
        .ok_or_else(|| {
            TixError::usage(format!(
                "no status \"closed {reason}\" of type closed in the config"
            ))
        })?;
    args.named.run(ctx, |s, t| {
        let mut r = Vec::new();
        if let Some(m) = &args.message {
            r.extend(s.remark(t, m)?);
        }
        r.extend(s.set_state(t, &status, None)?);
        Ok(r)
    })
}
