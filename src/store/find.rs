//! Finding tickets: a resolved query ([`Filter`]) turned into SQL over
//! `tickets t`, with the listing's scope, order and limit. The one path for
//! `list`, `search`, `--where` and bounce-report's tickets; values are
//! always bound, never spliced.

use super::db::params;
use super::db::{param_refs, Db, Value};
use super::tickets::{ticket_from_row, Ticket, TICKET_COLUMNS};
use crate::error::{Result, TixError};
use crate::query::filter::{Cmp, Filter, Leading, Role};

/// The order of a listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Created,
    Updated,
    Priority,
    Number,
    Queue,
    State,
    /// The escalation time, soonest first (tickets on the clock only).
    Escalation,
}

/// What to find, and how to hand it back.
pub struct Find<'a> {
    pub filter: &'a Filter,
    /// Only tickets still being worked on (new, open, pending).
    pub open_only: bool,
    pub order: Order,
    pub descending: bool,
    pub limit: Option<u64>,
    /// The query as typed, for messages.
    pub text: &'a str,
    /// Pending reminders due at this instant come first (an agent's own list).
    pub due_first: Option<i64>,
}

/// The tickets a listing shows (deleted ones never).
pub fn tickets(conn: &Db, find: &Find) -> Result<Vec<Ticket>> {
    let mut sql = Sql::for_db(conn);
    let on_the_clock;
    let filter = if find.order == Order::Escalation {
        on_the_clock = find.filter.clone().and(Filter::OnTheClock);
        &on_the_clock
    } else {
        find.filter
    };
    compile(filter, &mut sql);
    restrict(conn, &mut sql);
    // The plain listing (open tickets, oldest first, nothing else asked)
    // reads the oldest from the partial index of open tickets (migration 8)
    // and stops at the limit; left to itself, SQLite sorts every open ticket.
    // So does a plain listing in any other order, from the partial index
    // of open tickets in that order (migration 22).
    let plain = find.open_only && matches!(find.filter, Filter::All) && find.due_first.is_none();
    let plain_index = match find.order {
        Order::Created => Some("tickets_open_by_age"),
        Order::Priority => Some("tickets_open_by_priority"),
        Order::State => Some("tickets_open_by_status"),
        Order::Updated => Some("tickets_open_by_update"),
        Order::Queue => Some("tickets_open_by_queue_name"),
        Order::Number => Some("tickets_open_by_number"),
        Order::Escalation => None,
    };
    let index = if let Some(name) = plain_index.filter(|_| plain) {
        format!(" INDEXED BY {name}")
    } else {
        // A listing that needs an escalation time, an agent's tickets: few
        // among the open ones, read from their own index rather than every
        // open ticket (SQLite's own choice, with or without statistics).
        match filter.leading() {
            Some(Leading::EscalationTime) => " INDEXED BY tickets_escalation",
            Some(Leading::LockHolder) => " INDEXED BY tickets_locked_by",
            Some(Leading::Owner) => " INDEXED BY tickets_owner_any_case",
            Some(Leading::Responsible) => " INDEXED BY tickets_responsible_any_case",
            None => "",
        }
        .to_string()
    };
    let mut matching = format!(
        "FROM tickets t{index} WHERE t.state_type <> 'removed' AND {}",
        sql.clause
    );
    if find.open_only {
        // Listed positively, so the (queue, state_type) index narrows the
        // scan; written exactly as the partial index tickets_open_by_age
        // (migration 8) is, so that SQLite reads the oldest ones from it.
        matching.push_str(
            " AND t.state_type IN ('new', 'open', 'pending-reminder', 'pending-auto-close')",
        );
    }
    let column = match find.order {
        Order::Created => "t.created_at",
        Order::Updated => "t.updated_at",
        Order::Priority => "t.priority",
        Order::Number => "t.number",
        Order::Queue => "t.queue",
        Order::State => "t.state",
        Order::Escalation => "t.escalation_at",
    };
    let dir = if find.descending { "DESC" } else { "ASC" };
    let mut order = String::from(" ORDER BY ");
    if let Some(now) = find.due_first {
        let now = sql.int(now);
        order.push_str(&format!(
            "(t.state_type = 'pending-reminder' AND t.pending_until <= {now}) DESC, "
        ));
    }
    order.push_str(&format!("{column} {dir}, t.id {dir}"));
    let q = match find.limit {
        // The page is chosen by id first, and only its tickets get their
        // columns (tags, merge target): SQLite would make them for every
        // candidate it sorts.
        Some(n) => format!(
            "SELECT {TICKET_COLUMNS} FROM tickets t WHERE t.id IN \
             (SELECT t.id {matching}{order} LIMIT {n}){order}"
        ),
        None => format!("SELECT {TICKET_COLUMNS} {matching}{order}"),
    };
    let mut stmt = conn.prepare(&q)?;
    let rows = stmt
        .query_map(&param_refs(&sql.params), ticket_from_row)
        .map_err(|e| fts_error(e, find.text))?;
    rows.collect::<Result<_>>()
        .map_err(|e| fts_error(e, find.text))
}

