//! `tix bounce list --members FILE.csv`: the bounce record per member of
//! the member list. A member may have several addresses; an address two
//! members share is listed under both; a bounce that named the member
//! (VERP, a list header) counts for that member whatever address it named.
//! Members whose every address is held are listed apart: reach them by post.

use super::bounce::Format;
use crate::bounces::policy;
use crate::error::{Result, TixError};
use crate::render::{self, safe_text};
use crate::store::bounce_record::Entry;
use std::path::Path;

pub struct Member {
    pub id: String,
    pub name: String,
    /// Lower-cased.
    pub addresses: Vec<String>,
    /// Addresses kept but no longer written to (lower-cased).
    pub inactive: Vec<String>,
    pub org: Option<String>,
    /// The file's other columns, by their header.
    pub fields: serde_json::Map<String, serde_json::Value>,
}

/// The columns, from `id=COL,name=COL,email=COL;COL`.
struct Columns {
    id: Vec<String>,
    name: Vec<String>,
    email: Vec<String>,
    org: Vec<String>,
    inactive: Vec<String>,
}

fn columns(map: Option<&str>) -> Result<Columns> {
    let mut c = Columns {
        id: vec!["id".into(), "member_id".into()],
        name: vec!["name".into()],
        email: vec!["email".into(), "e-mail".into()],
        org: vec!["org".into(), "organisation".into(), "organization".into()],
        inactive: vec!["inactive".into()],
    };
    for part in map
        .unwrap_or("")
        .split(',')
        .filter(|p| !p.trim().is_empty())
    {
        let (key, cols) = part.split_once('=').ok_or_else(|| {
            TixError::usage(format!(
                "--map {part:?}: write KEY=COLUMN (id, name, email, org or inactive)"
            ))
        })?;
        let cols: Vec<String> = cols.split(';').map(|c| c.trim().to_string()).collect();
        match key.trim() {
            "id" => c.id = cols,
            "name" => c.name = cols,
            "email" => c.email = cols,
            "org" => c.org = cols,
            "inactive" => c.inactive = cols,
            other => {
                return Err(TixError::usage(format!(
                    "--map: {other:?} is not a column tix reads; id, name, email, org or inactive"
                )))
            }
        }
    }
    Ok(c)
}

/// The contacts in the store, as members.
pub fn from_contacts(contacts: Vec<crate::store::contacts::Contact>) -> Vec<Member> {
    contacts
        .into_iter()
        .map(|c| Member {
            id: c.id,
            name: c.name,
            addresses: c.addresses,
            inactive: c.inactive,
            org: c.org,
            fields: Default::default(),
        })
        .collect()
}

/// Reads the member list (a CSV file: `tix bounce list --members`,
/// `tix contact import`).
pub fn read(file: &Path, map: Option<&str>) -> Result<Vec<Member>> {
    let cols = columns(map)?;
    let opened = std::fs::File::open(file).map_err(|e| TixError::input(file, e))?;
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(opened);
    let headers = reader
        .headers()
        .map_err(|e| TixError::bad_data(format!("{}: {e}", file.display())))?
        .clone();
    let find = |names: &[String]| -> Vec<usize> {
        names
            .iter()
            .filter_map(|n| {
                headers
                    .iter()
                    .position(|h| h.trim().eq_ignore_ascii_case(n))
            })
            .collect()
    };
    let (id, name, email, org, inactive) = (
        find(&cols.id),
        find(&cols.name),
        find(&cols.email),
        find(&cols.org),
        find(&cols.inactive),
    );
    // Every other column is a free field of the contact.
    let read: Vec<usize> = [&id, &name, &email, &org, &inactive]
        .into_iter()
        .flatten()
        .copied()
        .collect();
    let free: Vec<(usize, String)> = headers
        .iter()
        .enumerate()
        .filter(|(i, h)| !read.contains(i) && !h.trim().is_empty())
        .map(|(i, h)| (i, h.trim().to_string()))
        .collect();
    if id.is_empty() || email.is_empty() {
        return Err(TixError::usage(format!(
            "{}: no {} column (its columns: {}); name them with --map id=COLUMN,email=COLUMN",
            file.display(),
            if id.is_empty() {
                "member id"
            } else {
                "address"
            },
            headers.iter().collect::<Vec<_>>().join(", ")
        )));
    }
    let mut members = Vec::new();
    for (line, row) in reader.records().enumerate() {
        let row = row.map_err(|e| TixError::bad_data(format!("{}: {e}", file.display())))?;
        let get = |i: &usize| row.get(*i).unwrap_or("").trim().to_string();
        let Some(member_id) = id.first().map(get).filter(|v| !v.is_empty()) else {
            return Err(TixError::bad_data(format!(
                "{}:{}: no member id",
                file.display(),
                line + 2
            )));
        };
        let addresses_in = |cols: &[usize]| -> Vec<String> {
            cols.iter()
                .map(get)
                .flat_map(|v| {
                    v.split([';', ',', ' '])
                        .map(|a| a.trim().to_lowercase())
                        .filter(|a| a.contains('@'))
                        .collect::<Vec<_>>()
                })
                .collect()
        };
        let inactive = addresses_in(&inactive);
        let addresses = addresses_in(&email)
            .into_iter()
            .filter(|a| !inactive.contains(a))
            .collect();
        members.push(Member {
            id: member_id,
            name: name.first().map(get).unwrap_or_default(),
            addresses,
            inactive,
            org: org.first().map(get).filter(|o| !o.is_empty()),
            fields: free
                .iter()
                .map(|(i, h)| (h.clone(), get(i)))
                .filter(|(_, v)| !v.is_empty())
                .map(|(h, v)| (h, serde_json::Value::String(v)))
                .collect(),
        });
    }
    Ok(members)
}

