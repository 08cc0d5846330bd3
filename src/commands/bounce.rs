//! `tix bounce`: the treasurer's bounce record. Each address a report named
//! has its verdicts (date, reason, status, the message), a score and a state
//! (ok → watch → hold → removed, with the date of each); `list` joins it
//! with the member list and exports it for CiviCRM, listmonk and Mailman;
//! `round` writes once more to the addresses on watch.

use crate::bounces::policy::{self, Policy};
use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::render::{self, safe_text};
use crate::store::bounce_record::{self as record, Entry, NewEvent};
use crate::store::now;
use std::path::PathBuf;

/// The bounce record: each address's bounces, score and state
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// The addresses in the record, with state, score and last bounce
    List(ListArgs),
    /// Every verdict about an address, with the message each came from
    Show {
        address: String,
        /// Print the raw mail of verdict K (as numbered in the list)
        #[arg(long, value_name = "K")]
        raw: Option<usize>,
        #[arg(long)]
        json: bool,
    },
    /// The address works (the member confirmed it): state ok, score 0
    Clear {
        #[arg(required = true)]
        addresses: Vec<String>,
    },
    /// The address was taken off the member list: state removed
    Remove {
        #[arg(required = true)]
        addresses: Vec<String>,
    },
    /// Write once more to each address on watch (a snippet, through the
    /// outbox, under the probe return path); a probe that bounces holds it
    Round {
        /// The answer snippet to send
        #[arg(long, value_name = "NAME", add = clap_complete::ArgValueCandidates::new(crate::cli::complete::snippets))]
        snippet: String,
        /// The probes' subject
        #[arg(long, value_name = "TEXT")]
        subject: String,
        /// Send as this queue (its sender, salutation and signature)
        #[arg(long, value_name = "QUEUE", add = clap_complete::ArgValueCandidates::new(crate::cli::complete::queues))]
        queue: Option<String>,
        /// Print who would be written to, send nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Read the delivery reports already in the store into the record
    /// (a store that held bounces before the record existed)
    Rescan,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only addresses in this state
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(policy::STATES))]
    state: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// The same as --format json
    #[arg(long, conflicts_with = "format")]
    json: bool,
    /// The member list (CSV): one row per member with the record's state of
    /// each of their addresses; members whose every address is held listed
    /// apart (reach by post)
    #[arg(long, value_name = "FILE.csv", conflicts_with = "contacts")]
    members: Option<PathBuf>,
    /// The same with the store's contacts as the member list (tix contact import)
    #[arg(long)]
    contacts: bool,
    /// The member list's columns: id=COL,name=COL,email=COL[;COL…]
    /// (default: the columns named id, name and email or e-mail)
    #[arg(long, value_name = "MAP", requires = "members")]
    map: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    /// One address per line
    Addresses,
    /// CiviCRM's email fields (email, on_hold, hold_date) with the member
    /// as external_identifier, for its import
    Civicrm,
    /// listmonk's bounce webhook (POST /webhooks/bounce), one JSON object
    /// per address
    Listmonk,
    /// Mailman 3's `mailman delmembers -f`: one address per line, held and
    /// removed ones only
    Mailman,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let policy = &ctx.config.bounce_policy;
    match &args.action {
        Action::List(l) => list(ctx, policy, l),
        Action::Show { address, raw, json } => show(ctx, address, *raw, *json),
        Action::Clear { addresses } => mark(ctx, policy, addresses, "cleared"),
        Action::Remove { addresses } => mark(ctx, policy, addresses, "removed"),
        Action::Round {
            snippet,
            subject,
            queue,
            dry_run,
        } => round(ctx, policy, snippet, subject, queue.as_deref(), *dry_run),
        Action::Rescan => rescan(ctx),
    }
}

