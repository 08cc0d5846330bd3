//! The command line, defined once: parsing, help, the man pages and the shell
//! completions all come from these types. It names every subcommand, so it
//! sits at the top of the house, beside them.

use crate::context::Globals;
use clap::{Parser, Subcommand};

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
    #[command(flatten)]
    pub globals: Globals,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Init(super::init::Args),
    Config(super::config::Args),
    Ingest(super::ingest::Args),
    Fetch(super::fetch::Args),
    New(super::new::Args),
    List(super::list::Args),
    Search(super::search::Args),
    Show(super::show::Args),
    History(super::history::Args),
    Move(super::r#move::Args),
    Assign(super::assign::Args),
    Responsible(super::responsible::Args),
    Lock(super::lock::Args),
    /// Release your lock (or, with --force, someone else's)
    Unlock(super::unlock::Args),
    State(super::state::Args),
    Priority(super::priority::Args),
    Tag(super::tag::Args),
    Customer(super::customer::Args),
    Contact(super::contact::Args),
    Import(super::import::Args),
    Note(super::note::Args),
    Reply(super::reply::Args),
    Forward(super::forward::Args),
    Redirect(super::redirect::Args),
    Merge(super::merge::Args),
    Unmerge(super::unmerge::Args),
    Split(super::split::Args),
    Link(super::link::Args),
    Unlink(super::link::UnlinkArgs),
    Close(super::close::Args),
    Reopen(super::reopen::Args),
    Delete(super::delete::Args),
    Purge(super::purge::Args),
    Route(super::route::Args),
    BounceReport(super::bounce_report::Args),
    Bounce(super::bounce::Args),
    Snippet(super::snippet::Args),
    Quarantine(super::quarantine::Args),
    Outbox(super::outbox::Args),
    Maintain(super::maintain::Args),
    Dashboard(super::dashboard::Args),
    Report(super::report::Args),
    Person(super::person::Args),
    Store(super::store::Args),
    Agent(super::agent::Args),
    #[command(hide = true)]
    Generate(super::generate::Args),
}