/// One member's address as the record has it.
#[derive(serde::Serialize)]
struct Row<'a> {
    member: &'a str,
    name: &'a str,
    address: &'a str,
    state: &'a str,
    reason: Option<&'a str>,
    status: Option<&'a str>,
    #[serde(serialize_with = "crate::dates::serialize_opt_ts")]
    last_bounce: Option<i64>,
    /// Every address of the member is held or removed.
    reach_by_post: bool,
}

pub fn print(
    members: &[Member],
    record: &[Entry],
    state: Option<&str>,
    format: Format,
) -> Result<()> {
    let held = |e: &Entry| e.state == policy::HOLD || e.state == policy::REMOVED;
    let mut rows: Vec<Row> = Vec::new();
    for m in members {
        // The member's addresses, and those a bounce named the member at.
        let mine: Vec<&Entry> = record
            .iter()
            .filter(|e| {
                let a = e.address.to_lowercase();
                m.addresses.contains(&a)
                    || m.inactive.contains(&a)
                    || e.member.as_deref() == Some(m.id.as_str())
            })
            .collect();
        // No address left to write to: every active one is held, or only
        // inactive ones are known.
        let post = if m.addresses.is_empty() {
            !m.inactive.is_empty()
        } else {
            m.addresses.iter().all(|a| {
                mine.iter()
                    .any(|e| e.address.eq_ignore_ascii_case(a) && held(e))
            })
        };
        for e in mine {
            if e.state == policy::OK || state.is_some_and(|s| e.state != s) {
                continue;
            }
            rows.push(Row {
                member: &m.id,
                name: &m.name,
                address: &e.address,
                state: &e.state,
                reason: e.reason.as_deref(),
                status: e.status.as_deref(),
                last_bounce: e.last_bounce,
                reach_by_post: post,
            });
        }
    }
    match format {
        Format::Json => render::print_json_list(&rows),
        Format::Csv => {
            let mut w = csv::Writer::from_writer(vec![]);
            let _ = w.write_record([
                "member",
                "name",
                "address",
                "state",
                "reason",
                "status",
                "last_bounce",
                "reach_by_post",
            ]);
            for r in &rows {
                let _ = w.write_record([
                    render::csv_text(r.member),
                    render::csv_text(r.name),
                    render::csv_text(r.address),
                    r.state.to_string(),
                    r.reason.unwrap_or("").to_string(),
                    r.status.unwrap_or("").to_string(),
                    r.last_bounce.map(render::iso).unwrap_or_default(),
                    r.reach_by_post.to_string(),
                ]);
            }
            render::out(&super::bounce::csv_text(w)?);
        }
        Format::Table => {
            let line = |r: &Row| {
                vec![
                    safe_text(r.member, true),
                    safe_text(r.name, true),
                    safe_text(r.address, true),
                    r.state.to_string(),
                    r.reason.unwrap_or("").to_string(),
                    r.last_bounce.map(render::datetime).unwrap_or_default(),
                ]
            };
            let head = ["Member", "Name", "Address", "State", "Reason", "Last"];
            let mut s = render::table(
                &head,
                rows.iter().filter(|r| !r.reach_by_post).map(line).collect(),
            );
            let post: Vec<_> = rows.iter().filter(|r| r.reach_by_post).map(line).collect();
            if !post.is_empty() {
                s.push_str("\nreach by post (every address held):\n");
                s.push_str(&render::table(&head, post));
            }
            render::out(&s);
        }
        _ => {
            return Err(TixError::usage(
                "with --members: --format table, csv or json (the exports read the record alone)",
            ))
        }
    }
    Ok(())
}
