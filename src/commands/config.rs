//! `tix config check|apply|diff|history|paths`: the YAML folder is where
//! the configuration is edited; the store holds the one in force.

use crate::config::Snapshot;
use crate::context::{config_location, store_location};
use crate::error::{Result, TixError};
use crate::settings::Settings;
use crate::store::config_versions::{self, Version};
use crate::store::Store;
use std::path::Path;

/// Check the YAML configuration, make it the store's configuration in force, or show where tix looks
#[derive(Debug, clap::Args)]
#[command(
    long_about = "The configuration is edited in a folder of YAML files and put in force by \
`tix config apply`, which checks it and keeps it in the store: from then on every command on \
every machine, and an MTA's pipe with only --db, works with the configuration in force, and a \
half-edited file in the folder changes nothing until it is applied. The folder still says where \
the store is and how to reach it. A store with no configuration applied follows the folder, as \
it is read by each command.\n\n\
Edit, check, apply:\n  $EDITOR /etc/tix/queues.yaml\n  tix config check\n  tix config diff\n  \
tix config apply"
)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Report every problem as file:line:column: message (exit 2 if any), and whether the folder is the configuration in force
    Check,
    /// Check the folder and make it the store's configuration in force (a new version, with who and when)
    Apply,
    /// Show how the folder differs from the configuration in force (exit 1 if it does)
    Diff,
    /// Every version applied to the store: when, by whom, from where
    History {
        /// Print them as JSON
        #[arg(long)]
        json: bool,
    },
    /// Print the config and store locations in use
    Paths,
}

pub fn run(globals: &crate::context::Globals, args: &Args) -> Result<()> {
    let (path, explicit) = config_location(globals.config.as_ref());
    match args.action {
        Action::Paths => {
            println!("config: {}", path.display());
            let store = store_location(globals.db.as_ref(), globals.config.as_ref());
            let shown = match store.to_str() {
                Some(url) if crate::store::is_server(&store) => crate::location::display_url(url),
                _ => store.display().to_string(),
            };
            println!("store:  {shown}");
            Ok(())
        }
        Action::Check => check(globals, &path, explicit),
        Action::Apply => apply(globals, &path, explicit),
        Action::Diff => diff(globals, &path, explicit),
        Action::History { json } => history(globals, json),
    }
}

fn check(globals: &crate::context::Globals, path: &Path, explicit: bool) -> Result<()> {
    let snapshot = Snapshot::of_path(path, explicit)?;
    match Settings::check_snapshot(&snapshot).into_result() {
        Ok(Settings { config: c, .. }) => {
            if !globals.quiet {
                if c.sources.is_empty() {
                    println!("no config at {}: using built-in defaults", path.display());
                } else {
                    println!(
                        "ok: {} file(s), {} queues, {} agents, {} statuses",
                        c.sources.len(),
                        c.queues.len(),
                        c.agents.len(),
                        c.statuses.len()
                    );
                }
                if let Some(line) = in_force_line(globals, &snapshot) {
                    println!("{line}");
                }
            }
            let db = store_location(globals.db.as_ref(), globals.config.as_ref());
            if c.restricts_access() && !crate::store::is_server(&db) {
                eprintln!(
                    "note: queue access hides tickets in tix only: whoever can read {} reads every queue; its file permissions are the boundary (one store per confidentiality level, or PostgreSQL)",
                    db.display()
                );
            }
            report_intake_trouble(globals);
            Ok(())
        }
        Err(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            // With a configuration in force, the broken edit changes
            // nothing yet: say what is in force meanwhile.
            if let Some(v) = existing_store(globals)
                .and_then(|store| config_versions::in_force(&store.conn).ok().flatten())
            {
                eprintln!(
                    "in force: version {} ({}); this folder differs from it and is not applied",
                    v.version,
                    applied(&v)
                );
            }
            report_intake_trouble(globals);
            Err(TixError::usage(format!(
                "{} problem(s) in the config",
                problems.len()
            )))
        }
    }
}

/// The last time ingest could not take mail, if none was stored since.
fn report_intake_trouble(globals: &crate::context::Globals) {
    let trouble = existing_store(globals).and_then(|store| {
        crate::store::intake_trouble::unresolved(&store.conn)
            .ok()
            .flatten()
    });
    if let Some((at, text)) = trouble {
        eprintln!(
            "ingest could not take mail at {} (the MTA keeps it and retries): {text}",
            crate::render::datetime(at)
        );
    }
}

/// How the folder stands to the store's configuration in force, when the
/// store can be read.
fn in_force_line(globals: &crate::context::Globals, folder: &Snapshot) -> Option<String> {
    let store = existing_store(globals)?;
    let line = match config_versions::in_force(&store.conn).ok()? {
        None => "the store follows this folder (no configuration applied; tix config apply puts it in force)".to_string(),
        Some(v) if v.fingerprint == folder.fingerprint() => {
            format!("in force: this folder, as version {} ({})", v.version, applied(&v))
        }
        Some(v) => format!(
            "in force: version {} ({}); this folder differs from it: tix config diff, tix config apply",
            v.version,
            applied(&v)
        ),
    };
    Some(line)
}

fn applied(v: &Version) -> String {
    format!(
        "applied {} by {} from {}",
        crate::render::datetime(v.applied_at),
        v.applied_by,
        v.source
    )
}

