//! `tix store`: the store as a whole (copying it to another database, and
//! moving to one).

use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::store::Store;
use std::path::PathBuf;

/// Work on the store as a whole
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Copy the whole store into a new, empty one (an SQLite file or a
    /// postgres:// URL): tickets, articles, raw messages, attachments,
    /// history, tags, IMAP folder state and outbox; verified at the end
    Copy {
        /// The new store: an SQLite file or postgres://USER@HOST/DATABASE
        #[arg(long, value_name = "STORE")]
        to: PathBuf,
        /// Print what was copied as JSON
        #[arg(long)]
        json: bool,
    },
    /// Move to another store: copy into a new one (or, into the copy made
    /// before, the mail that arrived here since), then mark this one as
    /// moved: from then on every write here is refused, naming the new
    /// store (exit 75 for intake, so an MTA keeps the mail until its pipe
    /// names the new store); reads still work
    Move {
        /// The new store: an SQLite file or postgres://USER@HOST/DATABASE
        #[arg(long, value_name = "STORE")]
        to: PathBuf,
    },
    /// Remove deleted data from the store's files: the full-text index
    /// merged (deleted words leave it), the file rewritten and its
    /// write-ahead log emptied (SQLite), every table vacuumed in full
    /// (PostgreSQL). Run it after `tix person erase` or `tix purge`; it
    /// holds the store for as long as it takes
    Compact,
    /// The database role of each agent and the queues it may see; with
    /// --sync, make the roles, their grants and the row-level security
    /// policies on a PostgreSQL store from the config (queues[].access), so
    /// that an agent connected as its role (postgres://tix_anna@…) sees
    /// only its queues' tickets, mail and history, in tix or in psql
    Roles {
        /// Create and update the roles and policies (run as the store's owner)
        #[arg(long)]
        sync: bool,
    },
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    match &args.action {
        Action::Roles { sync } => roles(ctx, *sync),
        Action::Compact => {
            let store = ctx.open_store()?;
            let path = store.path.clone();
            let before = store_size(&path);
            crate::store::person::compact(&store.conn)?;
            store.close();
            if !ctx.quiet {
                match (before, store_size(&path)) {
                    (Some(b), Some(a)) => println!("compacted: {b} bytes before, {a} bytes now"),
                    _ => println!("compacted"),
                }
            }
            Ok(())
        }
        Action::Move { to } => {
            refuse_password(to)?;
            move_to(ctx, to)
        }
        Action::Copy { to, json } => {
            refuse_password(to)?;
            let from = ctx.open_store()?;
            let target = Store::create(to)?;
            let verbose = ctx.verbose;
            let copied = crate::store::copy::copy(&from, &target, &|table, rows| {
                if verbose {
                    eprintln!("tix: {table}: {rows} rows copied");
                }
            })?;
            if *json {
                crate::render::out(&crate::render::json(&copied));
            } else if !ctx.quiet {
                let counts: Vec<String> = copied
                    .iter()
                    .filter(|c| c.rows > 0)
                    .map(|c| format!("{} {}", c.rows, c.table))
                    .collect();
                println!(
                    "copied to {} and verified: {}",
                    target.path.display(),
                    if counts.is_empty() {
                        "an empty store".to_string()
                    } else {
                        counts.join(", ")
                    }
                );
            }
            Ok(())
        }
    }
}

/// Each agent's role and the restricted queues it may see (and change).
fn roles(ctx: &Ctx, sync: bool) -> Result<()> {
    use crate::store::roles::{role_name, RolePlan};
    let config = &ctx.config;
    let restricted: Vec<String> = config
        .queues
        .iter()
        .filter(|q| q.access.is_some())
        .map(|q| q.name.clone())
        .collect();
    let plans: Vec<RolePlan> = config
        .agents
        .iter()
        .map(|a| RolePlan {
            agent: a.name.clone(),
            role: role_name(&a.name),
            queues: restricted
                .iter()
                .filter(|q| config.may_read(&a.name, q))
                .map(|q| (q.clone(), config.may_write(&a.name, q)))
                .collect(),
        })
        .collect();
    if sync {
        let mut store = ctx.open_store()?;
        store.write(|tx| crate::store::roles::sync(tx, &restricted, &plans))?;
        if !ctx.quiet {
            println!(
                "{} role(s) and the row-level security of {} restricted queue(s) synced",
                plans.len(),
                restricted.len()
            );
        }
        return Ok(());
    }
    let rows = plans
        .iter()
        .map(|p| {
            let hidden: Vec<&String> = restricted
                .iter()
                .filter(|q| !p.queues.iter().any(|(v, _)| v == *q))
                .collect();
            let read_only: Vec<&String> = p
                .queues
                .iter()
                .filter(|(_, w)| !w)
                .map(|(q, _)| q)
                .collect();
            let list = |l: &[&String]| {
                if l.is_empty() {
                    "-".to_string()
                } else {
                    l.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                }
            };
            vec![
                p.agent.clone(),
                p.role.clone(),
                list(&hidden),
                list(&read_only),
            ]
        })
        .collect();
    crate::render::out(&crate::render::table(
        &["AGENT", "ROLE", "HIDDEN QUEUES", "READ ONLY"],
        rows,
    ));
    Ok(())
}