/// Ids of the tickets matching `filter` (deleted ones never; with
/// `open_only`, those [`tickets`] lists by default), oldest first.
pub fn ticket_ids(conn: &Db, filter: &Filter, text: &str, open_only: bool) -> Result<Vec<i64>> {
    let mut sql = Sql::for_db(conn);
    compile(filter, &mut sql);
    restrict(conn, &mut sql);
    let open = if open_only {
        " AND t.state_type IN ('new', 'open', 'pending-reminder', 'pending-auto-close')"
    } else {
        ""
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT t.id FROM tickets t WHERE t.state_type <> 'removed' AND {}{open} ORDER BY t.created_at, t.id",
        sql.clause
    ))?;
    let rows = stmt
        .query_map(&param_refs(&sql.params), |r| r.get(0))
        .map_err(|e| fts_error(e, text))?;
    rows.collect::<Result<_>>().map_err(|e| fts_error(e, text))
}

/// Whether ticket `id` meets `filter` (a hook's query at its event).
pub fn ticket_meets(conn: &Db, filter: &Filter, text: &str, id: i64) -> Result<bool> {
    let mut sql = Sql::for_db(conn);
    compile(filter, &mut sql);
    restrict(conn, &mut sql);
    let at = sql.int(id);
    let mut stmt = conn.prepare(&format!(
        "SELECT 1 FROM tickets t WHERE t.id = {at} AND {}",
        sql.clause
    ))?;
    let found: Vec<i64> = stmt
        .query_map(&param_refs(&sql.params), |r| r.get(0))
        .map_err(|e| fts_error(e, text))?
        .collect::<Result<_>>()
        .map_err(|e| fts_error(e, text))?;
    Ok(!found.is_empty())
}

/// A stored original message of a matching ticket.
pub struct TicketMessage {
    pub raw_id: i64,
    pub ticket_id: i64,
    pub number: String,
}

/// The original messages of the tickets matching `filter`, oldest ticket
/// first, each ticket's in order.
pub fn ticket_messages(
    conn: &Db,
    filter: &Filter,
    text: &str,
    own_reports: bool,
) -> Result<Vec<TicketMessage>> {
    let mut sql = Sql::for_db(conn);
    compile(filter, &mut sql);
    restrict(conn, &mut sql);
    let own = if own_reports {
        ""
    } else {
        "AND a.report_of IS NULL"
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT a.raw_id, t.id, t.number FROM tickets t JOIN articles a ON a.ticket_id = t.id
         WHERE t.state_type <> 'removed' AND a.raw_id IS NOT NULL {own} AND {} ORDER BY t.created_at, t.id, a.id",
        sql.clause
    ))?;
    let rows = stmt
        .query_map(&param_refs(&sql.params), |r| {
            Ok(TicketMessage {
                raw_id: r.get(0)?,
                ticket_id: r.get(1)?,
                number: r.get(2)?,
            })
        })
        .map_err(|e| fts_error(e, text))?;
    rows.collect::<Result<_>>().map_err(|e| fts_error(e, text))
}

