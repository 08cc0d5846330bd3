//! Ingest benchmark (run it; it is not a test):
//!
//!     cargo bench --bench ingest -- [--messages N] [--mbox-mb 100,1000] [--rules 200] [--keep DIR]
//!         [--server postgres://tix@127.0.0.1:15433] [--baseline PATH/TO/EARLIER/tix] [--instructions N]
//!
//! With --baseline, a tix built from an earlier commit (`git worktree add
//! /tmp/base REV && cargo build --release` there) imports the same Maildir
//! into fresh stores, turn about with this build, five times each; the
//! medians and their ratio are printed, so a slower intake is seen. Where
//! valgrind is installed, both also import a Maildir of `--instructions N`
//! messages (default 2,000) under callgrind: instruction counts do not vary
//! with what else the machine does, where seconds here vary by ±20%.
//!
//! With --server the same Maildir is also fetched into a PostgreSQL store on
//! that server (a database `tix_bench_ingest`, made anew); `.ci/postgres`
//! starts a throwaway one.
//!
//! Generates a realistic Maildir (threads, HTML, attachments, non-ASCII,
//! quoted-printable Latin-1) and mbox files, then times `tix fetch` on each in
//! a fresh store and reports messages/second and peak memory (the child's max
//! RSS). Where `notmuch` is installed, `notmuch new` on the same Maildir runs
//! as a reference. Figures go in BENCHMARKS.md.

mod common;

use common::mail::{message, write_maildir};
use common::{measure, Measured, Rng};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Writes an mbox of about `mb` megabytes (mboxrd quoting); returns the message count.
fn write_mbox(path: &Path, mb: u64) -> usize {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut rng = Rng(0x1234_5678_9ABC_DEF1);
    let (mut written, mut i) = (0u64, 0usize);
    while written < mb * 1024 * 1024 {
        let m = message(&mut rng, i);
        f.write_all(b"From user@example.net Mon Nov  2 10:00:00 2026\n")
            .unwrap();
        for line in m.split_inclusive(|&b| b == b'\n') {
            let gt = line.iter().take_while(|&&b| b == b'>').count();
            if line[gt..].starts_with(b"From ") {
                f.write_all(b">").unwrap();
            }
            f.write_all(line).unwrap();
        }
        f.write_all(b"\n").unwrap();
        written += m.len() as u64 + 50;
        i += 1;
    }
    i
}

/// Removes a store left by an earlier run (with --keep), WAL files
/// included, and makes a new empty one (`tix init`, not timed).
fn fresh_store(db: &Path) {
    fresh_store_of(Path::new(env!("CARGO_BIN_EXE_tix")), db)
}

/// [`fresh_store`] made by `program`: an earlier build may not open a
/// store of a newer schema.
fn fresh_store_of(program: &Path, db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let ok = program_on(program, db, "")
        .args(["init", "--store-only"])
        .output()
        .expect("tix runs")
        .status
        .success();
    assert!(ok, "tix init --store-only failed for {}", db.display());
}

fn tix(db: &Path) -> Command {
    tix_with(db, "")
}

/// This build and `baseline` importing the same Maildir into fresh stores,
/// turn about (a machine that slows down mid-run hurts both alike).
fn compare_with_baseline(md: &Path, root: &Path, baseline: &Path) {
    const ROUNDS: usize = 5;
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (mut now, mut before) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        for (program, times) in [
            (PathBuf::from(env!("CARGO_BIN_EXE_tix")), &mut now),
            (baseline.to_path_buf(), &mut before),
        ] {
            let db = root.join("compare.db");
            fresh_store_of(&program, &db);
            let mut c = program_on(&program, &db, "");
            c.args(["fetch", "--maildir", md.to_str().unwrap()]);
            times.push(measure(&mut c).seconds);
        }
    }
    let (now, before) = (median(now), median(before));
    println!();
    println!("| build | median of {ROUNDS} (s) |");
    println!("|---|---:|");
    println!("| this build | {now:.2} |");
    println!("| baseline {} | {before:.2} |", baseline.display());
    println!("this build takes {:.2}x the baseline's time", now / before);
}