/// The store the globals name, if there is one to open.
fn existing_store(globals: &crate::context::Globals) -> Option<Store> {
    let db = store_location(globals.db.as_ref(), globals.config.as_ref());
    if !crate::store::is_server(&db) && !db.exists() {
        return None;
    }
    Store::open(&db).ok()
}

fn apply(globals: &crate::context::Globals, path: &Path, explicit: bool) -> Result<()> {
    let db = store_location(globals.db.as_ref(), globals.config.as_ref());
    let store = Store::open(&db)?;
    let snapshot = Snapshot::of_path(path, explicit)?;
    let outcome = put_in_force(
        &store,
        &snapshot,
        path,
        &crate::context::acting_name(globals),
    )?;
    if !globals.quiet {
        println!("{outcome}");
    }
    Ok(())
}

/// Checks `snapshot` and records it as the store's configuration in force
/// (unless it is already); what was done, in words.
pub fn put_in_force(
    store: &Store,
    snapshot: &Snapshot,
    path: &Path,
    actor: &str,
) -> Result<String> {
    if snapshot.files.is_empty() {
        return Err(TixError::usage(format!(
            "no config files at {}: nothing to apply",
            path.display()
        )));
    }
    if let Err(problems) = Settings::check_snapshot(snapshot).into_result() {
        for p in &problems {
            eprintln!("{p}");
        }
        return Err(TixError::usage(format!(
            "{} problem(s) in the config; nothing applied, the configuration in force stays",
            problems.len()
        )));
    }
    let fingerprint = snapshot.fingerprint();
    store.conn.write(|tx| {
        let current = config_versions::in_force(tx)?;
        if let Some(v) = current.as_ref().filter(|v| v.fingerprint == fingerprint) {
            return Ok(format!(
                "{} is in force already, as version {} ({})",
                path.display(),
                v.version,
                applied(v)
            ));
        }
        let files: Vec<(String, String)> = snapshot
            .files
            .iter()
            .map(|(f, t)| (file_name(f), t.clone()))
            .collect();
        let source = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        // The contacts it writes are the store's from now on.
        let contacts = Settings::from_snapshot(snapshot)
            .map(|s| s.config.contacts)
            .unwrap_or_default();
        crate::store::contacts::sync_config(tx, &contacts, crate::dates::now())?;
        let version = config_versions::apply(
            tx,
            &config_versions::NewVersion {
                applied_at: crate::dates::now(),
                applied_by: actor,
                source: &source.display().to_string(),
                fingerprint: &fingerprint,
                files: &files,
            },
        )?;
        Ok(format!(
            "applied {} ({} file(s)) as version {version} of the configuration in force{}",
            path.display(),
            files.len(),
            current
                .map(|v| format!(" (was version {})", v.version))
                .unwrap_or_default()
        ))
    })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn diff(globals: &crate::context::Globals, path: &Path, explicit: bool) -> Result<()> {
    let db = store_location(globals.db.as_ref(), globals.config.as_ref());
    let store = Store::open(&db)?;
    let Some(v) = config_versions::in_force(&store.conn)? else {
        if !globals.quiet {
            println!("no configuration applied: the store follows the folder (tix config apply puts it in force)");
        }
        return Ok(());
    };
    let folder = Snapshot::of_path(path, explicit)?;
    let folder_files: Vec<(String, String)> = folder
        .files
        .iter()
        .map(|(f, t)| (file_name(f), t.clone()))
        .collect();
    let mut names: Vec<&str> = v
        .files
        .iter()
        .chain(&folder_files)
        .map(|(n, _)| n.as_str())
        .collect();
    names.sort();
    names.dedup();
    let text_of = |files: &[(String, String)], name: &str| {
        files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.clone())
    };
    let mut out = String::new();
    for name in names {
        let (old, new) = (text_of(&v.files, name), text_of(&folder_files, name));
        if old == new {
            continue;
        }
        let diff = similar::TextDiff::from_lines(
            old.as_deref().unwrap_or(""),
            new.as_deref().unwrap_or(""),
        );
        let before = match &old {
            Some(_) => format!("in force (version {})/{name}", v.version),
            None => "/dev/null".to_string(),
        };
        let after = match &new {
            Some(_) => path.join(name).display().to_string(),
            None => "/dev/null".to_string(),
        };
        out.push_str(&diff.unified_diff().header(&before, &after).to_string());
    }
    if out.is_empty() {
        if !globals.quiet {
            println!(
                "the folder is the configuration in force (version {})",
                v.version
            );
        }
        return Ok(());
    }
    crate::render::out(&out);
    Err(TixError::failure(format!(
        "the folder differs from the configuration in force (version {}); tix config apply puts it in force",
        v.version
    )))
}

fn history(globals: &crate::context::Globals, json: bool) -> Result<()> {
    let db = store_location(globals.db.as_ref(), globals.config.as_ref());
    let store = Store::open(&db)?;
    let versions = config_versions::history(&store.conn)?;
    if json {
        crate::render::out(&crate::render::json(&versions));
        return Ok(());
    }
    if versions.is_empty() {
        if !globals.quiet {
            println!("no configuration applied: the store follows the folder");
        }
        return Ok(());
    }
    let rows = versions
        .iter()
        .map(|v| {
            vec![
                v.version.to_string(),
                crate::render::datetime(v.applied_at),
                v.applied_by.clone(),
                v.source.clone(),
            ]
        })
        .collect();
    crate::render::out(&crate::render::table(
        &["Version", "Applied", "By", "From"],
        rows,
    ));
    Ok(())
}