/// Walks the full-text index from the newest article back and keeps each
/// ticket that meets `rest`, until `limit` are found: a common word answers
/// as fast as a rare one.
pub fn newest_matching(
    conn: &Db,
    matcher: &str,
    rest: &Filter,
    limit: u64,
    text: &str,
) -> Result<Vec<Ticket>> {
    // Checked one ticket at a time: full-text terms look at that ticket's
    // articles only, instead of running their whole search for each one.
    let mut sql = Sql {
        per_ticket: true,
        ..Sql::for_db(conn)
    };
    compile(rest, &mut sql);
    restrict(conn, &mut sql);
    if conn.is_postgres() {
        return newest_matching_on_server(conn, matcher, sql, limit, text);
    }
    let id_param = sql.params.len() + 1;
    let mut check = conn.prepare(&format!(
        "SELECT {TICKET_COLUMNS} FROM tickets t WHERE t.id = ?{id_param} AND t.state_type <> 'removed' AND {}",
        sql.clause
    ))?;
    let mut seen = std::collections::HashSet::new();
    let mut found = Vec::new();
    conn.query_each(
        "SELECT a.ticket_id FROM articles_fts f JOIN articles a ON a.id = f.rowid
         WHERE articles_fts MATCH ?1 ORDER BY f.rowid DESC",
        params![matcher],
        |row| {
            let ticket_id: i64 = row.get(0)?;
            if !seen.insert(ticket_id) {
                return Ok(true);
            }
            let mut params = sql.params.clone();
            params.push(Value::Int(ticket_id));
            if let Some(t) = check.query_opt(&param_refs(&params), ticket_from_row)? {
                found.push(t);
            }
            Ok((found.len() as u64) < limit)
        },
    )
    .map_err(|e| fts_error(e, text))?;
    Ok(found)
}

/// [`newest_matching`] on PostgreSQL: the server runs one statement at a
/// time on a connection, so the walk goes a page of matching articles at a
/// time (newest first; a page twice the last), and each page's new tickets
/// are checked against `rest` in one statement.
fn newest_matching_on_server(
    conn: &Db,
    matcher: &str,
    sql: Sql,
    limit: u64,
    text: &str,
) -> Result<Vec<Ticket>> {
    let Some(query) = super::words::tsquery(matcher) else {
        return Ok(Vec::new());
    };
    let mut seen = std::collections::HashSet::new();
    let mut found = Vec::new();
    let mut before = i64::MAX;
    let mut page = limit.max(1).saturating_mul(4).min(5_000) as i64;
    loop {
        let matched: Vec<(i64, i64)> = conn
            .query_map(
                "SELECT f.article_id, a.ticket_id FROM articles_fts f
                 JOIN articles a ON a.id = f.article_id
                 WHERE f.doc @@ CAST(CAST(?1 AS text) AS tsquery) AND f.article_id < ?2
                 ORDER BY f.article_id DESC LIMIT ?3",
                params![query, before, page],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| fts_error(e, text))?;
        let candidates: Vec<i64> = matched
            .iter()
            .map(|(_, ticket)| *ticket)
            .filter(|ticket| seen.insert(*ticket))
            .collect();
        if !candidates.is_empty() {
            // Ids from the store itself, written into the statement.
            let ids = candidates
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            let mut kept: std::collections::HashMap<i64, Ticket> = conn
                .query_map(
                    &format!(
                        "SELECT {TICKET_COLUMNS} FROM tickets t WHERE t.id IN ({ids}) \
                         AND t.state_type <> 'removed' AND {}",
                        sql.clause
                    ),
                    &param_refs(&sql.params),
                    ticket_from_row,
                )
                .map_err(|e| fts_error(e, text))?
                .into_iter()
                .map(|t| (t.id, t))
                .collect();
            for id in candidates {
                if let Some(t) = kept.remove(&id) {
                    found.push(t);
                    if found.len() as u64 >= limit {
                        return Ok(found);
                    }
                }
            }
        }
        match matched.last() {
            Some((oldest, _)) if matched.len() as i64 == page => {
                before = *oldest;
                page = (page * 2).min(50_000);
            }
            _ => return Ok(found),
        }
    }
}

/// FTS5 rejects a few inputs (a lone "*"); say so as a query error.
fn fts_error(e: TixError, text: &str) -> TixError {
    match &e {
        TixError::Store { message, .. } if message.contains("fts5") => TixError::usage(format!(
            "query {text:?}: the full-text index cannot search this: {}",
            message.trim_start_matches("store: ")
        )),
        _ => e,
    }
}

