//! `tix list [QUERY]`: open tickets by default, as a table, JSON or CSV.
//! `tix search QUERY` is the same over every state, newest change first.

use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::query::{Query, Scope};
use crate::render::{self, safe_text};
use crate::store::now;
use crate::store::tickets::{ticket_from_row, Ticket, TICKET_COLUMNS};
use rusqlite::types::Value;

/// List tickets (open ones by default), optionally those a query finds
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A query: words, "phrases", queue: state: owner: responsible: tag: from: to: subject:
    /// priority: age:>7d before: after: is:locked is:unseen, NOT (or -term after --), OR, @saved
    #[arg(value_name = "QUERY", num_args = 0..)]
    pub query: Vec<String>,

    /// Only this queue and the queues nested below it
    #[arg(long, value_name = "QUEUE")]
    pub queue: Option<String>,

    /// Only this status (a status name, or a state type such as open or pending-reminder)
    #[arg(long, value_name = "STATE")]
    pub state: Option<String>,

    /// Only tickets owned by this agent ("me" for yourself, "none" for unowned)
    #[arg(long, value_name = "AGENT")]
    pub owner: Option<String>,

    /// Only tickets this agent is responsible for ("me"); * marks those the customer wrote to since
    #[arg(long, value_name = "AGENT")]
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
}

/// Search every ticket (not only open ones): with words, the ticket of the
/// newest matching mail or note first; otherwise the most recently changed first
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// The query (see tix-list(1)); words and "phrases" search subject, sender, recipients and text
    #[arg(required = true, value_name = "QUERY")]
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
    let store = ctx.open_store()?;
    if args.quarantined {
        return crate::commands::quarantine::print_list(&store, args.json, args.csv);
    }
    let now = now();
    let text = args.query.join(" ");
    let query = Query::parse(&text, &ctx.config)?;
    let scope = Scope {
        config: &ctx.config,
        actor: &ctx.actor,
        now,
    };
    let compiled = query.to_sql(&scope, &text)?;
    let mut q = Sql::new(format!(
        "SELECT {TICKET_COLUMNS} FROM tickets t WHERE t.state_type <> 'removed' AND {}",
        compiled.clause
    ));
    q.params = compiled.params;
    match &args.state {
        Some(s) => {
            if let Some(status) = ctx.config.status(s) {
                q.and("t.state = ?", [status.name.clone()]);
            } else if crate::config::STATE_TYPES.contains(&s.as_str()) {
                q.and("t.state_type = ?", [s.clone()]);
            } else {
                return Err(TixError::usage(format!(
                    "unknown state {s:?}; statuses: {}",
                    ctx.config.status_names()
                )));
            }
        }
        // Listed positively, so the (queue, state_type) index narrows the scan.
        None if !args.all && !query.mentions_state() => q.and(
            "t.state_type IN ('new', 'open', 'pending-reminder', 'pending-auto-close')",
            [],
        ),
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
    for (column, value) in [("owner", &args.owner), ("responsible", &args.responsible)] {
        match value.as_deref() {
            None => {}
            Some("none") => q.and(&format!("t.{column} IS NULL"), []),
            Some("me") => q.and(
                &format!("t.{column} = ? COLLATE NOCASE"),
                [ctx.actor.clone()],
            ),
            Some(v) => q.and(&format!("t.{column} = ? COLLATE NOCASE"), [v.to_string()]),
        }
    }
    if let Some(tag) = &args.tag {
        q.and(
            "t.id IN (SELECT ticket_id FROM tags WHERE tag = ?)",
            [tag.to_lowercase()],
        );
    }
    if args.available {
        q.and(
            "(t.locked_by IS NULL OR t.locked_by = ? COLLATE NOCASE OR t.locked_until <= ?)",
            [ctx.actor.clone(), now.to_string()],
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
    let tickets = fetch(&store.conn, &q)?;
    print_tickets(&tickets, &ctx.actor, args.json, args.csv)
}

pub fn run_search(ctx: &Ctx, args: &SearchArgs) -> Result<()> {
    let store = ctx.open_store()?;
    let text = args.query.join(" ");
    let query = Query::parse(&text, &ctx.config)?;
    let scope = Scope {
        config: &ctx.config,
        actor: &ctx.actor,
        now: now(),
    };
    let tickets = match query.full_text_driver() {
        Some((matcher, rest)) => {
            search_newest_first(&store.conn, &matcher, &rest, &scope, &text, args.limit)?
        }
        None => {
            let compiled = query.to_sql(&scope, &text)?;
            let mut q = Sql::new(format!(
                "SELECT {TICKET_COLUMNS} FROM tickets t WHERE t.state_type <> 'removed' AND {} \
                 ORDER BY t.updated_at DESC, t.id DESC LIMIT {}",
                compiled.clause, args.limit
            ));
            q.params = compiled.params;
            fetch(&store.conn, &q)?
        }
    };
    print_tickets(&tickets, &ctx.actor, args.json, args.csv)
}

/// Walks the full-text index from the newest article back and keeps each
/// ticket that meets the rest of the query, until `limit` are found: a common
/// word answers as fast as a rare one.
fn search_newest_first(
    conn: &rusqlite::Connection,
    matcher: &str,
    rest: &Query,
    scope: &Scope,
    text: &str,
    limit: u64,
) -> Result<Vec<Ticket>> {
    let rest = rest.to_sql(scope, text)?;
    let id_param = rest.params.len() + 1;
    let mut check = conn.prepare(&format!(
        "SELECT {TICKET_COLUMNS} FROM tickets t WHERE t.id = ?{id_param} AND t.state_type <> 'removed' AND {}",
        rest.clause
    ))?;
    let mut hits = conn.prepare(
        "SELECT a.ticket_id FROM articles_fts f JOIN articles a ON a.id = f.rowid
         WHERE articles_fts MATCH ?1 ORDER BY f.rowid DESC",
    )?;
    let mut rows = hits.query([matcher]).map_err(|e| fts_error(e, text))?;
    let mut seen = std::collections::HashSet::new();
    let mut found = Vec::new();
    while let Some(row) = rows.next().map_err(|e| fts_error(e, text))? {
        let ticket_id: i64 = row.get(0)?;
        if !seen.insert(ticket_id) {
            continue;
        }
        let mut params = rest.params.clone();
        params.push(Value::Integer(ticket_id));
        let mut matched = check.query(rusqlite::params_from_iter(params.iter()))?;
        if let Some(r) = matched.next()? {
            found.push(ticket_from_row(r)?);
            if found.len() as u64 >= limit {
                break;
            }
        }
    }
    Ok(found)
}

/// FTS5 rejects a few inputs (a lone "*"); say so as a query error.
fn fts_error(e: rusqlite::Error, text: &str) -> TixError {
    match &e {
        rusqlite::Error::SqliteFailure(_, Some(m)) if m.contains("fts5") => TixError::usage(
            format!("query {text:?}: the full-text index cannot search this: {m}"),
        ),
        _ => e.into(),
    }
}

fn fetch(conn: &rusqlite::Connection, q: &Sql) -> Result<Vec<Ticket>> {
    let mut stmt = conn.prepare(&q.sql)?;
    let tickets = stmt
        .query_map(rusqlite::params_from_iter(q.params.iter()), ticket_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(tickets)
}

/// SQL built piece by piece, values always bound, never spliced.
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
                let v = values.next().unwrap_or_default();
                // Numbers compare as numbers (lock times).
                self.params.push(match v.parse::<i64>() {
                    Ok(n) => Value::Integer(n),
                    Err(_) => Value::Text(v),
                });
                self.sql.push_str(&format!("?{}", self.params.len()));
            } else {
                self.sql.push(c);
            }
        }
    }
}

