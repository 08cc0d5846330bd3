//! `tix init`: a store and a commented example config.

use crate::config::example::EXAMPLE;
use crate::context::{config_location, db_location};
use crate::error::{Result, TixError};
use crate::store::Store;

/// Create the store and write a commented example config
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Overwrite an existing tix.yaml with the example
    #[arg(long)]
    pub force: bool,
}

pub fn run(cli: &crate::cli::Cli, args: &Args) -> Result<()> {
    let (config_path, _) = config_location(cli.config.as_ref());
    // A path ending in .yaml/.yml names the file; anything else is the folder.
    let file = match config_path.extension().and_then(|e| e.to_str()) {
        Some("yaml" | "yml") => config_path.clone(),
        _ => config_path.join("tix.yaml"),
    };
    let wrote_config = if file.exists() && !args.force {
        false
    } else {
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| TixError::failure(format!("{}: {e}", dir.display())))?;
        }
        std::fs::write(&file, EXAMPLE)
            .map_err(|e| TixError::failure(format!("{}: {e}", file.display())))?;
        true
    };
    let db = db_location(cli.db.as_ref());
    Store::open(&db)?;
    if !cli.quiet {
        if wrote_config {
            println!("wrote example config {}", file.display());
        } else {
            println!(
                "kept existing config {} (--force overwrites)",
                file.display()
            );
        }
        println!("store ready at {}", db.display());
    }
    Ok(())
}
