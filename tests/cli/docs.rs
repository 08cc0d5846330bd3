//! The checked-in man pages and completions match the command definitions.

use crate::common::*;
use std::collections::BTreeMap;
use std::path::Path;

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

#[test]
fn man_pages_and_completions_are_up_to_date() {
    let env = Env::new();
    for (what, dir) in [("man", "man"), ("completions", "completions")] {
        let out = env.path(what);
        env.ok(&["generate", what, out.to_str().unwrap()]);
        let checked_in = files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir));
        let fresh = files(&out);
        assert_eq!(
            checked_in.keys().collect::<Vec<_>>(),
            fresh.keys().collect::<Vec<_>>(),
            "{dir}/ is stale: run `cargo run -- generate {what} {dir}`"
        );
        for (name, bytes) in &fresh {
            assert!(
                checked_in[name] == *bytes,
                "{dir}/{name} is stale: run `cargo run -- generate {what} {dir}`"
            );
        }
    }
}

#[test]
fn help_names_the_exit_codes() {
    let env = Env::new();
    let help = env.ok(&["--help"]);
    assert!(help.contains("75 temporary failure"), "{help}");
}

#[test]
fn every_command_page_has_exit_status_environment_and_examples() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    let pages = files(&dir);
    let mut checked = 0;
    for (name, bytes) in &pages {
        if !name.ends_with(".1") {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        for section in [".SH \"EXIT STATUS\"", ".SH ENVIRONMENT", ".SH EXAMPLES"] {
            assert!(text.contains(section), "{name} has no {section}");
        }
        checked += 1;
    }
    assert!(checked >= 30, "{checked} pages");
    // The MTA's page says who runs it and what 75 does.
    let ingest = String::from_utf8_lossy(&pages["tix-ingest.1"]);
    assert!(ingest.contains("owner of the aliases file"), "{ingest}");
    assert!(ingest.contains("retries"), "{ingest}");
    // The query language and every config key have pages of their own.
    assert!(pages.contains_key("tix-query.7") && pages.contains_key("tix-config.5"));
}
