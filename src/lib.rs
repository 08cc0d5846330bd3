//! tix: mailbox-driven ticket workflows over one SQLite file and a folder of YAML.
//!
//! Imports run downhill: a module uses only the layers below it, never one
//! above or beside it in a loop.
//!
//! ```text
//! main, lib::run     the binary and the dispatch
//! commands           one module per subcommand, and the command line (line.rs)
//! cli                what subcommands share: bulk actions, answers, input, completion
//! context, settings  the loaded config, the store's place, the acting agent
//! intake, maintain, send, routing, lifecycle, import, report
//! render, escalation, snippets
//! store              SQLite and PostgreSQL behind one Db; driver errors become TixError here
//! query, sources, bounces, config
//! mail, calendar, dates, fold, vocabulary, process_user, process_limits, syslog, location, error
//! ```
//!
//! A lower module that needs something from above is handed it (the store
//! gets its password as a reader function); a helper two layers share lives
//! in the lower one. Read commands (list, search, history, dashboard) leave
//! the store as they found it.

pub mod bounces;
pub mod calendar;
pub mod cli;
pub mod commands;
pub mod config;
pub mod context;
pub mod dates;
pub mod error;
pub mod escalation;
pub mod fold;
pub mod hooks;
pub mod import;
pub mod intake;
pub mod lifecycle;
pub mod location;
pub mod mail;
pub mod maintain;
pub mod process_limits;
pub mod process_user;
pub mod query;
pub mod render;
pub mod report;
pub mod routing;
pub mod send;
pub mod settings;
pub mod snippets;
pub mod sources;
pub mod store;
pub mod syslog;
pub mod vocabulary;

use commands::{Cli, Command};
use error::Result;

/// Runs a parsed command line.
pub fn run(cli: &Cli) -> Result<()> {
    dates::check_clock().map_err(error::TixError::usage)?;
    // These work without (or on a broken) config: they are how one gets a good one.
    match &cli.command {
        Command::Init(a) => return commands::init::run(&cli.globals, a),
        Command::Config(a) => return commands::config::run(&cli.globals, a),
        Command::Generate(a) => return commands::generate::run(a),
        Command::Ingest(a) => return commands::ingest::run_for_mta(&cli.globals, a),
        _ => {}
    }
    let ctx = context::Ctx::new(&cli.globals)?;
    match &cli.command {
        Command::Fetch(a) => commands::fetch::run(&ctx, a),
        Command::New(a) => commands::new::run(&ctx, a),
        Command::List(a) => commands::list::run(&ctx, a),
        Command::Search(a) => commands::search::run(&ctx, a),
        Command::Show(a) => commands::show::run(&ctx, a),
        Command::History(a) => commands::history::run(&ctx, a),
        Command::Move(a) => commands::r#move::run(&ctx, a),
        Command::Assign(a) => commands::assign::run(&ctx, a),
        Command::Responsible(a) => commands::responsible::run(&ctx, a),
        Command::Lock(a) => commands::lock::run(&ctx, a),
        Command::Unlock(a) => commands::unlock::run(&ctx, a),
        Command::State(a) => commands::state::run(&ctx, a),
        Command::Priority(a) => commands::priority::run(&ctx, a),
        Command::Tag(a) => commands::tag::run(&ctx, a),
        Command::Customer(a) => commands::customer::run(&ctx, a),
        Command::Note(a) => commands::note::run(&ctx, a),
        Command::Reply(a) => commands::reply::run(&ctx, a),
        Command::Forward(a) => commands::forward::run(&ctx, a),
        Command::Merge(a) => commands::merge::run(&ctx, a),
        Command::Close(a) => commands::close::run(&ctx, a),
        Command::Reopen(a) => commands::reopen::run(&ctx, a),
        Command::Delete(a) => commands::delete::run(&ctx, a),
        Command::Purge(a) => commands::purge::run(&ctx, a),
        Command::Route(a) => commands::route::run(&ctx, a),
        Command::Contact(a) => commands::contact::run(&ctx, a),
        Command::Import(a) => commands::import::run(&ctx, a),
        Command::Redirect(a) => commands::redirect::run(&ctx, a),
        Command::Unmerge(a) => commands::unmerge::run(&ctx, a),
        Command::Split(a) => commands::split::run(&ctx, a),
        Command::Link(a) => commands::link::run(&ctx, a),
        Command::Unlink(a) => commands::link::unlink(&ctx, a),
        Command::BounceReport(a) => commands::bounce_report::run(&ctx, a),
        Command::Bounce(a) => commands::bounce::run(&ctx, a),
        Command::Snippet(a) => commands::snippet::run(&ctx, a),
        Command::Quarantine(a) => commands::quarantine::run(&ctx, a),
        Command::Outbox(a) => commands::outbox::run(&ctx, a),
        Command::Maintain(a) => commands::maintain::run(&ctx, a),
        Command::Dashboard(a) => commands::dashboard::run(&ctx, a),
        Command::Report(a) => commands::report::run(&ctx, a),
        Command::Person(a) => commands::person::run(&ctx, a),
        Command::Agent(a) => commands::agent::run(&ctx, a),
        Command::Store(a) => commands::store::run(&ctx, a),
        Command::Init(_) | Command::Config(_) | Command::Generate(_) | Command::Ingest(_) => {
            unreachable!()
        }
    }
}
