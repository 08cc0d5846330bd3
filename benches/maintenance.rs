//! Maintenance benchmark (run it; it is not a test):
//!
//!     cargo bench --bench maintenance -- [--sizes 1600,16000]
//!
//! Times the commands whose cost grows with the store or the config rather
//! than with the mail at hand, at several sizes, so that growth shows:
//! `tix purge` of N deleted tickets (imported from a generated Maildir,
//! deleted, purged with the clock 40 days on) and `tix config check` of a
//! config with N queues. Figures go in BENCHMARKS.md.

mod common;

use common::measure;
use std::path::Path;
use std::process::Command;

fn tix(db: &Path, config: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tix"));
    c.env("TIX_DB", db)
        .env("TIX_CONFIG", config)
        .env("TIX_AGENT", "admin")
        .env_remove("CI");
    c
}

fn run_ok(c: &mut Command) {
    let out = c.output().expect("tix runs");
    assert!(
        out.status.success(),
        "{c:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn purge(dir: &Path, n: usize) -> (f64, f64) {
    let md = dir.join("md");
    for sub in ["new", "cur", "tmp"] {
        std::fs::create_dir_all(md.join(sub)).unwrap();
    }
    let words = "Mitgliedschaft Beitrag Antrag Versammlung Rückfrage ".repeat(40);
    for i in 0..n {
        std::fs::write(
            md.join("new").join(i.to_string()),
            format!("From: k{i}@x.example\nSubject: Anfrage {i}\nMessage-ID: <p{i}@x.example>\n\n{words}{i}\n"),
        )
        .unwrap();
    }
    let (db, config) = (dir.join("tix.db"), dir.join("config"));
    std::fs::create_dir_all(&config).unwrap();
    run_ok(tix(&db, &config).args(["init", "--store-only"]));
    run_ok(tix(&db, &config).args(["fetch", "--maildir", md.to_str().unwrap()]));
    run_ok(tix(&db, &config).args(["delete", "--where", "queue:Inbox", "-q"]));
    let later = tix::dates::now() + 40 * 86_400;
    let m = measure(tix(&db, &config).env("TIX_NOW", later.to_string()).args([
        "purge",
        "--older-than",
        "30",
        "-q",
    ]));
    (m.seconds, m.max_rss_mb)
}

fn config_check(dir: &Path, n: usize) -> (f64, f64) {
    let mut yaml = String::from("queues:\n");
    for i in 0..n {
        yaml.push_str(&format!(
            "  - name: LV::KV{}::Q{i}\n    addresses: [q{i}@verein.example]\n",
            i % 100
        ));
    }
    for k in 0..100 {
        yaml.push_str(&format!("  - name: LV::KV{k}\n"));
    }
    yaml.push_str("  - name: LV\n");
    let config = dir.join("queues.yaml");
    std::fs::write(&config, yaml).unwrap();
    let m = measure(tix(&dir.join("none.db"), &config).args(["config", "check"]));
    (m.seconds, m.max_rss_mb)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let sizes: Vec<usize> = args
        .iter()
        .position(|a| a == "--sizes")
        .and_then(|i| args.get(i + 1))
        .map(|s| s.split(',').filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_else(|| vec![1_600, 16_000]);
    println!("| run | size | seconds | per 1,000 | peak RSS MB |");
    println!("|---|---:|---:|---:|---:|");
    for &n in &sizes {
        let dir = tempfile::tempdir().unwrap();
        let (s, mb) = purge(dir.path(), n);
        println!(
            "| tix purge (deleted tickets) | {n} | {s:.2} | {:.3} | {mb:.0} |",
            s * 1000.0 / n as f64
        );
    }
    for &n in &sizes {
        let n = n * 5;
        let dir = tempfile::tempdir().unwrap();
        let (s, mb) = config_check(dir.path(), n);
        println!(
            "| tix config check (queues) | {n} | {s:.2} | {:.3} | {mb:.0} |",
            s * 1000.0 / n as f64
        );
    }
}
