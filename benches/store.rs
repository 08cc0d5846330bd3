//! Query benchmark on a large store (run it; it is not a test):
//!
//!     cargo bench --bench store -- [--tickets N] [--keep DIR] [--server postgres://tix@127.0.0.1:15433]
//!
//! With --server the store is copied (`tix store copy`, timed) into a
//! PostgreSQL database `tix_bench_store` on that server, and every command
//! is timed on both stores side by side.
//!
//! Builds a store of N tickets (default 1,000,000) through tix's own intake
//! (generated mail to ten queues, a third of it follow-ups), closes most of
//! them as a years-old help desk would have, then times whole `tix list` and
//! `tix search` processes. With --keep DIR the store is kept and reused.
//! Then, on a copy with every ticket open, `tix dashboard` and every order
//! of `tix list`.

mod common;

use common::Rng;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const QUEUES: &[&str] = &[
    "info",
    "presse",
    "mitglieder",
    "lastschrift",
    "austritt",
    "nord",
    "sued",
    "ost",
    "west",
    "jugend",
];
const WORDS: &[&str] = &[
    "Mitgliedschaft",
    "Beitrag",
    "Antrag",
    "Versammlung",
    "Pressemitteilung",
    "Termin",
    "Rückfrage",
    "Änderung",
    "Lastschrift",
    "Kündigung",
    "Grüße",
    "bitte",
    "danke",
    "Veranstaltung",
    "Einladung",
    "Protokoll",
    "Haushalt",
    "Kasse",
    "Vorstand",
    "Wahl",
    "Kreisverband",
    "Landesverband",
    "Satzung",
    "Spende",
    "Quittung",
    "Adresse",
    "Umzug",
    "Bankverbindung",
    "Zuwendungsbestätigung",
    "Plakat",
];

