//! What the subcommands share between parsing and the core: bulk actions
//! over many tickets, answers that send mail, text from an editor or a
//! file, signals, and the shell completion of configured names.

pub mod answer;
pub mod bulk;
pub mod complete;
pub mod input;
pub mod signals;
