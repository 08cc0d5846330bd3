//! One module per subcommand: its arguments and a `run` that calls the core.

pub mod config;
pub mod fetch;
pub mod generate;
pub mod history;
pub mod ingest;
pub mod init;
pub mod list;
pub mod quarantine;
pub mod show;
