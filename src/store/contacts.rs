//! Contacts: the people tickets are for, as the member list has them (an
//! identifier, a name, an organisation, free fields) with their addresses.
//! Mail from any of a contact's addresses is that contact's.

use super::db::{params, Db};
use crate::error::Result;

// The contact is the config's word (contacts.yaml); the store keeps it.
pub use crate::config::Contact;

/// Where the contacts of the config in force are said to come from.
pub const FROM_CONFIG: &str = "config";

/// Writes `c`, read from `source` (its addresses replace those it had).
pub fn save(conn: &Db, c: &Contact, source: &str, now: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO contacts (id, name, org, fields, updated_at, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, org = excluded.org,
             fields = excluded.fields, updated_at = excluded.updated_at, source = excluded.source",
        params![c.id, c.name, c.org, c.fields.to_string(), now, source],
    )?;
    conn.execute(
        "DELETE FROM contact_addresses WHERE contact_id = ?1",
        params![c.id],
    )?;
    for (address, inactive) in c
        .addresses
        .iter()
        .map(|a| (a, false))
        .chain(c.inactive.iter().map(|a| (a, true)))
    {
        conn.execute(
            "INSERT INTO contact_addresses (contact_id, address, inactive) VALUES (?1, ?2, ?3)
             ON CONFLICT (contact_id, address) DO NOTHING",
            params![c.id, address.to_lowercase(), inactive as i64],
        )?;
    }
    Ok(())
}

/// Makes the contacts from the config exactly `list`: those the config
/// no longer names go (imported ones stay). How many were written and
/// removed.
pub fn sync_config(conn: &Db, list: &[Contact], now: i64) -> Result<(usize, usize)> {
    let before: Vec<String> = conn
        .prepare("SELECT id FROM contacts WHERE source = ?1")?
        .query_map(params![FROM_CONFIG], |r| r.get(0))?
        .collect::<Result<_>>()?;
    let mut removed = 0;
    for id in before
        .iter()
        .filter(|id| !list.iter().any(|c| &c.id == *id))
    {
        conn.execute(
            "DELETE FROM contact_addresses WHERE contact_id = ?1",
            params![id],
        )?;
        conn.execute("DELETE FROM contacts WHERE id = ?1", params![id])?;
        removed += 1;
    }
    for c in list {
        save(conn, c, FROM_CONFIG, now)?;
    }
    Ok((list.len(), removed))
}

/// Marks `address` inactive (the bounce record removed it: kept, shown,
/// no longer written to) or active again (cleared), for every contact
/// that has it.
pub fn set_active(conn: &Db, address: &str, active: bool) -> Result<usize> {
    conn.execute(
        "UPDATE contact_addresses SET inactive = ?2 WHERE address = lower(?1) AND inactive <> ?2",
        params![address, (!active) as i64],
    )
}

fn with_addresses(
    conn: &Db,
    id: String,
    name: String,
    org: Option<String>,
    fields: String,
) -> Result<Contact> {
    let rows: Vec<(String, i64)> = conn
        .prepare(
            "SELECT address, inactive FROM contact_addresses WHERE contact_id = ?1
             ORDER BY inactive, address",
        )?
        .query_map(params![id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_>>()?;
    Ok(Contact {
        addresses: rows
            .iter()
            .filter(|r| r.1 == 0)
            .map(|r| r.0.clone())
            .collect(),
        inactive: rows
            .iter()
            .filter(|r| r.1 != 0)
            .map(|r| r.0.clone())
            .collect(),
        fields: serde_json::from_str(&fields).unwrap_or_default(),
        id,
        name,
        org,
    })
}

/// The contacts `key` names: by identifier, else by address, else by
/// organisation (several).
pub fn find(conn: &Db, key: &str) -> Result<Vec<Contact>> {
    let ids: Vec<String> = conn
        .prepare(
            "SELECT id FROM contacts WHERE id = ?1
             UNION SELECT contact_id FROM contact_addresses WHERE address = lower(?1)
             UNION SELECT id FROM contacts WHERE lower(org) = lower(?1)
             ORDER BY 1",
        )?
        .query_map(params![key], |r| r.get(0))?
        .collect::<Result<_>>()?;
    ids.into_iter().map(|id| by_id(conn, &id)).collect()
}

pub fn by_id(conn: &Db, id: &str) -> Result<Contact> {
    conn.query_row(
        "SELECT id, name, org, fields FROM contacts WHERE id = ?1",
        params![id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
    .and_then(|(id, name, org, fields)| with_addresses(conn, id, name, org, fields))
}

/// Every contact, by identifier.
pub fn all(conn: &Db) -> Result<Vec<Contact>> {
    let rows: Vec<(String, String, Option<String>, String)> = conn
        .prepare("SELECT id, name, org, fields FROM contacts ORDER BY id")?
        .query_map(params![], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<_>>()?;
    rows.into_iter()
        .map(|(id, name, org, fields)| with_addresses(conn, id, name, org, fields))
        .collect()
}

/// The tickets for any of contact `id`'s addresses (merged and removed
/// ones left out).
pub fn ticket_ids(conn: &Db, id: &str) -> Result<Vec<i64>> {
    conn.prepare(
        "SELECT t.id FROM tickets t
         WHERE lower(t.customer_address) IN (SELECT address FROM contact_addresses WHERE contact_id = ?1)
           AND t.state_type NOT IN ('merged', 'removed')
         ORDER BY t.created_at DESC",
    )?
    .query_map(params![id], |r| r.get(0))?
    .collect()
}
