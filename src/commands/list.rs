//! `tix list`: open tickets by default, as a table, JSON or CSV.

use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::render::{self, safe_text};
use crate::store::now;
use crate::store::tickets::{ticket_from_row, Ticket, TICKET_COLUMNS};
use rusqlite::types::Value;

/// List tickets (open ones by default)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this queue and the queues nested below it
    #[arg(long, value_name = "QUEUE")]
    pub queue: Option<String>,

    /// Only this status (a status name, or a state type such as open or pending-reminder)
    #[arg(long, value_name = "STATE")]
    pub state: Option<String>,

    /// Only tickets owned by this agent ("me" for yourself, "none" for unowned)
    #[arg(long, value_name = "AGENT")]
    pub owner: Option<String>,

    /// Only tickets with this tag
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,

    /// Also closed and merged tickets (deleted ones are never listed)
    #[arg(long)]
    pub all: bool,

    /// Order by
    #[arg(long, value_enum, default_value_t = Sort::Age)]
    pub sort: Sort,

    /// Newest first instead of oldest first
    #[arg(long)]
    pub reverse: bool,

    /// At most this many tickets
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,

    /// The quarantined messages instead of tickets
    #[arg(long, conflicts_with_all = ["queue", "state", "owner", "tag", "all"])]
    pub quarantined: bool,

    /// Print JSON
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,

    /// Print CSV with a header row
    #[arg(long)]
    pub csv: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
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
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let store = ctx.open_store()?;
    if args.quarantined {
        return crate::commands::quarantine::print_list(&store, args.json, args.csv);
    }
    let mut q = Sql::new(format!(
        "SELECT {TICKET_COLUMNS} FROM tickets t WHERE t.state_type <> 'removed'"
    ));
    match &args.state {
        Some(s) => {
            if let Some(status) = ctx.config.status(s) {
                q.and("t.state = ?", [status.name.clone()]);
            } else if crate::config::STATE_TYPES.contains(&s.as_str()) {
                q.and("t.state_type = ?", [s.clone()]);
            } else {
                let names: Vec<&str> = ctx
                    .config
                    .statuses
                    .iter()
                    .map(|s| s.name.as_str())
                    .collect();
                return Err(TixError::usage(format!(
                    "unknown state {s:?}; statuses: {}",
                    names.join(", ")
                )));
            }
        }
        None if !args.all => q.and("t.state_type NOT IN ('closed', 'merged')", []),
        None => {}
    }
    if let Some(name) = &args.queue {
        let queues = ctx.config.queue_with_children(name);
        if queues.is_empty() {
            return Err(TixError::usage(format!("unknown queue {name:?}")));
        }
        let marks = vec!["?"; queues.len()].join(", ");
        q.and(&format!("t.queue IN ({marks})"), queues);
    }
    if let Some(o) = &args.owner {
        match o.as_str() {
            "none" => q.and("t.owner IS NULL", []),
            "me" => q.and("t.owner = ?", [ctx.actor.clone()]),
            _ => q.and("t.owner = ?", [o.clone()]),
        }
    }
    if let Some(tag) = &args.tag {
        q.and(
            "t.id IN (SELECT ticket_id FROM tags WHERE tag = ?)",
            [tag.to_lowercase()],
        );
    }
    let (column, newest_first) = match args.sort {
        Sort::Age => ("t.created_at", false),
        Sort::Updated => ("t.updated_at", true),
        Sort::Priority => ("t.priority", true),
        Sort::Number => ("t.number", false),
        Sort::Queue => ("t.queue", false),
        Sort::State => ("t.state", false),
    };
    let dir = if newest_first != args.reverse {
        "DESC"
    } else {
        "ASC"
    };
    q.sql
        .push_str(&format!(" ORDER BY {column} {dir}, t.id {dir}"));
    if let Some(n) = args.limit {
        q.sql.push_str(&format!(" LIMIT {n}"));
    }
    let mut stmt = store.conn.prepare(&q.sql)?;
    let tickets: Vec<Ticket> = stmt
        .query_map(rusqlite::params_from_iter(q.params.iter()), ticket_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    print_tickets(&tickets, args.json, args.csv)
}

/// A WHERE clause built piece by piece, values always bound, never spliced.
struct Sql {
    sql: String,
    params: Vec<Value>,
}

impl Sql {
    fn new(sql: String) -> Self {
        Sql {
            sql,
            params: vec![],
        }
    }

    /// Appends `AND clause`, binding one value per `?` in order.
    fn and(&mut self, clause: &str, values: impl IntoIterator<Item = String>) {
        let mut values = values.into_iter();
        self.sql.push_str(" AND ");
        for c in clause.chars() {
            if c == '?' {
                self.params
                    .push(Value::Text(values.next().unwrap_or_default()));
                self.sql.push_str(&format!("?{}", self.params.len()));
            } else {
                self.sql.push(c);
            }
        }
    }
}

/// Prints tickets in the chosen form; shared by every listing command.
pub fn print_tickets(tickets: &[Ticket], json: bool, csv: bool) -> Result<()> {
    if json {
        render::out(&render::json(&tickets));
        return Ok(());
    }
    if csv {
        let mut w = csv::Writer::from_writer(vec![]);
        let _ = w.write_record([
            "number", "created", "from", "subject", "state", "queue", "owner", "priority",
        ]);
        for t in tickets {
            let _ = w.write_record([
                t.number.as_str(),
                &render::iso(t.created_at),
                &from_of(t),
                &safe_text(&t.title, true),
                &t.state,
                &t.queue,
                t.owner.as_deref().unwrap_or(""),
                &t.priority.to_string(),
            ]);
        }
        let bytes = w
            .into_inner()
            .map_err(|e| TixError::failure(e.to_string()))?;
        render::out(&String::from_utf8_lossy(&bytes));
        return Ok(());
    }
    let now = now();
    let rows = tickets
        .iter()
        .map(|t| {
            vec![
                t.number.clone(),
                render::age(t.created_at, now),
                safe_text(&from_of(t), true),
                safe_text(&t.title, true),
                t.state.clone(),
                t.queue.clone(),
                t.owner.clone().unwrap_or_default(),
            ]
        })
        .collect();
    render::out(&render::table(
        &[
            "Number", "Age", "From", "Subject", "State", "Queue", "Owner",
        ],
        rows,
    ));
    Ok(())
}

fn from_of(t: &Ticket) -> String {
    match (&t.customer_name, &t.customer_address) {
        (Some(n), Some(a)) => format!("{n} <{a}>"),
        (Some(n), None) => n.clone(),
        (None, Some(a)) => a.clone(),
        (None, None) => String::new(),
    }
}
