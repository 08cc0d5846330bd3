//! tix: mailbox-driven ticket workflows over one SQLite file and a folder of YAML.

pub mod cli;
pub mod commands;
pub mod config;
pub mod context;
pub mod error;
pub mod intake;
pub mod mail;
pub mod render;
pub mod sources;
pub mod store;

use cli::{Cli, Command};
use error::Result;

/// Runs a parsed command line.
pub fn run(cli: &Cli) -> Result<()> {
    // These work without (or on a broken) config: they are how one gets a good one.
    match &cli.command {
        Command::Init(a) => return commands::init::run(cli, a),
        Command::Config(a) => return commands::config::run(cli, a),
        Command::Generate(a) => return commands::generate::run(a),
        _ => {}
    }
    let ctx = context::Ctx::new(cli)?;
    match &cli.command {
        Command::Ingest(a) => commands::ingest::run(&ctx, a),
        Command::Fetch(a) => commands::fetch::run(&ctx, a),
        Command::List(a) => commands::list::run(&ctx, a),
        Command::Show(a) => commands::show::run(&ctx, a),
        Command::History(a) => commands::history::run(&ctx, a),
        Command::Quarantine(a) => commands::quarantine::run(&ctx, a),
        Command::Init(_) | Command::Config(_) | Command::Generate(_) => unreachable!(),
    }
}