fn config() -> String {
    let mut c = String::from("queues:\n");
    for q in QUEUES {
        c.push_str(&format!(
            "  - name: {}\n    addresses: [{q}@example.org]\n",
            capitalise(q)
        ));
    }
    c
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Message `i`: a rare word (`codeword{i % 1000}`) makes selective searches.
fn message(rng: &mut Rng, i: u64) -> Vec<u8> {
    let q = QUEUES[rng.below(QUEUES.len() as u64) as usize];
    let words: Vec<&str> = (0..8 + rng.below(30))
        .map(|_| WORDS[rng.below(WORDS.len() as u64) as usize])
        .collect();
    let subject = words[..3].join(" ");
    let reply = if i > 100 && rng.below(3) == 0 {
        format!("In-Reply-To: <s{}@example.net>\n", rng.below(i))
    } else {
        String::new()
    };
    format!(
        "From: Person {} <p{}@example.net>\nTo: {q}@example.org\nSubject: {subject}\nMessage-ID: <s{i}@example.net>\n{reply}Date: Mon, 2 Nov 2026 10:00:00 +0100\nContent-Type: text/plain; charset=utf-8\n\nHallo,\n{} codeword{}\nGrüße\n",
        rng.below(50_000),
        rng.below(50_000),
        words.join(" "),
        i % 1000
    )
    .into_bytes()
}

fn build(dir: &Path, n: u64) -> PathBuf {
    let db = dir.join("store.db");
    let cfg = dir.join("config");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(cfg.join("tix.yaml"), config()).unwrap();
    if db.exists() {
        return db;
    }
    let settings = tix::settings::Settings::load(&cfg, true).unwrap();
    let mut store = tix::store::Store::create(&db).unwrap();
    let intake = tix::intake::Intake::new(&settings.config, settings.rules.clone());
    let start = Instant::now();
    let mut rng = Rng(0xDEAD_BEEF_1234_5678);
    // A third of the generated mail answers earlier mail: N tickets take 1.5 N messages.
    let messages = (0..n + n / 2).map(move |i| {
        Ok(tix::intake::RawMessage {
            uid: None,
            source: format!("gen#{i}"),
            bytes: message(&mut rng, i),
            cut_from: None,
        })
    });
    let summary =
        tix::intake::ingest_all(&mut store, &intake, messages, |_, _| {}, |_| {}).unwrap();
    // A help desk that has run for years: most tickets are closed, some pending.
    store
        .conn
        .execute_batch(
            "UPDATE tickets SET state = 'closed successful', state_type = 'closed' WHERE id % 10 < 8;
             UPDATE tickets SET state = 'open', state_type = 'open' WHERE id % 10 = 8;
             UPDATE tickets SET created_at = created_at - (1000000 - id) * 60, updated_at = updated_at - (1000000 - id) * 60;
             ANALYZE;",
        )
        .unwrap();
    eprintln!(
        "built {} tickets from {} messages in {:.0} s",
        summary.imported,
        summary.read,
        start.elapsed().as_secs_f64()
    );
    db
}

/// One run of a command that changes the store: its time and output lines.
fn time_once(db: &Path, cfg: &Path, args: &[&str]) -> (Duration, usize) {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_tix"))
        .env("TIX_DB", db)
        .env("TIX_CONFIG", cfg)
        .args(args)
        .output()
        .unwrap();
    let took = start.elapsed();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = out
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .count();
    (took, lines)
}

/// `tix maintain` and `tix dashboard` on a copy of the store.
fn time_acting(dir: &Path, copy: &Path) {
    let copy = copy.to_path_buf();
    let cfg = dir.join("maintain-config");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(cfg.join("tix.yaml"), config()).unwrap();
    let row = |what: &str, took: Duration, lines: usize| {
        println!("| {what} | {:.1} | {lines} |", took.as_secs_f64() * 1000.0);
    };
    println!("\n| on a copy of the store | ms | lines out |");
    println!("|---|---:|---:|");
    // The first command of a new binary upgrades the copy (migration 9).
    let (took, _) = time_once(&copy, &cfg, &["list", "--limit", "1"]);
    row("first command: the upgrade to the current schema", took, 0);
    let (median, _, lines) = time(&copy, &cfg, &["maintain", "-v"]);
    row(
        "`tix maintain -v`, nothing due (median of 11)",
        median,
        lines,
    );
    // 10,000 open tickets waiting for a reminder that fell an hour ago.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    rusqlite::Connection::open(&copy)
        .unwrap()
        .execute(
            "UPDATE tickets SET state = 'waiting for customer', state_type = 'pending-reminder',
                 pending_until = ?1
             WHERE id IN (SELECT id FROM tickets WHERE state_type = 'open' ORDER BY id LIMIT 10000)",
            [now - 3600],
        )
        .unwrap();
    let (took, lines) = time_once(&copy, &cfg, &["maintain", "-v"]);
    row("`tix maintain -v`, 10,000 reminders due", took, lines);
    let (median, _, lines) = time(&copy, &cfg, &["maintain", "-v"]);
    row(
        "`tix maintain -v`, those told already (median of 11)",
        median,
        lines,
    );
    // Escalation rules for one queue: its open tickets are on the clock.
    let rules = config().replace(
        "  - name: Presse\n    addresses: [presse@example.org]\n",
        "  - name: Presse\n    addresses: [presse@example.org]\n    escalation: { first_response: 4h, solution: 30d, warn_at: 80% }\n",
    );
    std::fs::write(cfg.join("tix.yaml"), rules).unwrap();
    let (took, _) = time_once(&copy, &cfg, &["list", "--limit", "1"]);
    row("first command after escalation rules are added", took, 0);
    let (took, lines) = time_once(&copy, &cfg, &["maintain", "-v"]);
    row(
        "`tix maintain -v`, the escalations that follow",
        took,
        lines,
    );
    let (median, _, lines) = time(&copy, &cfg, &["maintain", "-v"]);
    row(
        "`tix maintain -v`, nothing due again (median of 11)",
        median,
        lines,
    );
    for args in [
        &["dashboard"][..],
        &["dashboard", "--queue", "Presse"][..],
        &["list", "is:escalated", "--limit", "50"][..],
        &["list", "--sort", "escalation", "--limit", "50"][..],
        &["list", "--limit", "50"][..],
    ] {
        let (median, _, lines) = time(&copy, &cfg, args);
        row(
            &format!("`tix {}` (median of 11)", args.join(" ")),
            median,
            lines,
        );
    }
    std::fs::remove_file(&copy).ok();
}

/// One row of a table: `case` timed on the SQLite store and, with a
/// server, on PostgreSQL (the same lines out on both, unless `warm_first`,
/// where a first untimed run upgrades and warms each store).
fn row_on_both(db: &Path, server: Option<&Path>, cfg: &Path, case: &[&str], warm_first: bool) {
    if warm_first {
        time_once(db, cfg, case);
    }
    let (median, max, lines) = time(db, cfg, case);
    let on_server = match server {
        Some(url) => {
            if warm_first {
                time_once(url, cfg, case);
            }
            let (m, x, server_lines) = time(url, cfg, case);
            if !warm_first {
                assert_eq!(
                    server_lines, lines,
                    "{case:?}: the same lines on both stores"
                );
            }
            format!(
                " {:.1} | {:.1} |",
                m.as_secs_f64() * 1000.0,
                x.as_secs_f64() * 1000.0
            )
        }
        None => " | |".to_string(),
    };
    println!(
        "| `tix {}` | {:.1} | {:.1} | {lines} |{on_server}",
        case.join(" "),
        median.as_secs_f64() * 1000.0,
        max.as_secs_f64() * 1000.0
    );
}

/// The median and slowest of 11 runs, and the lines the last printed.
fn time(db: &Path, cfg: &Path, args: &[&str]) -> (Duration, Duration, usize) {
    let mut times = Vec::new();
    let mut lines = 0;
    for _ in 0..11 {
        let (took, printed) = time_once(db, cfg, args);
        times.push(took);
        lines = printed;
    }
    times.sort();
    (times[times.len() / 2], times[times.len() - 1], lines)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let n: u64 = opt("--tickets")
        .map(|v| v.parse().unwrap())
        .unwrap_or(1_000_000);
    let tmp = tempfile::tempdir().unwrap();
    let dir = opt("--keep")
        .map(PathBuf::from)
        .unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&dir).unwrap();
    let db = build(&dir, n);
    // Copied before anything opens it with this binary: the copy shows the
    // upgrade of a store written by an older tix.
    let copy = dir.join("maintain.db");
    std::fs::copy(&db, &copy).unwrap();
    let cfg = dir.join("config");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let tickets: i64 = conn
        .query_row("SELECT count(*) FROM tickets", [], |r| r.get(0))
        .unwrap();
    // A ticket from the middle, named by the tail of its number as agents do.
    let number: String = conn
        .query_row(
            "SELECT number FROM tickets WHERE id = (SELECT max(id) / 2 FROM tickets)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let tail = number[number.len() - 7..].to_string();
    println!("store: {tickets} tickets\n");
    let server = opt("--server").map(|server| {
        let url = common::fresh_server_database(&server, "tix_bench_store");
        let start = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_tix"))
            .env("TIX_DB", &db)
            .env("TIX_CONFIG", &cfg)
            .args(["store", "copy", "--to", &url])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        println!(
            "tix store copy to PostgreSQL: {:.0} s ({})\n",
            start.elapsed().as_secs_f64(),
            String::from_utf8_lossy(&out.stdout).trim()
        );
        PathBuf::from(url)
    });
    println!("| command | median ms | max ms | lines out | PostgreSQL median ms | max ms |");
    println!("|---|---:|---:|---:|---:|---:|");
    let cases: &[&[&str]] = &[
        &[
            "list", "--queue", "Presse", "--state", "new", "--limit", "50",
        ],
        &["list", "--queue", "Presse", "--limit", "50", "--json"],
        &[
            "list",
            "queue:Nord state:open",
            "--sort",
            "updated",
            "--limit",
            "50",
        ],
        &["search", "codeword417"],
        &["search", "\"Satzung Spende\"", "--limit", "50"],
        &["search", "Zuwendungsbestätigung", "--limit", "50"],
        &["search", "from:p4711@example.net"],
    ];
    let show: &[&str] = &["show", "--json", &tail];
    for case in cases.iter().chain(std::iter::once(&show)) {
        row_on_both(&db, server.as_deref(), &cfg, case, false);
    }
    time_acting(&dir, &copy);
    time_all_open(&dir, &db, server.as_deref());
}

/// Every ticket open (the store: a million tickets being worked on):
/// the dashboard and every order of `tix list`, on a copy of the SQLite
/// store and, with --server, on the PostgreSQL copy changed the same way.
fn time_all_open(dir: &Path, db: &Path, server: Option<&Path>) {
    let open = dir.join("all-open.db");
    std::fs::copy(db, &open).unwrap();
    let all_new = "UPDATE tickets SET state = 'new', state_type = 'new', closed_at = NULL";
    let conn = rusqlite::Connection::open(&open).unwrap();
    conn.execute_batch(&format!("{all_new}; ANALYZE;")).unwrap();
    drop(conn);
    if let Some(url) = server {
        let mut client =
            postgres::Client::connect(&url.to_string_lossy(), postgres::NoTls).unwrap();
        // VACUUM refuses to run in the transaction a batch of statements makes.
        client.batch_execute(all_new).unwrap();
        client.batch_execute("VACUUM ANALYZE tickets").unwrap();
    }
    let cfg = dir.join("config");
    println!(
        "\n| every ticket open | median ms | max ms | lines out | PostgreSQL median ms | max ms |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    let mut cases: Vec<Vec<&str>> = vec![vec!["dashboard"], vec!["dashboard", "--json"]];
    for sort in [
        "age",
        "updated",
        "priority",
        "number",
        "queue",
        "state",
        "escalation",
    ] {
        cases.push(vec!["list", "--sort", sort, "--limit", "50"]);
        cases.push(vec!["list", "--sort", sort, "--reverse", "--limit", "50"]);
    }
    for case in &cases {
        // The first run upgrades the copy (and warms the cache).
        row_on_both(&open, server, &cfg, case, true);
    }
    std::fs::remove_file(&open).ok();
}