/// A WHERE clause with its bound values.
#[derive(Debug, Default)]
struct Sql {
    clause: String,
    params: Vec<Value>,
    /// The clause is run for one ticket at a time (see [`newest_matching`]).
    per_ticket: bool,
    /// Full-text terms are said as PostgreSQL's index hears them.
    postgres: bool,
}

impl Sql {
    fn for_db(db: &Db) -> Sql {
        Sql {
            postgres: db.is_postgres(),
            ..Sql::default()
        }
    }

    fn bind(&mut self, v: Value) -> String {
        self.params.push(v);
        format!("?{}", self.params.len())
    }

    fn text(&mut self, s: &str) -> String {
        self.bind(Value::Text(s.to_string()))
    }

    fn int(&mut self, n: i64) -> String {
        self.bind(Value::Int(n))
    }
}

/// Leaves out the tickets of queues hidden from the acting agent.
fn restrict(conn: &Db, sql: &mut Sql) {
    let not_hidden = conn.not_hidden("t.queue", &mut sql.params);
    if !not_hidden.is_empty() {
        sql.clause = format!("({}){not_hidden}", sql.clause);
    }
}

fn compile(f: &Filter, sql: &mut Sql) {
    match f {
        Filter::All => sql.clause.push_str("TRUE"),
        Filter::And(parts) | Filter::Or(parts) if parts.is_empty() => sql.clause.push_str("TRUE"),
        // PostgreSQL plans a subquery per full-text term, each joined with
        // the others, in time that grows steeply (200 words: half a
        // minute); the terms of an AND are asked in one subquery instead.
        Filter::And(parts) if sql.postgres => {
            let mut texts: Vec<&str> = Vec::new();
            let mut others: Vec<Filter> = Vec::new();
            for p in parts {
                match p {
                    Filter::Text(m) if !texts.contains(&m.as_str()) => texts.push(m),
                    Filter::Text(_) => {}
                    other => others.push(other.clone()),
                }
            }
            if texts.len() < 2 {
                let mut all = others;
                all.extend(texts.iter().map(|m| Filter::Text(m.to_string())));
                return balanced(&all, " AND ", sql);
            }
            sql.clause.push('(');
            all_words_in_one_ticket(&texts, sql);
            if !others.is_empty() {
                sql.clause.push_str(" AND ");
                balanced(&others, " AND ", sql);
            }
            sql.clause.push(')');
        }
        Filter::And(parts) => balanced(parts, " AND ", sql),
        Filter::Or(parts) => balanced(parts, " OR ", sql),
        Filter::Not(inner) => {
            sql.clause.push_str("NOT (");
            compile(inner, sql);
            sql.clause.push(')');
        }
        Filter::Text(matcher) if sql.postgres => match super::words::tsquery(matcher) {
            None => sql.clause.push_str("FALSE"),
            Some(query) => {
                let p = sql.text(&query);
                let matches = format!("doc @@ CAST(CAST({p} AS text) AS tsquery)");
                sql.clause.push_str(&if sql.per_ticket {
                    format!(
                        "EXISTS (SELECT 1 FROM articles a JOIN articles_fts f ON f.article_id = a.id \
                         WHERE a.ticket_id = t.id AND f.{matches})"
                    )
                } else {
                    format!(
                        "t.id IN (SELECT a.ticket_id FROM articles a WHERE a.id IN \
                         (SELECT article_id FROM articles_fts WHERE {matches}))"
                    )
                });
            }
        },
        Filter::Text(matcher) if sql.per_ticket => {
            let p = sql.text(matcher);
            sql.clause.push_str(&format!(
                "EXISTS (SELECT 1 FROM articles a JOIN articles_fts f ON f.rowid = a.id \
                 WHERE a.ticket_id = t.id AND articles_fts MATCH {p})"
            ));
        }
        Filter::Text(matcher) => {
            let p = sql.text(matcher);
            sql.clause.push_str(&format!(
                "t.id IN (SELECT a.ticket_id FROM articles a WHERE a.id IN \
                 (SELECT rowid FROM articles_fts WHERE articles_fts MATCH {p}))"
            ));
        }
        Filter::QueueIn(queues) => {
            let marks: Vec<String> = queues.iter().map(|q| sql.text(q)).collect();
            sql.clause
                .push_str(&format!("t.queue IN ({})", marks.join(", ")));
        }
        Filter::State(name) => {
            let p = sql.text(name);
            sql.clause.push_str(&format!("t.state = {p}"));
        }
        Filter::StateType(t) => {
            let p = sql.text(t.as_str());
            sql.clause.push_str(&format!("t.state_type = {p}"));
        }
        Filter::Agent(role, who) => {
            let column = match role {
                Role::Owner => "owner",
                Role::Responsible => "responsible",
            };
            match who {
                None => sql.clause.push_str(&format!("t.{column} IS NULL")),
                Some(w) => {
                    let p = sql.text(w);
                    sql.clause
                        .push_str(&format!("t.{column} = {p} COLLATE NOCASE"));
                }
            }
        }
        Filter::Tag(tag) => {
            let p = sql.text(tag);
            sql.clause.push_str(&format!(
                "t.id IN (SELECT ticket_id FROM tags WHERE tag = {p})"
            ));
        }
        Filter::Priority(op, n) => {
            let p = sql.int(*n);
            sql.clause
                .push_str(&format!("t.priority {} {p}", operator(*op)));
        }
        Filter::Created(op, ts) => {
            let p = sql.int(*ts);
            sql.clause
                .push_str(&format!("t.created_at {} {p}", operator(*op)));
        }
        Filter::LockedAt(now) => {
            let now = sql.int(*now);
            sql.clause.push_str(&format!(
                "(t.locked_by IS NOT NULL AND t.locked_until > {now})"
            ));
        }
        Filter::UnlockedAt(now) => {
            let now = sql.int(*now);
            sql.clause
                .push_str(&format!("(t.locked_by IS NULL OR t.locked_until <= {now})"));
        }
        Filter::AvailableTo(agent, now) => {
            let me = sql.text(agent);
            let now = sql.int(*now);
            sql.clause.push_str(&format!(
                "(t.locked_by IS NULL OR t.locked_by = {me} COLLATE NOCASE OR t.locked_until <= {now})"
            ));
        }
        Filter::UnseenBy(agent) => {
            let me = sql.text(agent);
            sql.clause.push_str(&format!(
                "(t.responsible = {me} COLLATE NOCASE \
                 AND t.last_customer_at > coalesce(t.responsible_seen_at, 0))"
            ));
        }
        Filter::Pending => sql.clause.push_str("t.state_type LIKE 'pending-%'"),
        Filter::ReminderDueAt(now) => {
            let now = sql.int(*now);
            sql.clause.push_str(&format!(
                "(t.state_type = 'pending-reminder' AND t.pending_until <= {now})"
            ));
        }
        Filter::EscalatedAt(now) => {
            let now = sql.int(*now);
            sql.clause.push_str(&format!("t.escalation_at <= {now}"));
        }
        Filter::Escalation(op, at) => {
            let at = sql.int(*at);
            sql.clause
                .push_str(&format!("t.escalation_at {} {at}", operator(*op)));
        }
        Filter::OnTheClock => sql.clause.push_str("t.escalation_at IS NOT NULL"),
        Filter::Parent => sql
            .clause
            .push_str("t.id IN (SELECT a FROM links WHERE kind = 'parent')"),
        Filter::Child => sql
            .clause
            .push_str("t.id IN (SELECT b FROM links WHERE kind = 'parent')"),
        Filter::LinkedTo(number) => {
            let p = sql.text(number);
            sql.clause.push_str(&format!(
                "t.id IN (SELECT l.b FROM links l JOIN tickets x ON x.id = l.a WHERE x.number = {p} \
                 UNION SELECT l.a FROM links l JOIN tickets x ON x.id = l.b WHERE x.number = {p})"
            ));
        }
        Filter::Customer(key) => {
            let p = sql.text(key);
            sql.clause.push_str(&format!(
                "(lower(t.customer_address) = lower({p}) OR lower(t.customer_address) IN \
                 (SELECT address FROM contact_addresses WHERE contact_id = {p} OR contact_id IN \
                  (SELECT id FROM contacts WHERE lower(org) = lower({p}))))"
            ));
        }
        Filter::Undelivered => sql.clause.push_str(
            "EXISTS (SELECT 1 FROM articles u WHERE u.ticket_id = t.id AND u.undelivered IS NOT NULL)",
        ),
        Filter::LockedBy(agent, now) => {
            let me = sql.text(agent);
            let now = sql.int(*now);
            sql.clause.push_str(&format!(
                "(t.locked_by = {me} COLLATE NOCASE AND t.locked_until > {now})"
            ));
        }
        Filter::OverdueAt(now) => {
            let now = sql.int(*now);
            sql.clause.push_str(&format!(
                "(t.state_type LIKE 'pending-%' AND t.pending_until <= {now})"
            ));
        }
    }
}