/// Instructions of this build and `baseline` importing the same Maildir of
/// `n` messages into fresh stores, counted by callgrind (threads run one at
/// a time there: the count, not the time, is what compares).
fn count_instructions(root: &Path, n: usize, baseline: &Path) {
    if Command::new("valgrind").arg("--version").output().is_err() {
        println!("valgrind is not installed: no instruction counts");
        return;
    }
    let md = root.join(format!("Maildir-{n}"));
    if !md.exists() {
        write_maildir(&md, n);
    }
    let mut counts = Vec::new();
    for program in [
        PathBuf::from(env!("CARGO_BIN_EXE_tix")),
        baseline.to_path_buf(),
    ] {
        let db = root.join("count.db");
        fresh_store_of(&program, &db);
        let out = Command::new("valgrind")
            .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
            .arg(&program)
            .args(["fetch", "--maildir", md.to_str().unwrap()])
            .env("TIX_DB", &db)
            .env("TIX_CONFIG", db.with_extension("config"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "{} failed: {stderr}",
            program.display()
        );
        let refs = stderr
            .lines()
            .find_map(|l| {
                l.split_once("I   refs:")
                    .map(|(_, n)| n.trim().replace(',', ""))
            })
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or_else(|| panic!("no instruction count from callgrind: {stderr}"));
        counts.push(refs);
    }
    println!();
    println!("| build | instructions, {n} messages (callgrind) |");
    println!("|---|---:|");
    println!("| this build | {} |", counts[0]);
    println!("| baseline {} | {} |", baseline.display(), counts[1]);
    println!(
        "this build runs {:.2}x the baseline's instructions",
        counts[0] as f64 / counts[1] as f64
    );
}

/// tix on a store with `config` as its only config file ("" for the defaults).
fn tix_with(db: &Path, config_text: &str) -> Command {
    program_on(Path::new(env!("CARGO_BIN_EXE_tix")), db, config_text)
}

/// `program` (this tix or an earlier build) on a store with `config`.
fn program_on(program: &Path, db: &Path, config_text: &str) -> Command {
    let mut c = Command::new(program);
    let config = match db.to_str() {
        Some(url) if url.starts_with("postgres://") => {
            std::env::temp_dir().join("tix-bench-pg.config")
        }
        _ => db.with_extension("config"),
    };
    std::fs::create_dir_all(&config).unwrap();
    if !config_text.is_empty() {
        std::fs::write(config.join("tix.yaml"), config_text).unwrap();
    }
    c.env("TIX_DB", db).env("TIX_CONFIG", config);
    c
}

/// `n` routing rules of the kinds an office writes: words in subjects,
/// sender domains, spam and list headers, body phrases, combinations.
fn rules_config(n: usize) -> String {
    let mut c = String::from(
        "queues:\n  - name: Inbox\n  - name: Presse\n    addresses: [presse@example.org]\n  - name: Mitglieder\n    addresses: [mitglieder@example.org]\nrules:\n",
    );
    for i in 0..n {
        let rule = match i % 5 {
            0 => format!("if: {{ subject: 'anfrage{i}|termin{i}\\b' }}\n    then: {{ queue: Presse, priority: 4 }}"),
            1 => format!("if: {{ from: '@verein{i}\\.example' }}\n    then: {{ tags: [verein{i}] }}"),
            2 => format!("if: {{ header: X-Spam-Score, matches: '^{i}\\.' }}\n    then: {{ state: closed spam }}"),
            3 => format!("if: {{ body: 'kennwort{i}\\b|aktenzeichen {i}' }}\n    then: {{ queue: Mitglieder }}"),
            _ => format!(
                "if:\n      all:\n        - {{ to: 'mitglieder@' }}\n        - any: [ {{ subject: 'beitrag{i}' }}, {{ attachment: 'antrag{i}\\.pdf' }} ]\n    then: {{ tags: [beitrag{i}] }}"
            ),
        };
        c.push_str(&format!("  - name: Regel {i}\n    {rule}\n"));
    }
    c
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let n: usize = opt("--messages")
        .map(|v| v.parse().unwrap())
        .unwrap_or(20_000);
    let rules: usize = opt("--rules").map(|v| v.parse().unwrap()).unwrap_or(0);
    let mbox_sizes: Vec<u64> = opt("--mbox-mb")
        .map(|v| v.split(',').map(|x| x.parse().unwrap()).collect())
        .unwrap_or_else(|| vec![100]);
    let tmp = tempfile::tempdir().unwrap();
    let root: PathBuf = opt("--keep")
        .map(PathBuf::from)
        .unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&root).unwrap();

    println!("| run | messages | MB | seconds | messages/s | peak RSS MB |");
    println!("|---|---:|---:|---:|---:|---:|");
    let row = |name: &str, count: usize, mb: f64, m: &Measured| {
        println!(
            "| {name} | {count} | {mb:.0} | {:.2} | {:.0} | {:.0} |",
            m.seconds,
            count as f64 / m.seconds,
            m.max_rss_mb
        );
    };

    let md = root.join("Maildir");
    let bytes = write_maildir(&md, n);
    let mb = bytes as f64 / 1048576.0;
    let db = root.join("maildir.db");
    fresh_store(&db);
    let m = measure(tix(&db).args(["fetch", "--maildir", md.to_str().unwrap()]));
    row("tix fetch --maildir", n, mb, &m);
    let again = measure(tix(&db).args(["fetch", "--maildir", md.to_str().unwrap()]));
    row("tix fetch --maildir (again: all duplicates)", n, mb, &again);
    if let Some(baseline) = opt("--baseline") {
        compare_with_baseline(&md, &root, Path::new(&baseline));
        let small: usize = opt("--instructions")
            .map(|v| v.parse().unwrap())
            .unwrap_or(2_000);
        count_instructions(&root, small, Path::new(&baseline));
    }
    if let Some(server) = opt("--server") {
        let url = common::fresh_server_database(&server, "tix_bench_ingest");
        let db = PathBuf::from(&url);
        let init = tix(&db).args(["init", "--store-only"]).output().unwrap();
        assert!(
            init.status.success(),
            "{}",
            String::from_utf8_lossy(&init.stderr)
        );
        let m = measure(tix(&db).args(["fetch", "--maildir", md.to_str().unwrap()]));
        row("tix fetch --maildir, PostgreSQL store", n, mb, &m);
        let again = measure(tix(&db).args(["fetch", "--maildir", md.to_str().unwrap()]));
        row("tix fetch --maildir, PostgreSQL (again)", n, mb, &again);
    }

    if rules > 0 {
        let db = root.join("rules.db");
        fresh_store(&db);
        let config = rules_config(rules);
        let m = measure(tix_with(&db, &config).args(["fetch", "--maildir", md.to_str().unwrap()]));
        row(
            &format!("tix fetch --maildir, {rules} routing rules"),
            n,
            mb,
            &m,
        );
    }

    if Command::new("notmuch").arg("--version").output().is_ok() {
        let _ = std::fs::remove_dir_all(md.join(".notmuch"));
        let cfg = root.join("notmuch-config");
        std::fs::write(
            &cfg,
            format!(
                "[database]\npath={}\n[user]\nname=Bench\nprimary_email=bench@example.org\n[new]\ntags=new\n[maildir]\nsynchronize_flags=false\n",
                md.display()
            ),
        )
        .unwrap();
        let m = measure(
            Command::new("notmuch")
                .env("NOTMUCH_CONFIG", &cfg)
                .arg("new")
                .arg("--quiet"),
        );
        row("notmuch new (reference)", n, mb, &m);
    } else {
        println!("| notmuch new (reference) | not installed | | | | |");
    }

    for size in mbox_sizes {
        let path = root.join(format!("{size}mb.mbox"));
        let count = write_mbox(&path, size);
        let db = root.join(format!("mbox{size}.db"));
        fresh_store(&db);
        let m = measure(tix(&db).args(["fetch", "--mbox", path.to_str().unwrap()]));
        row(
            &format!("tix fetch --mbox ({size} MB)"),
            count,
            size as f64,
            &m,
        );
        std::fs::remove_file(&path).ok();
        std::fs::remove_file(&db).ok();
    }
}
