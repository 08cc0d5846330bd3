//! `tix outbox`: the auto-replies and notifications tix sends by itself.

use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::render;
use crate::send::outbox;

/// Show and send what is queued: auto-replies, notifications, digests, probes, bulk answers, hooks
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// List queued and failed messages (--all: sent ones too)
    List {
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Send what is queued now (fetch and ingest do this after every run)
    Send {
        /// Give messages the server refused for good another try
        #[arg(long)]
        retry_failed: bool,
    },
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let mut store = ctx.open_store()?;
    match &args.action {
        Action::List { all, json } => {
            let entries = outbox::list(&store.conn, *all)?;
            if *json {
                render::out(&render::json(&entries));
                return Ok(());
            }
            let rows: Vec<Vec<String>> = entries
                .iter()
                .map(|e| {
                    vec![
                        e.id.to_string(),
                        e.ticket.clone().unwrap_or_default(),
                        e.kind.clone(),
                        e.recipient.clone(),
                        e.status.clone(),
                        e.attempts.to_string(),
                        e.last_error.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            if !rows.is_empty() {
                render::out(&render::table(
                    &[
                        "id",
                        "ticket",
                        "kind",
                        "to",
                        "status",
                        "tries",
                        "last error",
                    ],
                    rows,
                ));
            }
            Ok(())
        }
        Action::Send { retry_failed } => {
            if *retry_failed {
                outbox::retry_failed(&store.conn)?;
            }
            let done = ctx.send_due(&mut store)?;
            if ctx.verbose || ctx.interactive {
                println!(
                    "{} sent, {} kept for later, {} failed",
                    done.sent, done.deferred, done.failed
                );
            }
            match done.deferred + done.failed {
                0 => Ok(()),
                n if done.failed == 0 => Err(TixError::temp(format!(
                    "{n} message(s) not sent yet; they stay queued"
                ))),
                n => Err(TixError::failure(format!("{n} message(s) not sent"))),
            }
        }
    }
}
