//! `tix store`: the store as a whole (copying it to another database).

use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::store::Store;
use std::path::PathBuf;

/// Work on the store as a whole
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Copy the whole store into a new, empty one (an SQLite file or a
    /// postgres:// URL): tickets, articles, raw messages, attachments,
    /// history, tags, IMAP folder state and outbox; verified at the end
    Copy {
        /// The new store: an SQLite file or postgres://USER@HOST/DATABASE
        #[arg(long, value_name = "STORE")]
        to: PathBuf,
        /// Print what was copied as JSON
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    match &args.action {
        Action::Copy { to, json } => {
            if crate::location::has_password(&to.to_string_lossy()) {
                return Err(TixError::usage(
                    "--to: a password never goes in a store's URL (the command line shows in ps and the shell's history); give it in TIX_DB_PASSWORD, PGPASSWORD or ~/.pgpass",
                ));
            }
            let from = ctx.open_store()?;
            let target = Store::create(to)?;
            let verbose = ctx.verbose;
            let copied = crate::store::copy::copy(&from, &target, &|table, rows| {
                if verbose {
                    eprintln!("tix: {table}: {rows} rows copied");
                }
            })?;
            if *json {
                crate::render::out(&crate::render::json(&copied));
            } else if !ctx.quiet {
                let counts: Vec<String> = copied
                    .iter()
                    .filter(|c| c.rows > 0)
                    .map(|c| format!("{} {}", c.rows, c.table))
                    .collect();
                println!(
                    "copied to {} and verified: {}",
                    target.path.display(),
                    if counts.is_empty() {
                        "an empty store".to_string()
                    } else {
                        counts.join(", ")
                    }
                );
            }
            Ok(())
        }
    }
}