/// Prints tickets in the chosen form; `actor` decides the "wrote since you
/// looked" marker.
pub fn print_tickets(tickets: &[Ticket], actor: &str, json: bool, csv: bool) -> Result<()> {
    if json {
        #[derive(serde::Serialize)]
        struct Row<'a> {
            #[serde(flatten)]
            ticket: &'a Ticket,
            unseen: bool,
        }
        let rows: Vec<Row> = tickets
            .iter()
            .map(|t| Row {
                ticket: t,
                unseen: t.unseen_by(actor),
            })
            .collect();
        render::out(&render::json(&rows));
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
                &render::csv_text(&from_of(t)),
                &render::csv_text(&t.title),
                &render::csv_text(&t.state),
                &render::csv_text(&t.queue),
                &render::csv_text(t.owner.as_deref().unwrap_or("")),
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
            let mark = if t.unseen_by(actor) { "*" } else { "" };
            let state = match t.lock_holder(now) {
                Some(who) => format!("{} (locked: {who})", t.state),
                None => t.state.clone(),
            };
            vec![
                format!("{}{mark}", t.number),
                render::age(t.created_at, now),
                safe_text(&from_of(t), true),
                safe_text(&t.title, true),
                state,
                safe_text(&t.queue, true),
                safe_text(t.owner.as_deref().unwrap_or_default(), true),
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
