//! What every command gets: the loaded config, where the store is, who acts.

use crate::config::{Config, Snapshot};
use crate::error::Result;
use crate::send::outbox::{flush, Flushed};
use crate::settings::Settings;
use crate::store::Store;
use std::io::IsTerminal;
use std::path::PathBuf;

/// The options every command takes (`--db`, `--config`, `--as`, `-v`, `-q`).
#[derive(Debug, Clone, clap::Args)]
pub struct Globals {
    /// The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE
    /// [default: $XDG_DATA_HOME/tix/tix.db]
    #[arg(long, global = true, env = "TIX_DB", value_name = "STORE")]
    pub db: Option<PathBuf>,

    /// The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]
    #[arg(long, global = true, env = "TIX_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// The agent acting [default: $TIX_AGENT, then the login name]
    #[arg(long = "as", global = true, value_name = "AGENT")]
    pub actor: Option<String>,

    /// Say what was done, also when all went well (a summary line in cron)
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// Print nothing but errors and warnings
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
}

pub struct Ctx {
    pub config: Config,
    /// The config's compiled routing rules.
    pub rules: std::sync::Arc<crate::routing::Rules>,
    pub db_path: PathBuf,
    /// The version of the config in force in the store, when one is
    /// applied; `None` while the store follows the config folder.
    pub config_version: Option<i64>,
    /// The store as opened to find the config in force, for the command.
    opened: std::sync::Mutex<Option<Store>>,
    pub actor: String,
    pub verbose: bool,
    pub quiet: bool,
    /// Progress bars and prompts only for a person at a terminal.
    pub interactive: bool,
}

impl Ctx {
    /// Sends the queued mail after a command committed; problems are warnings
    /// (the command itself succeeded).
    pub fn send_due(&self, store: &mut Store) -> Result<Flushed> {
        flush(&self.config, store, None, &|m| self.warn(m))
    }

    /// The same after intake (fetch, ingest), within the config's time budget:
    /// an MTA waits for `ingest` to finish, and cron runs follow each other.
    pub fn send_due_after_intake(&self, store: &mut Store) -> Result<Flushed> {
        flush(&self.config, store, Some(self.config.outbox_budget), &|m| {
            self.warn(m)
        })
    }

    /// The configuration in force and the store. A store with a config
    /// applied to it (`tix config apply`, `tix init`) runs on that one,
    /// whatever the folder on this machine says or lacks (an MTA's pipe
    /// with `--db` alone, a half-edited file, another machine's copy); the
    /// folder still says where the store is and how to reach it. A store
    /// with none applied follows the folder.
    ///
    /// A config whose only problems are snippets that cannot be used runs
    /// without them (each problem warned about): one typo in one snippet
    /// disables that snippet, not intake or the office's commands.
    pub fn new(globals: &Globals) -> Result<Ctx> {
        let (config_path, explicit) = config_location(globals.config.as_ref());
        // Read, not yet checked: where the store is and how to reach it
        // is all the folder says when the store has a config in force.
        let folder = crate::config::read_snapshot(
            &Snapshot::of_path(&config_path, explicit)?,
            crate::dates::now(),
        );
        if globals.db.is_none() {
            set_server_access(&folder.config);
        }
        let db_path = db_location(globals.db.as_ref().or(folder.config.store.as_ref()));
        // A store that cannot be opened now is reported by the command
        // that needs it, in its own words (75 for intake).
        let opened = open_existing(&db_path);
        let in_force = match &opened {
            Some(store) => crate::store::config_versions::in_force(&store.conn)?,
            None => None,
        };
        let (Settings { config, rules }, config_version) = match in_force {
            Some(v) => {
                let snapshot = Snapshot {
                    files: v
                        .files
                        .iter()
                        .map(|(n, t)| (PathBuf::from(n), t.clone()))
                        .collect(),
                };
                let settings = Settings::from_snapshot(&snapshot).map_err(|e| {
                    e.reworded(|m| format!("the config in force (version {}): {m}", v.version))
                })?;
                (settings, Some(v.version))
            }
            None => (folder_settings(Settings::check_loaded(folder))?, None),
        };
        Ok(Ctx {
            config,
            rules,
            db_path,
            config_version,
            opened: std::sync::Mutex::new(opened),
            actor: actor(globals.actor.as_deref()),
            verbose: globals.verbose,
            quiet: globals.quiet,
            interactive: std::io::stderr().is_terminal() && std::env::var_os("CI").is_none(),
        })
    }

