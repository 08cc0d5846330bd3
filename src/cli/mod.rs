//! The command line, defined once: parsing, help, the man pages and the shell
//! completions all come from these types.

use crate::commands;

pub mod answer;
pub mod bulk;
pub mod complete;
pub mod input;
pub mod signals;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "tix",
    version,
    about = "Mailbox-driven tickets from the command line",
    long_about = "tix turns shared mailboxes into tickets and lets a small team triage and answer them \
from the shell and from cron: one binary, one SQLite file, a folder of YAML.",
    after_help = "Exit codes: 0 ok, 1 failure, 2 usage or config error, 65 bad input data, \
75 temporary failure (store busy, server down; try again later)."
)]
pub struct Cli {
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

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Init(commands::init::Args),
    Config(commands::config::Args),
    Ingest(commands::ingest::Args),
    Fetch(commands::fetch::Args),
    New(commands::new::Args),
    List(commands::list::Args),
    Search(commands::search::Args),
    Show(commands::show::Args),
    History(commands::history::Args),
    Move(commands::r#move::Args),
    Assign(commands::assign::Args),
    Responsible(commands::responsible::Args),
    Lock(commands::lock::Args),
    /// Release your lock (or, with --force, someone else's)
    Unlock(commands::unlock::Args),
    State(commands::state::Args),
    Priority(commands::priority::Args),
    Tag(commands::tag::Args),
    Note(commands::note::Args),
    Reply(commands::reply::Args),
    Forward(commands::forward::Args),
    Merge(commands::merge::Args),
    Close(commands::close::Args),
    Reopen(commands::reopen::Args),
    Delete(commands::delete::Args),
    Purge(commands::purge::Args),
    Route(commands::route::Args),
    BounceReport(commands::bounce_report::Args),
    Snippet(commands::snippet::Args),
    Quarantine(commands::quarantine::Args),
    Outbox(commands::outbox::Args),
    Maintain(commands::maintain::Args),
    Dashboard(commands::dashboard::Args),
    Store(commands::store::Args),
    Agent(commands::agent::Args),
    #[command(hide = true)]
    Generate(commands::generate::Args),
}
