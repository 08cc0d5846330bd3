//! `tix search QUERY`: the query language over every state, newest change
//! first; words walk the full-text index from the newest mail back.

use crate::context::Ctx;
use crate::dates::now;
use crate::error::Result;
use crate::query::{Query, Scope};
use crate::render::lists::print_tickets;
use crate::store::find::{self, Find, Order};

/// Search every ticket (not only open ones): with words, the ticket of the
/// newest matching mail or note first; otherwise the most recently changed first
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The query (tix-query(7)); words and "phrases" search subject, sender, recipients and text
    #[arg(required = true, value_name = "QUERY", add = clap_complete::ArgValueCandidates::new(crate::cli::complete::saved_searches))]
    pub query: Vec<String>,

    /// At most this many tickets
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub limit: u64,

    /// Print JSON
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,

    /// Print CSV with a header row
    #[arg(long)]
    pub csv: bool,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let store = ctx.open_store_to_read()?;
    ctx.restrict(&store);
    let text = args.query.join(" ");
    let query = Query::parse(&text, &ctx.config)?;
    let scope = Scope {
        config: &ctx.config,
        actor: &ctx.actor,
        now: now(),
    };
    let tickets = match query.full_text_driver() {
        Some((matcher, rest)) => find::newest_matching(
            &store.conn,
            &matcher,
            &rest.filter(&scope, &text)?,
            args.limit,
            &text,
        )?,
        None => find::tickets(
            &store.conn,
            &Find {
                filter: &query.filter(&scope, &text)?,
                open_only: false,
                order: Order::Updated,
                descending: true,
                limit: Some(args.limit),
                text: &text,
                due_first: None,
            },
        )?,
    };
    store.close();
    print_tickets(&tickets, &ctx.actor, args.json, args.csv)
}