    /// Hides from `store` the tickets of the queues this agent may not see
    /// (queues[].access): lists, searches, reports and the dashboard leave
    /// them out, and naming one finds no such ticket.
    pub fn restrict(&self, store: &Store) {
        if self.config.restricts_access() {
            store
                .conn
                .hide_queues(self.config.hidden_queues(&self.actor));
        }
    }

    /// The store opened while finding the config in force, else a new
    /// connection.
    fn store(&self) -> Result<Store> {
        let kept = self.opened.lock().map(|mut o| o.take()).unwrap_or_default();
        match kept {
            Some(store) => Ok(store),
            None => Store::open(&self.db_path),
        }
    }

    /// The store, its escalation times computed with this config's rules.
    /// A store that has moved (`tix store move`) takes no more changes.
    pub fn open_store(&self) -> Result<Store> {
        let mut store = self.store()?;
        if let Some(new) = crate::store::moved_to(&store.conn)? {
            return Err(crate::error::TixError::failure(format!(
                "this store has moved to {new} (tix store move); use --db {new} (or TIX_DB, or store: in the config)"
            )));
        }
        crate::escalation::sync_rules(&mut store, &self.config)?;
        Ok(store)
    }

    /// The store whether it has moved or not: for `store move` itself, and
    /// for `show`, which reads (and marks what it showed only where the
    /// store takes changes).
    pub fn open_store_even_if_moved(&self) -> Result<Store> {
        let mut store = self.store()?;
        if crate::store::moved_to(&store.conn)?.is_none() {
            crate::escalation::sync_rules(&mut store, &self.config)?;
        }
        Ok(store)
    }

    /// The store for commands that only read (list, search, history,
    /// dashboard): they leave it as they found it, on whichever machine
    /// they run. When the escalation rules changed since the store's times
    /// were computed, the times this config gives are worked out in a
    /// transaction that is never committed (it ends, rolled back, when the
    /// store is closed), so the reader sees its rules and nothing is
    /// written; the next command that writes (cron's `tix maintain`,
    /// intake, any change) stores them.
    pub fn open_store_to_read(&self) -> Result<Store> {
        let store = self.store()?;
        if !crate::escalation::rules_current(&store.conn, &self.config)? {
            store.conn.begin()?;
            crate::escalation::recompute(&store.conn, &self.config)?;
        }
        Ok(store)
    }

    /// The store for intake (fetch, ingest): a missing one is temporary
    /// (exit 75), so an MTA keeps the mail until the admin runs `tix init`.
    pub fn open_intake_store(&self) -> Result<Store> {
        let mut store = self.store().map_err(|e| {
            if self.db_path.exists() {
                e
            } else {
                crate::error::TixError::temp(e.to_string())
            }
        })?;
        // Mail for a store that moved waits at the MTA (or on the IMAP
        // server) until the pipe or the cron line names the new one.
        if let Some(new) = crate::store::moved_to(&store.conn)? {
            return Err(crate::error::TixError::temp(format!(
                "this store has moved to {new} (tix store move); deliver to it with --db {new}"
            )));
        }
        crate::escalation::sync_rules(&mut store, &self.config)?;
        Ok(store)
    }

    /// The acting agent, which must be a configured one where agents are configured.
    pub fn agent(&self) -> Result<&str> {
        if self.config.agents.is_empty() {
            return Ok(&self.actor);
        }
        match self.config.agent(&self.actor) {
            Some(a) => Ok(&a.name),
            None => Err(crate::error::TixError::usage(format!(
                "{:?} is not a configured agent (set --as or TIX_AGENT); agents: {}",
                self.actor,
                self.agent_names()
            ))),
        }
    }