fn entries(ctx: &Ctx, policy: &Policy, state: Option<&str>) -> Result<Vec<Entry>> {
    let store = ctx.open_store()?;
    let now = now();
    // Read all and filter after decay: a watch gone quiet is ok today.
    let all = record::entries(&store.conn, None)?;
    Ok(all
        .into_iter()
        .map(|e| policy.effective(e, now))
        .filter(|e| state.is_none_or(|s| e.state == s))
        .collect())
}

fn list(ctx: &Ctx, policy: &Policy, args: &ListArgs) -> Result<()> {
    let format = if args.json { Format::Json } else { args.format };
    let state = args.state.as_deref();
    let members = match &args.members {
        Some(file) => Some(super::bounce_members::read(file, args.map.as_deref())?),
        None if args.contacts => {
            let store = ctx.open_store()?;
            let all = crate::store::contacts::all(&store.conn)?;
            Some(super::bounce_members::from_contacts(all))
        }
        None => None,
    };
    if let Some(members) = members {
        let all = entries(ctx, policy, None)?;
        return super::bounce_members::print(&members, &all, state, format);
    }
    let rows = entries(ctx, policy, state)?;
    print_entries(&rows, format)
}

pub(super) fn print_entries(rows: &[Entry], format: Format) -> Result<()> {
    let held = |e: &&Entry| e.state == policy::HOLD || e.state == policy::REMOVED;
    match format {
        Format::Json => render::print_json_list(rows),
        Format::Addresses => render::out(
            &rows
                .iter()
                .map(|e| format!("{}\n", e.address))
                .collect::<String>(),
        ),
        Format::Mailman => render::out(
            &rows
                .iter()
                .filter(held)
                .map(|e| format!("{}\n", e.address))
                .collect::<String>(),
        ),
        Format::Listmonk => {
            let hooks: Vec<serde_json::Value> = rows
                .iter()
                .filter(|e| e.state != policy::OK)
                .map(|e| {
                    let meta = serde_json::json!({
                        "state": e.state, "reason": e.reason, "status": e.status,
                        "member": e.member, "source_tool": "tix",
                    });
                    serde_json::json!({
                        "email": e.address,
                        "source": "tix",
                        "type": if e.hard { "hard" } else { "soft" },
                        "meta": meta.to_string(),
                    })
                })
                .collect();
            render::out(&render::json(&hooks));
        }
        Format::Civicrm => {
            let mut w = csv::Writer::from_writer(vec![]);
            let _ = w.write_record(["external_identifier", "email", "on_hold", "hold_date"]);
            for e in rows.iter().filter(held) {
                let since = e.hold_since.or(e.removed_at);
                let _ = w.write_record([
                    render::csv_text(e.member.as_deref().unwrap_or("")),
                    render::csv_text(&e.address),
                    // CiviCRM: 1 = on hold for bouncing.
                    "1".to_string(),
                    since
                        .map(|t| crate::render::datetime_as(t, "%Y-%m-%d %H:%M:%S"))
                        .unwrap_or_default(),
                ]);
            }
            render::out(&csv_text(w)?);
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(vec![]);
            let _ = w.write_record([
                "address",
                "state",
                "score",
                "hard",
                "reason",
                "status",
                "last_bounce",
                "watch_since",
                "hold_since",
                "removed_at",
                "member",
            ]);
            let ts = |t: Option<i64>| t.map(render::iso).unwrap_or_default();
            for e in rows {
                let _ = w.write_record([
                    render::csv_text(&e.address),
                    e.state.clone(),
                    e.score.to_string(),
                    e.hard.to_string(),
                    e.reason.clone().unwrap_or_default(),
                    e.status.clone().unwrap_or_default(),
                    ts(e.last_bounce),
                    ts(e.watch_since),
                    ts(e.hold_since),
                    ts(e.removed_at),
                    render::csv_text(e.member.as_deref().unwrap_or("")),
                ]);
            }
            render::out(&csv_text(w)?);
        }
        Format::Table => {
            let table = rows
                .iter()
                .map(|e| {
                    vec![
                        safe_text(&e.address, true),
                        e.state.clone(),
                        e.score.to_string(),
                        e.reason.clone().unwrap_or_default(),
                        e.status.clone().unwrap_or_default(),
                        e.last_bounce.map(render::datetime).unwrap_or_default(),
                        since_of(e).map(render::datetime).unwrap_or_default(),
                        safe_text(e.member.as_deref().unwrap_or(""), true),
                    ]
                })
                .collect();
            render::out(&render::table(
                &[
                    "Address", "State", "Score", "Reason", "Status", "Last", "Since", "Member",
                ],
                table,
            ));
        }
    }
    Ok(())
}

