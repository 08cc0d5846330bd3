//! `tix bounce-report`: the addresses a mailing bounced from, for cleaning a
//! member list — from tickets, or straight from message files, Maildirs and
//! mbox files (no store needed).

use crate::bounces::aggregate::{by_address, AddressRow};
use crate::bounces::MessageKind;
use crate::bounces::{analyse_all, Analysis, Recipient};
use crate::cli::bulk::{self, Bulk};
use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::lifecycle::Session;
use crate::mail::parse::DEFAULT_MAX_SIZE;
use crate::query::{Query, Scope};
use crate::render::{self, safe_text};
use crate::store::raw_messages;
use crate::store::{now, tickets};
use std::path::PathBuf;

/// Bounced addresses, hard and soft, with reason and counts
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A query over tickets (e.g. from:MAILER-DAEMON queue:Mitgliederdaten)
    #[arg(value_name = "QUERY", num_args = 0.., conflicts_with = "paths")]
    pub query: Vec<String>,

    /// Message files, folders of them (with their subfolders), Maildirs or mbox files to read instead of tickets
    #[arg(long = "path", value_name = "PATH", num_args = 1..)]
    pub paths: Vec<PathBuf>,

    /// Reports of mail tix sent itself too (an agent's reply that bounced,
    /// kept on its ticket); without it only other mail's bounces count
    #[arg(long, conflicts_with = "paths")]
    pub own: bool,

    /// Only addresses the bounce record has in this state (tix bounce list)
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(crate::bounces::policy::STATES))]
    pub state: Option<String>,

    /// Output form
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// The same as --format json
    #[arg(long, conflicts_with = "format")]
    pub json: bool,

    /// One object per input message instead of one per address (JSON)
    #[arg(long)]
    pub per_message: bool,

    /// Soft bounces too: listed with --format addresses (an address soft-bounced --min-count
    /// times), and acted on by --merge-oldest/--move-to/--close
    #[arg(long)]
    pub soft: bool,

    /// Only bounces dated on or after DATE
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// An address counts once it bounced this often (default 1)
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_count: u32,

    /// Merge the bounce tickets found into the oldest of them
    #[arg(long)]
    pub merge_oldest: bool,

    /// Move the bounce tickets found to this queue
    #[arg(long, value_name = "QUEUE")]
    pub move_to: Option<String>,

    /// Close the bounce tickets found (successful)
    #[arg(long)]
    pub close: bool,

    /// With --merge-oldest/--move-to/--close: print what would change, change nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    /// One address per line, hard bounces only unless --soft
    Addresses,
    /// One address per line that failed softly and never hard: the
    /// "retry later" list
    Soft,
}

/// One analysed message and where it came from (a path, or a ticket number).
struct Source {
    name: String,
    ticket: Option<(i64, String)>,
    analysis: Analysis,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let since = match &args.since {
        Some(d) => Some(crate::dates::parse_date(d, now()).map_err(TixError::usage)?),
        None => None,
    };
    let acting = args.merge_oldest || args.move_to.is_some() || args.close;
    if acting && !args.paths.is_empty() {
        return Err(TixError::usage(
            "--merge-oldest, --move-to and --close act on tickets, not on files",
        ));
    }
    let mut sources = if args.paths.is_empty() {
        from_tickets(ctx, &args.query.join(" "), args.own)?
    } else {
        from_paths(&args.paths)?
    };
    if let Some(s) = since {
        sources.retain(|src| src.analysis.date.is_none_or(|d| d >= s));
    }
    if args.per_message {
        #[derive(serde::Serialize)]
        struct PerMessage<'a> {
            source: &'a str,
            bounce: bool,
            kind: MessageKind,
            /// The reader that understood it: "rfc3464", "exim", "qmail", …
            format: &'a str,
            recipients: &'a [Recipient],
        }
        let rows: Vec<PerMessage> = sources
            .iter()
            .map(|s| PerMessage {
                source: &s.name,
                bounce: s.analysis.bounce,
                kind: s.analysis.kind,
                format: s.analysis.format,
                recipients: &s.analysis.recipients,
            })
            .collect();
        render::print_json_list(&rows);
    } else {
        let mut rows = by_address(
            sources
                .iter()
                .map(|s| (&s.analysis, s.ticket.as_ref().map(|(_, n)| n.as_str()))),
            args.min_count,
        );
        if let Some(state) = &args.state {
            let store = ctx.open_store()?;
            ctx.restrict(&store);
            let policy = &ctx.config.bounce_policy;
            let now = now();
            let mut kept = Vec::new();
            for r in rows {
                let entry = crate::store::bounce_record::entry_of(&store.conn, &r.address)?;
                let in_state = entry.map(|e| policy.effective(e, now).state);
                if in_state.as_deref().unwrap_or(crate::bounces::policy::OK) == state {
                    kept.push(r);
                }
            }
            rows = kept;
        }
        print_addresses(args, &rows)?;
    }
    if acting {
        act(ctx, args, &sources)?;
    }
    Ok(())
}