fn operator(op: Cmp) -> &'static str {
    match op {
        Cmp::Lt => "<",
        Cmp::Le => "<=",
        Cmp::Eq => "=",
        Cmp::Ge => ">=",
        Cmp::Gt => ">",
    }
}

/// Tickets with an article matching each of `matchers` (not necessarily
/// the same article), as one subquery on PostgreSQL: the articles matching
/// any of them, grouped by ticket, kept where every one matched.
fn all_words_in_one_ticket(matchers: &[&str], sql: &mut Sql) {
    let mut queries = Vec::with_capacity(matchers.len());
    for m in matchers {
        match super::words::tsquery(m) {
            Some(q) => queries.push(q),
            // A term no word can match: no ticket has them all.
            None => return sql.clause.push_str("FALSE"),
        }
    }
    let any = queries
        .iter()
        .map(|q| format!("({q})"))
        .collect::<Vec<_>>()
        .join(" | ");
    let any = sql.text(&any);
    let each: Vec<String> = queries
        .iter()
        .map(|q| {
            let p = sql.text(q);
            format!("bool_or(f.doc @@ CAST(CAST({p} AS text) AS tsquery))")
        })
        .collect();
    let from = format!(
        "FROM articles a JOIN articles_fts f ON f.article_id = a.id \
         WHERE f.doc @@ CAST(CAST({any} AS text) AS tsquery)"
    );
    let every = each.join(" AND ");
    sql.clause.push_str(&if sql.per_ticket {
        format!("coalesce((SELECT {every} {from} AND a.ticket_id = t.id), FALSE)")
    } else {
        format!("t.id IN (SELECT a.ticket_id {from} GROUP BY a.ticket_id HAVING {every})")
    });
}

