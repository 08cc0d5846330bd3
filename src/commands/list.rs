//! `tix list [QUERY]`: open tickets by default, as a table, JSON or CSV.

use crate::context::Ctx;
use crate::dates::now;
use crate::error::{Result, TixError};
use crate::query::filter::{self, agent, Role};
use crate::query::{Filter, Query, Scope};
use crate::render::lists::print_tickets;
use crate::store::find::{self, Find, Order};

/// List tickets (open ones by default), optionally those a query finds
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A query: words, "phrases", queue: state: owner: responsible: tag: from: to: subject:
    /// priority: age:>7d before: after: is:locked is:unseen, NOT (or -term after --), OR, @saved (tix-query(7))
    #[arg(value_name = "QUERY", num_args = 0.., add = clap_complete::ArgValueCandidates::new(crate::cli::complete::saved_searches))]
    pub query: Vec<String>,

    /// Only this queue and the queues nested below it
    #[arg(long, value_name = "QUEUE", add = clap_complete::ArgValueCandidates::new(crate::cli::complete::queues))]
    pub queue: Option<String>,

    /// Only this status (a status name, or a state type such as open or pending-reminder)
    #[arg(long, value_name = "STATE", add = clap_complete::ArgValueCandidates::new(crate::cli::complete::statuses))]
    pub state: Option<String>,

    /// Only tickets owned by this agent ("me" for yourself, "none" for unowned)
    #[arg(long, value_name = "AGENT", add = clap_complete::ArgValueCandidates::new(crate::cli::complete::agents))]
    pub owner: Option<String>,

    /// Only tickets this agent is responsible for ("me"); * marks those the customer wrote to since
    #[arg(long, value_name = "AGENT", add = clap_complete::ArgValueCandidates::new(crate::cli::complete::agents))]
    pub responsible: Option<String>,

    /// Only tickets with this tag
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,

    /// Hide tickets someone else has locked
    #[arg(long)]
    pub available: bool,

    /// Also closed and merged tickets (deleted ones are never listed)
    #[arg(long)]
    pub all: bool,

    /// Order by
    #[arg(long, value_enum, default_value_t = Sort::Age)]
    pub sort: Sort,

    /// Turn the order round
    #[arg(long)]
    pub reverse: bool,

    /// At most this many tickets
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,

    /// The quarantined messages instead of tickets
    #[arg(long, conflicts_with_all = ["queue", "state", "owner", "tag", "all", "query"])]
    pub quarantined: bool,

    /// Print JSON
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,

    /// Print CSV with a header row
    #[arg(long)]
    pub csv: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, clap::ValueEnum)]
pub enum Sort {
    /// Oldest ticket first
    Age,
    /// Most recently changed first
    Updated,
    /// Highest priority first
    Priority,
    Number,
    Queue,
    State,
    /// Soonest escalation first (only tickets on an escalation clock)
    Escalation,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let store = ctx.open_store_to_read()?;
    ctx.restrict(&store);
    if args.quarantined {
        let kept = crate::store::raw_messages::quarantined(&store.conn)?;
        store.close();
        return crate::render::lists::print_quarantine(&kept, args.json, args.csv);
    }
    let now = now();
    let text = args.query.join(" ");
    let query = Query::parse(&text, &ctx.config)?;
    let scope = Scope {
        config: &ctx.config,
        actor: &ctx.actor,
        now,
    };
    // The flags are query terms, checked and resolved the same way.
    let mut filter = query.filter(&scope, &text)?;
    if let Some(s) = &args.state {
        let state = filter::state(&ctx.config, s).ok_or_else(|| {
            TixError::usage(format!(
                "unknown state {s:?}; statuses: {}",
                ctx.config.status_names()
            ))
        })?;
        filter = filter.and(state);
    }
    if let Some(name) = &args.queue {
        let queue = filter::queue(&ctx.config, name)
            .ok_or_else(|| TixError::usage(format!("unknown queue {name:?}")))?;
        filter = filter.and(queue);
    }
    for (role, value) in [
        (Role::Owner, &args.owner),
        (Role::Responsible, &args.responsible),
    ] {
        if let Some(v) = value {
            let who = agent(v, &scope).map_err(TixError::usage)?;
            filter = filter.and(Filter::Agent(role, who));
        }
    }
    if let Some(tag) = &args.tag {
        filter = filter.and(Filter::Tag(tag.to_lowercase()));
    }
    if args.available {
        filter = filter.and(Filter::AvailableTo(ctx.actor.clone(), now));
    }
    let (order, newest_first) = match args.sort {
        Sort::Age => (Order::Created, false),
        Sort::Updated => (Order::Updated, true),
        Sort::Priority => (Order::Priority, true),
        Sort::Number => (Order::Number, false),
        Sort::Queue => (Order::Queue, false),
        Sort::State => (Order::State, false),
        Sort::Escalation => (Order::Escalation, false),
    };
    let tickets = find::tickets(
        &store.conn,
        &Find {
            filter: &filter,
            open_only: args.state.is_none() && !args.all && !query.mentions_state(),
            order,
            descending: newest_first != args.reverse,
            limit: args.limit,
            text: &text,
            // An agent's own list starts with the reminders that fell due.
            due_first: (args.owner.is_some() && args.sort == Sort::Age).then_some(now),
        },
    )?;
    store.close();
    print_tickets(&tickets, &ctx.actor, args.json, args.csv)
}