/// Since when the address is in its state.
fn since_of(e: &Entry) -> Option<i64> {
    match e.state.as_str() {
        policy::WATCH => e.watch_since,
        policy::HOLD => e.hold_since,
        policy::REMOVED => e.removed_at,
        _ => None,
    }
}

pub(super) fn csv_text(w: csv::Writer<Vec<u8>>) -> Result<String> {
    let bytes = w
        .into_inner()
        .map_err(|e| TixError::failure(e.to_string()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn show(ctx: &Ctx, address: &str, raw: Option<usize>, json: bool) -> Result<()> {
    let store = ctx.open_store()?;
    let Some(entry) = record::entry_of(&store.conn, address)? else {
        return Err(TixError::failure(format!(
            "{address} is not in the bounce record"
        )));
    };
    let entry = ctx.config.bounce_policy.effective(entry, now());
    let events = record::events(&store.conn, address)?;
    if let Some(k) = raw {
        let Some(e) = events.iter().find(|e| e.index == k) else {
            return Err(TixError::usage(format!(
                "{address} has no verdict {k}; it has {}",
                events.len()
            )));
        };
        let Some(raw_id) = e.raw_id else {
            return Err(TixError::failure(format!(
                "verdict {k} of {address} has no message kept (purged, or set by hand)"
            )));
        };
        let bytes = crate::store::raw_messages::raw_bytes(&store.conn, raw_id)?;
        use std::io::Write;
        let _ = std::io::stdout().write_all(&bytes);
        return Ok(());
    }
    if json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            #[serde(flatten)]
            entry: &'a Entry,
            events: &'a [record::Event],
        }
        render::out(&render::json(&Out {
            entry: &entry,
            events: &events,
        }));
        return Ok(());
    }
    let mut s = format!(
        "{}: {} (score {}){}\n",
        safe_text(&entry.address, true),
        entry.state,
        entry.score,
        since_of(&entry)
            .map(|t| format!(" since {}", render::datetime(t)))
            .unwrap_or_default()
    );
    if let Some(m) = &entry.member {
        s.push_str(&format!("member {}\n", safe_text(m, true)));
    }
    let table = events
        .iter()
        .map(|e| {
            vec![
                e.index.to_string(),
                render::datetime(e.at),
                e.kind.clone(),
                if e.hard { "hard" } else { "" }.to_string(),
                e.reason.clone().unwrap_or_default(),
                e.status.clone().unwrap_or_default(),
                format!("+{}", e.score),
                e.ticket.clone().unwrap_or_default(),
            ]
        })
        .collect();
    s.push_str(&render::table(
        &[
            "#", "Date", "Verdict", "", "Reason", "Status", "Score", "Ticket",
        ],
        table,
    ));
    s.push_str(&format!(
        "the message of verdict K: tix bounce show {} --raw K\n",
        entry.address
    ));
    render::out(&s);
    Ok(())
}

/// `cleared` (the address works) or `removed` (taken off the list), by
/// the acting agent, as an event of its own.
fn mark(ctx: &Ctx, policy: &Policy, addresses: &[String], kind: &str) -> Result<()> {
    let mut store = ctx.open_store()?;
    let now = now();
    let actor = ctx.agent()?.to_string();
    store.write(|tx| {
        for address in addresses {
            let mut e = match record::entry_of(tx, address)? {
                Some(e) => e,
                None if kind == "removed" => Policy::fresh(address),
                None => {
                    return Err(TixError::failure(format!(
                        "{address} is not in the bounce record"
                    )))
                }
            };
            if kind == "removed" {
                e.state = policy::REMOVED.into();
                e.removed_at = Some(now);
            } else {
                policy.works(&mut e, true);
            }
            record::add_event(
                tx,
                &NewEvent {
                    address,
                    at: now,
                    kind,
                    hard: false,
                    reason: None,
                    status: Some(&format!("by {actor}")),
                    score: 0.0,
                    raw_id: None,
                    ticket: None,
                    member: None,
                },
            )?;
            record::save(tx, &e)?;
            crate::store::contacts::set_active(tx, address, kind != "removed")?;
        }
        Ok(())
    })?;
    if !ctx.quiet {
        eprintln!("tix: {} address(es) {kind}", addresses.len());
    }
    Ok(())
}

fn round(
    ctx: &Ctx,
    policy: &Policy,
    snippet: &str,
    subject: &str,
    queue: Option<&str>,
    dry_run: bool,
) -> Result<()> {
    let probe = policy.members.probe.as_ref().ok_or_else(|| {
        TixError::usage(
            "bounce round needs bounce_policy.probe_from (e.g. bounces+probe-{token}@example.org): \
             the return path its probes' bounces come back to",
        )
    })?;
    let snippet = ctx
        .config
        .snippet(snippet)
        .ok_or_else(|| TixError::usage(format!("no snippet {snippet:?}")))?
        .clone();
    let queue = queue.map(|q| ctx.queue_arg(q)).transpose()?;
    // Once per address: one written to since its last bounce is still
    // being waited on (its probe may yet bounce).
    let watched: Vec<Entry> = entries(ctx, policy, Some(policy::WATCH))?
        .into_iter()
        .filter(|e| {
            e.probe_sent_at
                .is_none_or(|p| e.last_bounce.is_some_and(|b| b > p))
        })
        .collect();
    if dry_run {
        let mut s = String::new();
        for e in &watched {
            s.push_str(&format!("would write to {}\n", e.address));
        }
        s.push_str(&format!("bounce round: {} to write to\n", watched.len()));
        render::out(&s);
        return Ok(());
    }
    let mut store = ctx.open_store()?;
    let now = now();
    let written = store.write(|tx| {
        let mut written = Vec::new();
        for e in &watched {
            let token = crate::send::notify::probe_token(&e.address, now);
            let envelope_from = probe.0.replace("{token}", &token);
            crate::send::notify::probe(
                tx,
                &ctx.config,
                queue.as_deref(),
                (&snippet, subject),
                &e.address,
                &envelope_from,
                now,
            )?;
            record::add_probe(tx, &token, &e.address, now)?;
            let mut entry = e.clone();
            entry.probe_sent_at = Some(now);
            record::save(tx, &entry)?;
            written.push(e.address.clone());
        }
        Ok(written)
    })?;
    let sent = ctx.send_due(&mut store)?;
    let held = entries(ctx, policy, Some(policy::HOLD))?;
    let mut s = String::new();
    for a in &written {
        s.push_str(&format!("written to {a}\n"));
    }
    for e in &held {
        s.push_str(&format!("to remove: {}\n", e.address));
    }
    s.push_str(&format!(
        "bounce round: written to {}, sent {}, on hold (to remove) {}\n",
        written.len(),
        sent.sent,
        held.len()
    ));
    render::out(&s);
    Ok(())
}

fn rescan(ctx: &Ctx) -> Result<()> {
    let mut store = ctx.open_store()?;
    let n = store.write(|tx| crate::bounces::record::rescan(tx, &ctx.config.bounce_policy))?;
    if !ctx.quiet {
        eprintln!("tix: the bounce record learnt of {n} address verdict(s)");
    }
    Ok(())
}
