//! One module per subcommand: its arguments and a `run` that calls the core.

pub mod assign;
pub mod bounce_report;
pub mod bulk;
pub mod close;
pub mod config;
pub mod fetch;
pub mod fetch_imap;
pub mod generate;
pub mod history;
pub mod ingest;
pub mod init;
pub mod list;
pub mod lock;
pub mod merge;
pub mod r#move;
pub mod new;
pub mod note;
pub mod priority;
pub mod purge;
pub mod quarantine;
pub mod route;
pub mod show;
pub mod snippet;
pub mod state;
pub mod tag;
pub mod text;
