//! `tix dashboard`: the first screen of the day, as OTRS's dashboard and
//! queue view: queues with their counts, my tickets, the escalations, the
//! last two weeks.

use crate::context::Ctx;
use crate::error::Result;
use crate::query::filter::{Cmp, Role};
use crate::query::Filter;
use crate::render::dashboard::{Dashboard, Day, Escalating, Mine, QueueRow, Responses};
use crate::store::find::{self, Find, Order};
use crate::store::tickets::Ticket;
use std::collections::BTreeMap;

/// The overview: queues with counts, my tickets, escalations, the last 14 days
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this queue and the queues nested below it
    #[arg(long, value_name = "QUEUE", add = clap_complete::ArgValueCandidates::new(crate::cli::complete::queues))]
    pub queue: Option<String>,

    /// All of it as one JSON object
    #[arg(long)]
    pub json: bool,
}

/// Escalations shown; the counts say how many there are in all.
const SHOWN: u64 = 10;
const DAYS: i64 = 14;

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let store = ctx.open_store_to_read()?;
    ctx.restrict(&store);
    let conn = &store.conn;
    let now = crate::dates::now();
    let config = &ctx.config;
    let narrowed: Option<Vec<String>> = match &args.queue {
        Some(q) => Some(config.queue_with_children(&ctx.queue_arg(q)?)),
        None => None,
    };
    let queues = narrowed.as_deref();
    let scope_filter = match queues {
        Some(qs) => Filter::QueueIn(qs.to_vec()),
        None => Filter::All,
    };

    // Counts per queue, rolled up into the queues above.
    let mut own: BTreeMap<String, QueueRow> = BTreeMap::new();
    let rows = crate::store::dashboard::open_by_queue(conn, queues)?
        .into_iter()
        .chain(crate::store::dashboard::escalated_by_queue(
            conn, now, queues,
        )?)
        .chain(crate::store::dashboard::reminders_due_by_queue(
            conn, now, queues,
        )?);
    for (queue, what, n) in rows {
        let row = own
            .entry(queue.clone())
            .or_insert_with(|| QueueRow::named(&queue));
        match what.as_str() {
            "new" => row.new += n,
            "open" => row.open += n,
            "pending-reminder" | "pending-auto-close" => row.pending += n,
            "escalated" => row.escalated += n,
            "reminder-due" => row.reminders_due += n,
            _ => {}
        }
    }
    let queue_rows = queue_tree(ctx, &own, queues);

    // My tickets.
    let me = ctx.actor.clone();
    let listed = |filter: Filter, order: Order, limit: Option<u64>| -> Result<Vec<Ticket>> {
        let filter = scope_filter.clone().and(filter);
        find::tickets(
            conn,
            &Find {
                filter: &filter,
                open_only: true,
                order,
                descending: false,
                limit,
                text: "",
                due_first: Some(now),
            },
        )
    };
    let mine_owned = listed(
        Filter::Agent(Role::Owner, Some(me.clone())),
        Order::Created,
        None,
    )?;
    let mine_responsible = listed(
        Filter::Agent(Role::Responsible, Some(me.clone())),
        Order::Created,
        None,
    )?;
    let mine_locked = listed(Filter::LockedBy(me.clone(), now), Order::Created, None)?;
    let mine = Mine {
        agent: me.clone(),
        owned: mine_owned,
        responsible: mine_responsible,
        locked: mine_locked,
    };

    // The escalations: the longest overdue, then the next to come, so
    // that a pile of old ones does not hide what escalates this afternoon.
    let overdue = listed(Filter::EscalatedAt(now), Order::Escalation, Some(SHOWN / 2))?;
    let coming = SHOWN - overdue.len() as u64;
    let next = listed(
        Filter::Escalation(Cmp::Gt, now),
        Order::Escalation,
        Some(coming),
    )?;
    let escalating: Vec<Escalating> = overdue
        .into_iter()
        .chain(next)
        .map(|t| Escalating::of(t, now))
        .collect();
    let escalated_total = own.values().map(|r| r.escalated).sum();

    // The last 14 days, today included.
    let today = crate::dates::local_midnight_of(now);
    let since = crate::dates::days_before(today, DAYS - 1);
    let mut days: BTreeMap<String, Day> = BTreeMap::new();
    for i in 0..DAYS {
        let d = crate::dates::local_date(crate::dates::days_before(today, DAYS - 1 - i));
        days.insert(d.clone(), Day::on(&d));
    }
    for (day, what, n) in crate::store::dashboard::per_day(conn, since, queues)? {
        if let Some(d) = days.get_mut(&day) {
            if what == "created" {
                d.created = n;
            } else {
                d.closed = n;
            }
        }
    }
    let mut waits: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for (queue, secs) in crate::store::dashboard::first_responses(conn, since, queues)? {
        waits.entry(queue).or_default().push(secs.max(0));
    }
    let first_response = waits
        .into_iter()
        .map(|(queue, mut secs)| {
            secs.sort_unstable();
            Responses {
                queue,
                tickets: secs.len(),
                median_seconds: median(&secs),
            }
        })
        .collect();

    let dashboard = Dashboard {
        now,
        queue: args.queue.clone(),
        queues: queue_rows,
        mine,
        escalated: escalated_total,
        escalations: escalating,
        days: days.into_values().collect(),
        first_response,
        away: crate::store::absences::current(conn, now)?,
        intake_trouble: crate::store::intake_trouble::unresolved(conn)?
            .map(|(at, text)| crate::render::dashboard::Trouble { at, text }),
    };
    store.close();
    if args.json {
        crate::render::out(&crate::render::json(&dashboard));
    } else {
        crate::render::out(&crate::render::dashboard::text(&dashboard, colour()));
    }
    Ok(())
}

/// Colour only for a person at a terminal who has not asked for none.
fn colour() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn median(sorted: &[i64]) -> i64 {
    match sorted.len() {
        0 => 0,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
    }
}

/// The configured queues as a tree (parents before children), each with
/// its own counts plus those of the queues below it; queues only the store
/// knows (renamed since) follow at the top level.
fn queue_tree(
    ctx: &Ctx,
    own: &BTreeMap<String, QueueRow>,
    narrowed: Option<&[String]>,
) -> Vec<QueueRow> {
    let config = &ctx.config;
    let mut names: Vec<String> = config
        .queues
        .iter()
        .map(|q| q.name.clone())
        .filter(|n| narrowed.is_none_or(|qs| qs.contains(n)))
        .filter(|n| config.may_read(&ctx.actor, n))
        .collect();
    for name in own.keys() {
        if !names.iter().any(|n| n == name) {
            names.push(name.clone());
        }
    }
    // Sorted by the path of names, so that a queue's children follow it.
    names.sort_by(|a, b| {
        a.split("::")
            .map(str::to_lowercase)
            .cmp(b.split("::").map(str::to_lowercase))
    });
    names
        .iter()
        .map(|name| {
            let mut row = QueueRow::named(name);
            row.depth = name.matches("::").count();
            let prefix = format!("{name}::");
            for (q, counts) in own {
                if q == name || q.starts_with(&prefix) {
                    row.add(counts);
                }
            }
            row
        })
        .collect()
}
