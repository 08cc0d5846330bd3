//! What every acting command shares: tickets named by number or found by
//! `--where QUERY`, one transaction for all of them, `--dry-run`, `--force`,
//! and the report of what changed.

use crate::context::Ctx;
use crate::dates::now;
use crate::error::{Result, TixError};
use crate::lifecycle::{Report, Session};
use crate::query::{Query, Scope};
use crate::render;
use crate::store::tickets::{self, Ticket};

/// Tickets named by number (or the tail of one), or found by `--where`:
/// what every acting command without a further argument takes.
#[derive(Debug, Clone, clap::Args)]
pub struct Tickets {
    /// Ticket numbers (or tails)
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::cli::complete::tickets))]
    pub tickets: Vec<String>,

    #[command(flatten)]
    pub bulk: Bulk,
}

impl Tickets {
    /// Runs `change` on each ticket, as [`run`] does.
    pub fn run(
        &self,
        ctx: &Ctx,
        change: impl FnMut(&Session, &Ticket) -> Result<Vec<Report>>,
    ) -> Result<()> {
        run(ctx, &self.bulk, &self.tickets, change)
    }
}

/// Tickets, then the one value they are set to (`what`: a queue, an
/// agent), read by `resolve`; `note`, when given, is added to each ticket
/// the change touched, after it.
pub fn run_to_last<T>(
    ctx: &Ctx,
    bulk: &Bulk,
    args: &[String],
    what: &str,
    note: Option<&str>,
    resolve: impl FnOnce(&str) -> Result<T>,
    mut change: impl FnMut(&Session, &Ticket, &T) -> Result<Vec<Report>>,
) -> Result<()> {
    let (last, tickets) = split_last(args, bulk, what)?;
    let value = resolve(last)?;
    run(ctx, bulk, tickets, |s, t| {
        let mut reports = change(s, t, &value)?;
        if let Some(note) = note {
            reports.extend(s.remark(t, note)?);
        }
        Ok(reports)
    })
}

#[derive(Debug, Clone, clap::Args)]
pub struct Bulk {
    /// Act on every ticket this query finds, as tix list shows them: open ones unless the query names a state (the syntax: tix-query(7))
    #[arg(long = "where", value_name = "QUERY")]
    pub where_query: Option<String>,

    /// With --where: closed tickets too, as tix list --all shows them
    #[arg(long, requires = "where_query")]
    pub all: bool,

    /// Print exactly what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Act also on tickets someone else has locked, and close a parent whose child tickets are open
    #[arg(long)]
    pub force: bool,

    /// Print the changes as JSON
    #[arg(long)]
    pub json: bool,
}

/// Runs `action` on every named ticket in one write transaction: all or
/// nothing; rolled back at the end with --dry-run.
pub fn run(
    ctx: &Ctx,
    bulk: &Bulk,
    numbers: &[String],
    mut action: impl FnMut(&Session, &Ticket) -> Result<Vec<Report>>,
) -> Result<()> {
    let actor = ctx.agent()?;
    let mut store = ctx.open_store()?;
    ctx.restrict(&store);
    let tx = store.conn.transaction()?;
    let session = Session {
        conn: &tx,
        config: &ctx.config,
        actor,
        now: now(),
        force: bulk.force,
    };
    let ids = target_ids(&session, bulk, numbers)?;
    let mut reports = Vec::new();
    for id in ids {
        let ticket = tickets::ticket_by_id(&tx, id)?;
        session.check_lock(&ticket)?;
        reports.extend(action(&session, &ticket)?);
    }
    if bulk.dry_run {
        tx.rollback()?;
    } else {
        tx.commit()?;
        // Hooks the change queued run now, within the time intake allows
        // itself; what is left waits for the next run of the outbox.
        if !ctx.config.hooks.is_empty() && !reports.is_empty() {
            ctx.send_due_after_intake(&mut store)?;
        }
    }
    print_reports(ctx, bulk, &reports);
    Ok(())
}

/// The tickets named by number and found by --where, each once, in order.
pub fn target_ids(session: &Session, bulk: &Bulk, numbers: &[String]) -> Result<Vec<i64>> {
    let mut ids = Vec::new();
    for n in numbers {
        ids.push(tickets::resolve(session.conn, n)?);
    }
    if let Some(q) = &bulk.where_query {
        let query = Query::parse(q, session.config)?;
        let scope = Scope {
            config: session.config,
            actor: session.actor,
            now: session.now,
        };
        // The tickets tix list shows for the query: open ones unless it
        // names a state or --all; a merged one is the ticket it went into,
        // never acted on itself.
        let open_only = !bulk.all && !query.mentions_state();
        let found =
            crate::store::find::ticket_ids(session.conn, &query.filter(&scope, q)?, q, open_only)?;
        let mut merged = 0;
        for id in found {
            let state_type = tickets::ticket_by_id(session.conn, id)?.state_type;
            if state_type == crate::vocabulary::StateType::Merged {
                merged += 1;
            } else {
                ids.push(id);
            }
        }
        if merged > 0 {
            eprintln!("tix: {merged} merged ticket(s) matching {q:?} left alone (act on the tickets they went into)");
        }
        if ids.is_empty() {
            // Nothing to do is no failure: `set -e` scripts go on.
            eprintln!("tix: no ticket matches {q:?}");
            return Ok(ids);
        }
    }
    if ids.is_empty() {
        return Err(TixError::usage(
            "name one or more tickets, or --where QUERY",
        ));
    }
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
    Ok(ids)
}

/// The last positional is the value (queue, agent, state…), the rest tickets.
/// `what` names the value in messages ("queue"). A lone ticket number
/// without --where is a ticket with its value forgotten (`tix move 54`).
pub fn split_last<'a>(
    args: &'a [String],
    bulk: &Bulk,
    what: &str,
) -> Result<(&'a str, &'a [String])> {
    match args.split_last() {
        Some((only, [])) if bulk.where_query.is_none() && looks_like_ticket(only) => {
            Err(TixError::usage(format!(
                "the {what} is missing: name the tickets, then the {what}"
            )))
        }
        Some((last, rest)) => Ok((last.as_str(), rest)),
        None => Err(TixError::usage(format!("name the tickets and the {what}"))),
    }
}

/// A ticket number or its tail, as typed: digits only.
fn looks_like_ticket(arg: &str) -> bool {
    !arg.is_empty() && arg.chars().all(|c| c.is_ascii_digit())
}

pub fn print_reports(ctx: &Ctx, bulk: &Bulk, reports: &[Report]) {
    if ctx.quiet && !bulk.dry_run && !bulk.json {
        return;
    }
    render::out(&changes(reports, bulk.dry_run, bulk.json));
}

/// What an acting command changed (or, in a dry run, would change): a
/// line per change, or JSON.
fn changes(reports: &[Report], dry_run: bool, as_json: bool) -> String {
    if as_json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            dry_run: bool,
            changes: &'a [Report],
        }
        return render::json(&Out {
            dry_run,
            changes: reports,
        });
    }
    let mut s = String::new();
    for r in reports {
        if dry_run {
            s.push_str("would change ");
        }
        s.push_str(&render::safe_text(&r.line(), true));
        s.push('\n');
    }
    if reports.is_empty() {
        s.push_str("nothing to change\n");
    } else if dry_run {
        s.push_str("dry run: nothing changed\n");
    }
    s
}