    /// An agent named on the command line: a configured one where agents are
    /// configured; "me" is the acting agent, "none" clears.
    pub fn agent_arg(&self, name: &str) -> Result<Option<String>> {
        match name {
            "none" => Ok(None),
            "me" => Ok(Some(self.agent()?.to_string())),
            _ if self.config.agents.is_empty() => Ok(Some(name.to_string())),
            _ => match self.config.agent(name) {
                Some(a) => Ok(Some(a.name.clone())),
                None => Err(crate::error::TixError::usage(format!(
                    "unknown agent {name:?}; agents: {}",
                    self.agent_names()
                ))),
            },
        }
    }

    fn agent_names(&self) -> String {
        let names: Vec<&str> = self.config.agents.iter().map(|a| a.name.as_str()).collect();
        names.join(", ")
    }

    /// A queue named on the command line, by its configured full name.
    pub fn queue_arg(&self, name: &str) -> Result<String> {
        self.config
            .queue(name)
            .map(|q| q.name.clone())
            .ok_or_else(|| {
                crate::error::TixError::usage(format!(
                    "unknown queue {name:?}; queues: {}",
                    self.config
                        .queues
                        .iter()
                        .map(|q| q.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })
    }

    /// Warnings always reach stderr: cron mails them to the admin.
    pub fn warn(&self, msg: &str) {
        eprintln!("tix: warning: {msg}");
    }
}

pub fn config_location(given: Option<&PathBuf>) -> (PathBuf, bool) {
    match given {
        Some(p) => (p.clone(), true),
        None => (
            dirs::config_dir()
                .unwrap_or_else(|| PathBuf::from("."))
                .join("tix"),
            false,
        ),
    }
}

/// The store for commands that run without a usable config (init, config
/// paths, completion): `--db`/TIX_DB, else the config's `store:` if the
/// config can be read, else the default file.
pub fn store_location(cli_db: Option<&PathBuf>, config: Option<&PathBuf>) -> PathBuf {
    if cli_db.is_some() {
        return db_location(cli_db);
    }
    let (path, explicit) = config_location(config);
    let config = Settings::load(&path, explicit).ok().map(|s| s.config);
    if let Some(config) = &config {
        set_server_access(config);
    }
    db_location(config.and_then(|c| c.store).as_ref())
}

/// How the config's server store is reached (its password, a CA), for
/// the store the config names.
fn set_server_access(config: &crate::config::Config) {
    let password = config.store_password.clone().map(|source| {
        std::sync::Arc::new(move || source.read("store")) as crate::store::postgres::PasswordReader
    });
    crate::store::postgres::set_access(crate::store::postgres::ServerAccess {
        password,
        ca_file: config.store_ca_file.clone(),
    });
}

pub fn db_location(given: Option<&PathBuf>) -> PathBuf {
    given.cloned().unwrap_or_else(|| {
        dirs::data_dir()
            .unwrap_or_else(|| PathBuf::from("."))
            .join("tix")
            .join("tix.db")
    })
}

/// `--as`, then TIX_AGENT, then the login name.
/// Who acts, for commands that run without a loaded config (init, config).
/// The agent acting when no --as is given (TIX_AGENT, the login name).
pub fn default_actor() -> String {
    actor(None)
}

pub fn acting_name(globals: &Globals) -> String {
    actor(globals.actor.as_deref())
}

fn actor(given: Option<&str>) -> String {
    given
        .map(str::to_string)
        .or_else(|| std::env::var("TIX_AGENT").ok())
        .filter(|s| !s.trim().is_empty())
        .or_else(crate::process_user::login_name)
        .unwrap_or_else(|| "unknown".to_string())
}

/// The store at `path` if there is one to open now: an SQLite file that
/// exists, or a server's database that answers.
fn open_existing(path: &std::path::Path) -> Option<Store> {
    if !crate::store::is_server(path) && !path.exists() {
        return None;
    }
    Store::open(path).ok()
}

/// The folder's settings; without the snippets that cannot be used when
/// those are its only problems.
fn folder_settings(folder: crate::settings::Checked) -> Result<Settings> {
    match folder {
        crate::settings::Checked::Broken {
            problems,
            without_broken_snippets: Some(usable),
            ..
        } => {
            for p in &problems {
                eprintln!("tix: warning: {p} (left out; see tix config check)");
            }
            Ok(*usable)
        }
        other => other.into_settings(),
    }
}