fn from_paths(paths: &[PathBuf]) -> Result<Vec<Source>> {
    let messages = paths
        .iter()
        .flat_map(|p| -> crate::sources::path::Messages {
            match crate::sources::open(p, DEFAULT_MAX_SIZE) {
                Ok(messages) => messages,
                Err(e) => Box::new(std::iter::once(Err(e))),
            }
        });
    let named = messages.map(|m| {
        m.map(|m| {
            let name = m.source.trim_start_matches("maildir:");
            let name = name.trim_start_matches("mbox:").to_string();
            ((name, None), m.bytes)
        })
    });
    Ok(sources(analyse_all(named)?))
}

fn from_tickets(ctx: &Ctx, text: &str, own_reports: bool) -> Result<Vec<Source>> {
    let store = ctx.open_store()?;
    ctx.restrict(&store);
    let query = Query::parse(text, &ctx.config)?;
    let scope = Scope {
        config: &ctx.config,
        actor: &ctx.actor,
        now: now(),
    };
    let messages = crate::store::find::ticket_messages(
        &store.conn,
        &query.filter(&scope, text)?,
        text,
        own_reports,
    )?;
    let read = messages.into_iter().map(|m| {
        let bytes = raw_messages::raw_bytes(&store.conn, m.raw_id)?;
        Ok::<_, TixError>(((m.number.clone(), Some((m.ticket_id, m.number))), bytes))
    });
    Ok(sources(analyse_all(read)?))
}

type SourceKey = (String, Option<(i64, String)>);

fn sources(analysed: Vec<(SourceKey, Analysis)>) -> Vec<Source> {
    analysed
        .into_iter()
        .map(|((name, ticket), analysis)| Source {
            name,
            ticket,
            analysis,
        })
        .collect()
}

