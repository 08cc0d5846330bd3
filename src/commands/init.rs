//! `tix init`: a store and a commented example config.

use crate::config::example::EXAMPLE;
use crate::config::Snapshot;
use crate::context::{config_location, store_location};
use crate::error::{Result, TixError};
use crate::store::Store;

/// Create the store and write a commented example config
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Overwrite an existing tix.yaml with the example
    #[arg(long, conflicts_with = "store_only")]
    pub force: bool,

    /// Create the store only; leave the config alone (for a config kept elsewhere)
    #[arg(long)]
    pub store_only: bool,
}

pub fn run(globals: &crate::context::Globals, args: &Args) -> Result<()> {
    let (config_path, _) = config_location(globals.config.as_ref());
    // A path ending in .yaml/.yml names the file; anything else is the folder.
    let file = match config_path.extension().and_then(|e| e.to_str()) {
        Some("yaml" | "yml") => config_path.clone(),
        _ => config_path.join("tix.yaml"),
    };
    let has_config = file.exists() || folder_has_yaml(&config_path);
    let wrote_config = if args.store_only || (has_config && !args.force) {
        false
    } else {
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir).map_err(|e| TixError::io(dir, e))?;
        }
        std::fs::write(&file, EXAMPLE).map_err(|e| TixError::io(&file, e))?;
        true
    };
    let db = store_location(globals.db.as_ref(), globals.config.as_ref());
    let store = Store::create(&db)?;
    if !globals.quiet {
        if wrote_config {
            println!("wrote example config {}", file.display());
        } else if !args.store_only {
            println!(
                "kept existing config {} (--force writes the example to {})",
                config_path.display(),
                file.display()
            );
        }
        println!("store ready at {}", store.path.display());
    }
    // The config it wrote or found goes in force with the store; a store
    // made beside no config follows the folder until one is applied.
    let snapshot = Snapshot::of_path(&config_path, false)?;
    if !snapshot.files.is_empty() {
        let actor = crate::context::acting_name(globals);
        match crate::commands::config::put_in_force(&store, &snapshot, &config_path, &actor) {
            Ok(done) if !globals.quiet => println!("{done}"),
            Ok(_) => {}
            Err(e) => eprintln!("tix: {e}; the store follows the folder until tix config apply"),
        }
    }
    Ok(())
}

/// A config folder that already holds YAML files is a config: the example
/// beside them would add a second set of queues.
fn folder_has_yaml(dir: &std::path::Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            matches!(
                e.path().extension().and_then(|x| x.to_str()),
                Some("yaml" | "yml")
            )
        })
    })
}