/// Joins `parts` as a balanced tree of parentheses: SQLite refuses
/// expressions deeper than 1,000, and a flat list of n terms is n deep.
fn balanced(parts: &[Filter], joiner: &str, sql: &mut Sql) {
    const FLAT: usize = 16;
    sql.clause.push('(');
    if parts.len() <= FLAT {
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                sql.clause.push_str(joiner);
            }
            compile(p, sql);
        }
    } else {
        let chunk = parts.len().div_ceil(FLAT);
        for (i, group) in parts.chunks(chunk).enumerate() {
            if i > 0 {
                sql.clause.push_str(joiner);
            }
            balanced(group, joiner, sql);
        }
    }
    sql.clause.push(')');
}

/// The newest open tickets' numbers and titles, at most `limit` (for
/// shell completion).
pub fn recent_open(conn: &Db, limit: u32) -> Result<Vec<(String, String)>> {
    let mut sql = Sql::for_db(conn);
    sql.clause.push_str("TRUE");
    restrict(conn, &mut sql);
    let limit = sql.int(i64::from(limit));
    let mut stmt = conn.prepare(&format!(
        "SELECT number, title FROM tickets t
         WHERE t.state_type IN ('new', 'open', 'pending-reminder', 'pending-auto-close') AND {}
         ORDER BY t.created_at DESC, t.id DESC LIMIT {limit}",
        sql.clause
    ))?;
    let rows = stmt.query_map(&param_refs(&sql.params), |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect::<Result<_>>()
}