fn print_addresses(args: &Args, rows: &[AddressRow]) -> Result<()> {
    let format = if args.json { Format::Json } else { args.format };
    match format {
        Format::Json => render::print_json_list(rows),
        Format::Soft => {
            let s: String = rows
                .iter()
                .filter(|r| !r.hard && r.count > 0)
                .map(|r| format!("{}\n", r.address))
                .collect();
            render::out(&s);
        }
        Format::Addresses => {
            let mut s = String::new();
            // Delays are not failures: an address only delayed is never listed.
            for r in rows.iter().filter(|r| r.hard || (args.soft && r.count > 0)) {
                s.push_str(&r.address);
                s.push('\n');
            }
            render::out(&s);
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(vec![]);
            let _ = w.write_record([
                "address",
                "hard",
                "reason",
                "status",
                "count",
                "delays",
                "first_seen",
                "last_seen",
                "tickets",
                "final_recipient",
            ]);
            for r in rows {
                let _ = w.write_record([
                    render::csv_text(&r.address),
                    r.hard.to_string(),
                    r.reason.to_string(),
                    render::csv_text(&r.status),
                    r.count.to_string(),
                    r.delays.to_string(),
                    r.first_seen.map(render::iso).unwrap_or_default(),
                    r.last_seen.map(render::iso).unwrap_or_default(),
                    r.tickets.join(" "),
                    render::csv_text(r.final_recipient.as_deref().unwrap_or("")),
                ]);
            }
            let bytes = w
                .into_inner()
                .map_err(|e| TixError::failure(e.to_string()))?;
            render::out(&String::from_utf8_lossy(&bytes));
        }
        Format::Table => {
            let table = rows
                .iter()
                .map(|r| {
                    vec![
                        safe_text(&r.address, true),
                        match (r.hard, r.count) {
                            (true, _) => "hard",
                            (false, 0) => "delayed",
                            (false, _) => "soft",
                        }
                        .to_string(),
                        r.reason.to_string(),
                        r.status.clone(),
                        r.count.to_string(),
                        r.delays.to_string(),
                        r.last_seen.map(render::datetime).unwrap_or_default(),
                        r.tickets.join(" "),
                    ]
                })
                .collect();
            render::out(&render::table(
                &[
                    "Address", "Bounce", "Reason", "Status", "Count", "Delays", "Last", "Tickets",
                ],
                table,
            ));
        }
    }
    Ok(())
}

/// The clean-up workflow in one step: merge into the oldest, move, close.
fn act(ctx: &Ctx, args: &Args, sources: &[Source]) -> Result<()> {
    let mut numbers: Vec<String> = Vec::new();
    // Hard failures, and soft ones only with --soft: an address that may
    // work again keeps its ticket open. A delay notice's ticket is done
    // with: nothing failed yet, and a later failure comes as a report of
    // its own (left open, it escalated for nothing).
    let acted_on = |s: &&Source| match s.analysis.kind {
        MessageKind::Failure => args.soft || s.analysis.recipients.iter().any(|r| r.hard),
        MessageKind::Delay => true,
        _ => false,
    };
    for s in sources.iter().filter(acted_on) {
        if let Some((_, n)) = &s.ticket {
            if !numbers.contains(n) {
                numbers.push(n.clone());
            }
        }
    }
    if numbers.is_empty() {
        return Ok(());
    }
    let queue = args
        .move_to
        .as_deref()
        .map(|q| ctx.queue_arg(q))
        .transpose()?;
    let closed = ctx.config.status("closed successful").cloned();
    // As tix list and every --where: the open tickets, unless the query
    // names a state; a closed one keeps its state (closed spam stays so).
    let open_only = !Query::parse(&args.query.join(" "), &ctx.config)?.mentions_state();
    let bulk = Bulk {
        where_query: None,
        all: false,
        dry_run: args.dry_run,
        force: false,
        json: false,
    };
    let mut oldest: Option<i64> = None;
    bulk::run(ctx, &bulk, &numbers, |s: &Session, t| {
        let mut r = Vec::new();
        if t.state_type == crate::vocabulary::StateType::Merged
            || (open_only && !(t.state_type.is_open() || t.state_type.is_pending()))
        {
            return Ok(r);
        }
        let mut target = t.clone();
        if args.merge_oldest {
            match oldest {
                None => oldest = Some(t.id),
                Some(id) => {
                    let into = tickets::ticket_by_id(s.conn, id)?;
                    r.extend(s.merge(t, &into)?);
                    return Ok(r);
                }
            }
            target = tickets::ticket_by_id(s.conn, t.id)?;
        }
        if let Some(q) = &queue {
            r.extend(s.move_to(&target, q)?);
        }
        if args.close {
            if let Some(st) = &closed {
                r.extend(s.set_state(&tickets::ticket_by_id(s.conn, t.id)?, st, None)?);
            }
        }
        Ok(r)
    })
}
