//! A person's data in the store, found by their addresses: the tickets
//! where they are the customer, every article that names them (as sender,
//! recipient, in its text or in its original message), the outbox, the
//! bounce record and the contacts; and their erasure (GDPR Art. 17) in the
//! caller's one transaction. Addresses are compared in lower case.

use super::db::{params, Db, Value};
use crate::error::Result;

/// Where a person's data is.
#[derive(Debug, Default, Clone)]
pub struct Footprint {
    /// Tickets whose customer they are.
    pub tickets: Vec<i64>,
    /// Articles in other tickets that name them: (article, ticket).
    pub articles_elsewhere: Vec<(i64, i64)>,
    /// Outbox rows to or about them.
    pub outbox: Vec<i64>,
    pub bounce_events: i64,
    pub contacts: Vec<String>,
}

/// `expr` contains `needle` (a lower-case text parameter), as each
/// database says it.
fn contains(conn: &Db, expr: &str, param: usize) -> String {
    if conn.is_postgres() {
        format!("strpos(lower({expr}), ?{param}) > 0")
    } else {
        format!("instr(lower({expr}), ?{param}) > 0")
    }
}

fn ids(conn: &Db, sql: &str, values: &[Value]) -> Result<Vec<i64>> {
    let rows = conn
        .prepare(sql)?
        .query_map(&super::db::param_refs(values), |r| r.get(0))?
        .collect::<Result<_>>()?;
    Ok(rows)
}

/// The contacts that have one of `addresses`, and all their addresses.
pub fn contacts_of(conn: &Db, addresses: &[String]) -> Result<(Vec<String>, Vec<String>)> {
    let mut contacts = Vec::new();
    for a in addresses {
        let found: Vec<String> = conn
            .prepare("SELECT contact_id FROM contact_addresses WHERE address = ?1")?
            .query_map(params![a], |r| r.get(0))?
            .collect::<Result<_>>()?;
        for c in found {
            if !contacts.contains(&c) {
                contacts.push(c);
            }
        }
    }
    let mut all: Vec<String> = addresses.to_vec();
    for c in &contacts {
        let more: Vec<String> = conn
            .prepare("SELECT address FROM contact_addresses WHERE contact_id = ?1")?
            .query_map(params![c], |r| r.get(0))?
            .collect::<Result<_>>()?;
        for a in more {
            let a = a.to_lowercase();
            if !all.contains(&a) {
                all.push(a);
            }
        }
    }
    Ok((contacts, all))
}

