//! `tix split T --article K [--queue Q] [--title S]`.

use crate::context::Ctx;
use crate::error::Result;
use crate::lifecycle::Session;
use crate::store::{now, tickets};

/// Move one article (its mail, attachments and search entries) to a new
/// ticket for the same person: a mail that raised two topics becomes two
/// tickets, linked; answers to that mail follow it
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ticket (number or tail)
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::cli::complete::tickets))]
    pub ticket: String,

    /// The article to move, numbered as tix show numbers them
    #[arg(long, value_name = "K")]
    pub article: usize,

    /// The new ticket's queue (else the ticket's)
    #[arg(long, value_name = "QUEUE", add = clap_complete::ArgValueCandidates::new(crate::cli::complete::queues))]
    pub queue: Option<String>,

    /// The new ticket's title (else the article's subject)
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let actor = ctx.agent()?;
    let queue = args
        .queue
        .as_deref()
        .map(|q| ctx.queue_arg(q))
        .transpose()?;
    let mut store = ctx.open_store()?;
    ctx.restrict(&store);
    let now = now();
    let (new, reports) = store.write(|tx| {
        let s = Session {
            conn: tx,
            config: &ctx.config,
            actor,
            now,
            force: false,
        };
        let t = tickets::ticket_by_id(tx, tickets::resolve(tx, &args.ticket)?)?;
        s.split(&t, args.article, queue.as_deref(), args.title.as_deref())
    })?;
    if ctx.verbose {
        for r in &reports {
            eprintln!("{}", r.line());
        }
    }
    println!("{}", new.number);
    Ok(())
}
