//! `tix contact import|list|show`: the member list as contacts. Mail from
//! any of a contact's addresses is theirs; `customer:ID|ADDR|ORG` finds
//! their tickets; `tix bounce list --contacts` joins the bounce record.

use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::render::{self, safe_text};
use crate::store::contacts::{self, Contact};
use crate::store::{now, tickets};
use std::path::PathBuf;

/// The people tickets are for: imported from the member list
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Read contacts from a CSV file (a contact imported again is replaced);
    /// without FILE, put the config's `contacts:` in the store (config apply does too)
    Import {
        file: Option<PathBuf>,
        /// The file's columns: id=COL,name=COL,email=COL[;COL…],org=COL,inactive=COL
        /// (default: the columns named id, name, email or e-mail, org, inactive);
        /// every other column is kept as a free field
        #[arg(long, value_name = "MAP")]
        map: Option<String>,
    },
    /// Every contact
    List {
        #[arg(long)]
        json: bool,
    },
    /// A contact (by id, address or organisation) with every ticket, open ones first
    Show {
        key: String,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    match &args.action {
        Action::Import {
            file: Some(file),
            map,
        } => import(ctx, file, map.as_deref()),
        Action::Import { file: None, map } => {
            if map.is_some() {
                return Err(TixError::usage(
                    "--map names the columns of a CSV file: give the file",
                ));
            }
            let mut store = ctx.open_store()?;
            let (written, removed) =
                store.write(|tx| contacts::sync_config(tx, &ctx.config.contacts, now()))?;
            if !ctx.quiet {
                eprintln!(
                    "tix: {written} contact(s) from the config, {removed} no longer in it removed"
                );
            }
            Ok(())
        }
        Action::List { json } => {
            let store = ctx.open_store()?;
            print(&contacts::all(&store.conn)?, *json);
            Ok(())
        }
        Action::Show { key, json } => show(ctx, key, *json),
    }
}

fn import(ctx: &Ctx, file: &std::path::Path, map: Option<&str>) -> Result<()> {
    let members = super::bounce_members::read(file, map)?;
    let mut store = ctx.open_store()?;
    let at = now();
    let n = members.len();
    let source = file.display().to_string();
    store.write(|tx| {
        for m in &members {
            let c = Contact {
                id: m.id.clone(),
                name: m.name.clone(),
                org: m.org.clone(),
                addresses: m.addresses.clone(),
                inactive: m.inactive.clone(),
                fields: serde_json::Value::Object(m.fields.clone()),
            };
            contacts::save(tx, &c, &source, at)?;
        }
        Ok(())
    })?;
    if !ctx.quiet {
        eprintln!("tix: {n} contact(s) imported from {}", file.display());
    }
    Ok(())
}

fn print(list: &[Contact], json: bool) {
    if json {
        render::out(&render::json(&list));
        return;
    }
    let rows = list
        .iter()
        .map(|c| {
            vec![
                safe_text(&c.id, true),
                safe_text(&c.name, true),
                safe_text(c.org.as_deref().unwrap_or(""), true),
                safe_text(&c.addresses.join(", "), true),
            ]
        })
        .collect();
    render::out(&render::table(
        &["Id", "Name", "Organisation", "Addresses"],
        rows,
    ));
}

fn show(ctx: &Ctx, key: &str, json: bool) -> Result<()> {
    let store = ctx.open_store()?;
    let found = contacts::find(&store.conn, key)?;
    if found.is_empty() {
        return Err(TixError::failure(format!(
            "no contact {key:?} (an id, an address or an organisation)"
        )));
    }
    #[derive(serde::Serialize)]
    struct Shown<'a> {
        #[serde(flatten)]
        contact: &'a Contact,
        tickets: Vec<tickets::Ticket>,
    }
    let mut shown = Vec::new();
    for c in &found {
        let mut list = tickets_of(&store.conn, c)?;
        // Open ones first, then the newest.
        list.sort_by_key(|t| {
            (
                !(t.state_type.is_open() || t.state_type.is_pending()),
                -t.created_at,
            )
        });
        shown.push(Shown {
            contact: c,
            tickets: list,
        });
    }
    if json {
        render::out(&render::json(&shown));
        return Ok(());
    }
    let mut s = String::new();
    for x in &shown {
        s.push_str(&format!(
            "{} {}{}\n{}\n",
            safe_text(&x.contact.id, true),
            safe_text(&x.contact.name, true),
            x.contact
                .org
                .as_deref()
                .map(|o| format!(" ({})", safe_text(o, true)))
                .unwrap_or_default(),
            safe_text(&x.contact.addresses.join(", "), true)
        ));
        for t in &x.tickets {
            s.push_str(&format!(
                "  {}  {}  {}\n",
                t.number,
                t.state,
                safe_text(&t.title, true)
            ));
        }
    }
    render::out(&s);
    Ok(())
}

fn tickets_of(conn: &crate::store::Db, c: &Contact) -> Result<Vec<tickets::Ticket>> {
    let mut out = Vec::new();
    for id in crate::store::contacts::ticket_ids(conn, &c.id)? {
        out.push(tickets::ticket_by_id(conn, id)?);
    }
    Ok(out)
}