/// Everything the store holds about the person with these (lower-case)
/// addresses.
pub fn footprint(conn: &Db, addresses: &[String], contacts: &[String]) -> Result<Footprint> {
    let mut f = Footprint {
        contacts: contacts.to_vec(),
        ..Footprint::default()
    };
    for a in addresses {
        let text = vec![Value::Text(a.clone())];
        for id in ids(
            conn,
            "SELECT id FROM tickets WHERE lower(customer_address) = ?1 ORDER BY id",
            &text,
        )? {
            if !f.tickets.contains(&id) {
                f.tickets.push(id);
            }
        }
        // Any article naming the address, in what tix read of it…
        let named = format!(
            "SELECT id, ticket_id FROM articles WHERE lower(from_addr) = ?1 OR {} OR {} OR {} OR {}",
            contains(conn, "coalesce(to_addrs, '')", 1),
            contains(conn, "coalesce(cc_addrs, '')", 1),
            contains(conn, "subject", 1),
            contains(conn, "body", 1),
        );
        let mut found: Vec<(i64, i64)> = conn
            .prepare(&named)?
            .query_map(params![a], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_>>()?;
        // …or only in its original message (a Reply-To, a forwarded part).
        let in_raw = if conn.is_postgres() {
            "SELECT a.id, a.ticket_id FROM articles a JOIN raw_messages r ON r.id = a.raw_id
             WHERE position(?1 IN r.bytes) > 0"
        } else {
            "SELECT a.id, a.ticket_id FROM articles a JOIN raw_messages r ON r.id = a.raw_id
             WHERE instr(r.bytes, ?1) > 0"
        };
        found.extend(
            conn.prepare(in_raw)?
                .query_map(params![a.as_bytes()], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<Vec<(i64, i64)>>>()?,
        );
        for (article, ticket) in found {
            if !f.articles_elsewhere.iter().any(|(x, _)| *x == article) {
                f.articles_elsewhere.push((article, ticket));
            }
        }
        let outbox = format!(
            "SELECT id FROM outbox WHERE lower(recipient) = ?1 OR {} ORDER BY id",
            contains(conn, "envelope_to", 1)
        );
        for id in ids(conn, &outbox, &text)? {
            if !f.outbox.contains(&id) {
                f.outbox.push(id);
            }
        }
        f.bounce_events += conn.query_row(
            "SELECT count(*) FROM bounce_events WHERE lower(address) = ?1",
            params![a],
            |r| r.get::<i64>(0),
        )?;
    }
    f.tickets.sort_unstable();
    // Articles of their own tickets are theirs already.
    f.articles_elsewhere
        .retain(|(_, ticket)| !f.tickets.contains(ticket));
    f.articles_elsewhere.sort_unstable();
    for &t in &f.tickets {
        for id in ids(
            conn,
            "SELECT id FROM outbox WHERE ticket_id = ?1",
            &[Value::Int(t)],
        )? {
            if !f.outbox.contains(&id) {
                f.outbox.push(id);
            }
        }
    }
    f.outbox.sort_unstable();
    Ok(f)
}

/// What an erased text, name or address becomes.
pub const ERASED: &str = "[erased]";
pub const ERASED_ADDRESS: &str = "erased@erased.invalid";

/// Drops what an article's original message and the full-text index hold
/// of it: the message (unless another article keeps it), attachments, the
/// index entry.
fn forget_article_sources(conn: &Db, article: i64) -> Result<()> {
    let forget = if conn.is_postgres() {
        "DELETE FROM articles_fts WHERE article_id = ?1"
    } else {
        "DELETE FROM articles_fts WHERE rowid = ?1"
    };
    conn.execute(forget, params![article])?;
    conn.execute(
        "DELETE FROM attachments WHERE article_id = ?1",
        params![article],
    )?;
    let raw: Option<i64> = conn
        .query_opt(
            "SELECT raw_id FROM articles WHERE id = ?1",
            params![article],
            |r| r.get(0),
        )?
        .flatten();
    conn.execute(
        "UPDATE articles SET raw_id = NULL WHERE id = ?1",
        params![article],
    )?;
    if let Some(r) = raw {
        super::changes::drop_unused_raw(conn, r)?;
    }
    Ok(())
}

/// An article of a ticket that stays for statistics: every text replaced.
pub fn anonymise_article(conn: &Db, article: i64) -> Result<()> {
    forget_article_sources(conn, article)?;
    conn.execute(
        "UPDATE articles SET from_name = NULL, from_addr = CASE WHEN from_addr IS NULL THEN NULL ELSE ?2 END,
             to_addrs = CASE WHEN to_addrs IS NULL THEN NULL ELSE ?2 END,
             cc_addrs = CASE WHEN cc_addrs IS NULL THEN NULL ELSE ?2 END,
             subject = ?3, body = ?3, message_id = NULL, in_reply_to = NULL, refs = NULL
         WHERE id = ?1",
        params![article, ERASED_ADDRESS, ERASED],
    )?;
    Ok(())
}

/// What an article says of people: from name and address, to, cc,
/// subject, body.
type ArticleTexts = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    String,
);

/// A history row's old value, new value and detail.
type Values = [Option<String>; 3];

/// An article of someone else's ticket that names the person: their
/// addresses and names replaced in what tix read of it, its original
/// message and attachments dropped (they carry the person too), and the
/// full-text index made again from what is left.
pub fn blank_out_in_article(
    conn: &Db,
    article: i64,
    addresses: &[String],
    names: &[String],
) -> Result<()> {
    forget_article_sources(conn, article)?;
    let row: Option<ArticleTexts> =
        conn.query_opt(
            "SELECT from_name, from_addr, to_addrs, cc_addrs, subject, body FROM articles WHERE id = ?1",
            params![article],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )?;
    let Some((from_name, from_addr, to, cc, subject, body)) = row else {
        return Ok(());
    };
    let clean = |text: &str| blank_out(text, addresses, names);
    let from_is_them = from_addr
        .as_deref()
        .is_some_and(|a| addresses.contains(&a.to_lowercase()));
    let from_name = if from_is_them {
        None
    } else {
        from_name.map(|n| clean(&n))
    };
    let from_addr = from_addr.map(|a| clean(&a));
    let (to, cc) = (to.map(|t| clean(&t)), cc.map(|c| clean(&c)));
    let (subject, body) = (clean(&subject), clean(&body));
    conn.execute(
        "UPDATE articles SET from_name = ?2, from_addr = ?3, to_addrs = ?4, cc_addrs = ?5,
             subject = ?6, body = ?7 WHERE id = ?1",
        params![article, from_name, from_addr, to, cc, subject, body],
    )?;
    super::articles::index_article(
        conn,
        article,
        &subject,
        &super::articles::Addresses {
            from_name: from_name.as_deref(),
            from_addr: from_addr.as_deref(),
            to: to.as_deref(),
            cc: cc.as_deref(),
        },
        &body,
    )
}

/// `text` with each of `addresses` and `names` replaced, regardless of case.
pub fn blank_out(text: &str, addresses: &[String], names: &[String]) -> String {
    blank_out_as(text, addresses, names, ERASED)
}

fn blank_out_as(text: &str, addresses: &[String], names: &[String], name_mark: &str) -> String {
    let mut out = text.to_string();
    for (what, by) in addresses
        .iter()
        .map(|a| (a, ERASED_ADDRESS))
        .chain(names.iter().map(|n| (n, name_mark)))
    {
        if what.trim().is_empty() {
            continue;
        }
        let pattern = format!("(?i){}", regex::escape(what));
        if let Ok(re) = regex::Regex::new(&pattern) {
            out = re.replace_all(&out, by).into_owned();
        }
    }
    out
}

/// A ticket of the person's kept for statistics: its title and customer
/// replaced, its articles anonymised, the texts of its history blanked.
pub fn anonymise_ticket(
    conn: &Db,
    ticket: i64,
    addresses: &[String],
    names: &[String],
) -> Result<()> {
    let articles = ids(
        conn,
        "SELECT id FROM articles WHERE ticket_id = ?1",
        &[Value::Int(ticket)],
    )?;
    for a in articles {
        anonymise_article(conn, a)?;
    }
    conn.execute(
        "UPDATE tickets SET title = ?2, customer_address = ?3, customer_name = NULL WHERE id = ?1",
        params![ticket, ERASED, ERASED_ADDRESS],
    )?;
    blank_out_history(conn, Some(ticket), addresses, names)?;
    conn.execute(
        "DELETE FROM digest_items WHERE ticket_id = ?1",
        params![ticket],
    )?;
    Ok(())
}

/// History values naming the person, of one ticket or of all.
pub fn blank_out_history(
    conn: &Db,
    ticket: Option<i64>,
    addresses: &[String],
    names: &[String],
) -> Result<usize> {
    let mut changed = 0;
    let needles: Vec<&String> = addresses.iter().chain(names.iter()).collect();
    for needle in needles {
        if needle.trim().is_empty() {
            continue;
        }
        let needle = needle.to_lowercase();
        let mut sql = format!(
            "SELECT id, old_value, new_value, detail FROM history WHERE ({} OR {} OR {})",
            contains(conn, "coalesce(old_value, '')", 1),
            contains(conn, "coalesce(new_value, '')", 1),
            contains(conn, "coalesce(detail, '')", 1),
        );
        let mut values = vec![Value::Text(needle.clone())];
        if let Some(t) = ticket {
            sql.push_str(" AND ticket_id = ?2");
            values.push(Value::Int(t));
        }
        let rows: Vec<(i64, Values)> = conn
            .prepare(&sql)?
            .query_map(&super::db::param_refs(&values), |r| {
                Ok((r.get(0)?, [r.get(1)?, r.get(2)?, r.get(3)?]))
            })?
            .collect::<Result<_>>()?;
        for (id, [old, new, detail]) in rows {
            let clean = |v: Option<String>| v.map(|v| blank_out(&v, addresses, names));
            conn.execute(
                "UPDATE history SET old_value = ?2, new_value = ?3, detail = ?4 WHERE id = ?1",
                params![id, clean(old), clean(new), clean(detail)],
            )?;
            changed += 1;
        }
    }
    Ok(changed)
}

/// The configuration versions kept in the store (contacts: in them name
/// the person): blanked out as well, with a mark that keeps YAML valid, so
/// the version in force still loads.
pub fn blank_out_config_versions(conn: &Db, addresses: &[String], names: &[String]) -> Result<()> {
    let rows: Vec<(i64, String)> = conn
        .prepare("SELECT id, files FROM config_versions")?
        .query_map(params![], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_>>()?;
    for (id, files) in rows {
        let clean = blank_out_as(&files, addresses, names, "erased");
        if clean != files {
            conn.execute(
                "UPDATE config_versions SET files = ?2 WHERE id = ?1",
                params![id, clean],
            )?;
        }
    }
    Ok(())
}

/// The outbox rows: unsent ones go, sent ones keep their time and lose
/// recipient, text and bytes.
pub fn erase_outbox(conn: &Db, rows: &[i64]) -> Result<()> {
    for &id in rows {
        conn.execute(
            "DELETE FROM outbox WHERE id = ?1 AND sent_at IS NULL",
            params![id],
        )?;
        conn.execute(
            "UPDATE outbox SET recipient = ?2, envelope_to = ?2, outgoing = '{}', bytes = ?3
             WHERE id = ?1",
            params![id, ERASED_ADDRESS, &[] as &[u8]],
        )?;
    }
    Ok(())
}

/// The bounce record, the hard-bounce list, the probes and the contacts.
pub fn erase_records(conn: &Db, addresses: &[String], contacts: &[String]) -> Result<()> {
    for a in addresses {
        for table in [
            "bounce_events",
            "bounce_addresses",
            "bounced_addresses",
            "bounce_probes",
        ] {
            conn.execute(
                &format!("DELETE FROM {table} WHERE lower(address) = ?1"),
                params![a],
            )?;
        }
        conn.execute(
            "DELETE FROM contact_addresses WHERE lower(address) = ?1",
            params![a],
        )?;
    }
    for c in contacts {
        conn.execute(
            "DELETE FROM contact_addresses WHERE contact_id = ?1",
            params![c],
        )?;
        conn.execute("DELETE FROM contacts WHERE id = ?1", params![c])?;
    }
    Ok(())
}

/// Data-protection actions, kept without the data: who, when, what kind,
/// how much.
pub fn log(conn: &Db, at: i64, actor: &str, action: &str, summary: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO data_protection_log (at, actor, action, summary) VALUES (?1, ?2, ?3, ?4)",
        params![at, actor, action, summary],
    )?;
    Ok(())
}

/// Reclaims the space of deleted data so that none of it stays in the
/// files: the full-text index merged into one segment (deleted entries
/// leave it), the file rewritten, the write-ahead log emptied; on
/// PostgreSQL a full vacuum of every table.
pub fn compact(conn: &Db) -> Result<()> {
    if conn.is_postgres() {
        conn.execute_batch("VACUUM FULL")?;
    } else {
        conn.execute_batch(
            "INSERT INTO articles_fts(articles_fts) VALUES ('optimize');
             PRAGMA secure_delete = ON;
             VACUUM;
             PRAGMA wal_checkpoint(TRUNCATE);",
        )?;
    }
    Ok(())
}

/// Those of `contacts` that come from the config (contacts.yaml): `tix
/// config apply` would bring them back.
pub fn from_config(conn: &Db, contacts: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for c in contacts {
        let source: Option<String> = conn.query_opt(
            "SELECT source FROM contacts WHERE id = ?1",
            params![c],
            |r| r.get(0),
        )?;
        if source.as_deref() == Some("config") {
            out.push(c.clone());
        }
    }
    Ok(out)
}

/// The names the person went by: their contacts', their tickets', and
/// those they wrote under.
pub fn names(conn: &Db, addresses: &[String], contacts: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |n: Option<String>| {
        if let Some(n) = n
            .map(|n| n.trim().to_string())
            .filter(|n| n.chars().count() > 2)
        {
            if !out.iter().any(|o| o.eq_ignore_ascii_case(&n)) {
                out.push(n);
            }
        }
    };
    for c in contacts {
        add(
            conn.query_opt("SELECT name FROM contacts WHERE id = ?1", params![c], |r| {
                r.get(0)
            })?,
        );
    }
    for a in addresses {
        for sql in [
            "SELECT DISTINCT customer_name FROM tickets WHERE lower(customer_address) = ?1",
            "SELECT DISTINCT from_name FROM articles WHERE lower(from_addr) = ?1",
        ] {
            let found: Vec<Option<String>> = conn
                .prepare(sql)?
                .query_map(params![a], |r| r.get(0))?
                .collect::<Result<_>>()?;
            for n in found {
                add(n);
            }
        }
    }
    Ok(out)
}
