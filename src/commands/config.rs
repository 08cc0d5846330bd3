//! `tix config check|paths`.

use crate::context::{config_location, store_location};
use crate::error::{Result, TixError};
use crate::settings::Settings;

/// Validate the YAML configuration, or show where tix looks for it
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Report every problem as file:line:column: message (exit 2 if any)
    Check,
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
        Action::Check => match Settings::load_checked(&path, explicit)? {
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
                }
                Ok(())
            }
            Err(problems) => {
                for p in &problems {
                    eprintln!("{p}");
                }
                Err(TixError::usage(format!(
                    "{} problem(s) in the config",
                    problems.len()
                )))
            }
        },
    }
}
