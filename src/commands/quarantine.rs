//! `tix quarantine list|show|retry`: messages kept aside because they could
//! not be read as mail. Nothing is dropped; an admin looks and retries.

use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::intake::{quarantined, retry_quarantined, Intake, Outcome};
use std::io::Write;

/// Quarantined messages: list them, print one, parse them again
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// List quarantined messages (also `tix list --quarantined`)
    List {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Print a quarantined message's original bytes
    Show {
        /// The quarantine id from `tix quarantine list`
        id: i64,
    },
    /// Parse quarantined messages again and file those that now read as mail
    Retry {
        /// Quarantine ids; all of them when none are given
        ids: Vec<i64>,
        /// Size limit in MB for this retry (default 25), to let a known large message in
        #[arg(long, value_name = "MB")]
        max_size: Option<usize>,
    },
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let mut store = ctx.open_store()?;
    match &args.action {
        Action::List { json } => {
            crate::render::lists::print_quarantine(&quarantined(&store.conn)?, *json, false)
        }
        Action::Show { id } => {
            let bytes = crate::store::raw_messages::quarantined_bytes(&store.conn, *id)?
                .ok_or_else(|| TixError::failure(format!("no quarantined message {id}")))?;
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)
                .and_then(|()| out.flush())
                .map_err(crate::render::stdout_error)?;
            Ok(())
        }
        Action::Retry { ids, max_size } => {
            let mut intake = Intake::new(&ctx.config, ctx.rules.clone());
            if let Some(mb) = max_size {
                intake.max_size = mb * 1024 * 1024;
            }
            let ids: Vec<i64> = if ids.is_empty() {
                quarantined(&store.conn)?.iter().map(|q| q.id).collect()
            } else {
                ids.clone()
            };
            for id in ids {
                let outcome = store.write(|tx| retry_quarantined(&intake, tx, id))?;
                match outcome {
                    Outcome::Quarantined(why) => {
                        ctx.warn(&format!("{id}: still quarantined: {why}"))
                    }
                    o if !ctx.quiet => {
                        println!("{id}: {}", o)
                    }
                    _ => {}
                }
            }
            Ok(())
        }
    }
}
