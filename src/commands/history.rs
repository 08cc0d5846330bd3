//! `tix history TICKET`: every change, who, when, from what to what.

use crate::context::Ctx;
use crate::error::Result;
use crate::render::{self, safe_text};
use crate::store::history;
use crate::store::tickets;

/// Show a ticket's history
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ticket number, or an unambiguous tail of it
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::cli::complete::tickets))]
    pub ticket: String,

    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let store = ctx.open_store_to_read()?;
    ctx.restrict(&store);
    let id = tickets::resolve(&store.conn, &args.ticket)?;
    let rows = history::history(&store.conn, id)?;
    store.close();
    if args.json {
        render::print_json_list(&rows);
        return Ok(());
    }
    let table_rows = rows
        .iter()
        .map(|h| {
            vec![
                render::datetime(h.at),
                h.actor.clone(),
                h.action.clone(),
                safe_text(h.old.as_deref().unwrap_or(""), true),
                safe_text(h.new.as_deref().unwrap_or(""), true),
                safe_text(h.detail.as_deref().unwrap_or(""), true),
            ]
        })
        .collect();
    render::out(&render::table(
        &["When", "Who", "What", "From", "To", "Detail"],
        table_rows,
    ));
    Ok(())
}