/// An SQLite store's file and write-ahead log, in bytes.
fn store_size(path: &std::path::Path) -> Option<u64> {
    if crate::store::is_server(path) {
        return None;
    }
    let file = std::fs::metadata(path).ok()?.len();
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    Some(file + std::fs::metadata(&wal).map_or(0, |m| m.len()))
}

fn refuse_password(to: &std::path::Path) -> Result<()> {
    if crate::location::has_password(&to.to_string_lossy()) {
        return Err(TixError::usage(
            "--to: a password never goes in a store's URL (the command line shows in ps and the shell's history); give it in TIX_DB_PASSWORD, PGPASSWORD or ~/.pgpass",
        ));
    }
    Ok(())
}

/// `store move`: the whole store into an empty target; into a copy made
/// before, the mail that arrived here since (filed there as new mail, a
/// message the target holds never twice); then this store marked moved.
/// This store's writer lock is held throughout, so nothing arrives here
/// between the copy and the mark (intake meanwhile gets "busy", exit 75).
fn move_to(ctx: &Ctx, to: &std::path::Path) -> Result<()> {
    let from = ctx.open_store_even_if_moved()?;
    if let Some(new) = crate::store::moved_to(&from.conn)? {
        return Err(TixError::failure(format!(
            "this store has moved to {new} already"
        )));
    }
    if to == ctx.db_path {
        return Err(TixError::usage("--to names this store itself"));
    }
    let mut target = Store::create(to)?;
    let shown = target.path.display().to_string();
    let shown = crate::location::display_url(&shown);
    from.conn.begin()?;
    let result = (|| -> Result<String> {
        let done = if crate::store::copy::is_empty(&target)? {
            let copied = crate::store::copy::copy(&from, &target, &|_, _| {})?;
            let tickets = copied
                .iter()
                .find(|c| c.table == "tickets")
                .map_or(0, |c| c.rows);
            format!("copied the store ({tickets} tickets) to {shown}")
        } else {
            // Counted before this filing adds history of its own.
            let changes = crate::store::copy::changes_after(&from.conn, &target.conn)?;
            let intake = crate::intake::Intake::new(&ctx.config, ctx.rules.clone());
            let mut filed = 0;
            for raw_id in crate::store::copy::mail_not_in(&from.conn, &target.conn)? {
                let (source, bytes) =
                    crate::store::raw_messages::source_and_bytes(&from.conn, raw_id)?;
                let message = crate::sources::RawMessage {
                    source,
                    bytes,
                    cut_from: None,
                    uid: None,
                };
                let prepared = crate::intake::prepare(message, intake.max_size, &ctx.rules);
                intake.commit_alone(&mut target, &prepared)?;
                filed += 1;
            }
            if changes > 0 {
                ctx.warn(&format!(
                    "{changes} change(s) made here after the copy (notes, states, replies) are not carried over; tix history shows them on this store"
                ));
            }
            format!("filed {filed} message(s) that arrived here since the copy into {shown}")
        };
        crate::store::mark_moved(&from.conn, &shown)?;
        Ok(done)
    })();
    match result {
        Ok(done) => {
            from.conn.commit()?;
            if !ctx.quiet {
                println!("{done}; this store is marked as moved there: point every --db, TIX_DB, store: and MTA pipe at {shown}");
            }
            Ok(())
        }
        Err(e) => {
            let _ = from.conn.rollback();
            Err(e)
        }
    }
}
