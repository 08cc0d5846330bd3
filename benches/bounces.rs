//! bounce-report benchmark (run it; it is not a test):
//!
//!     cargo bench --bench bounces -- [--copies N] [--record N] [--keep DIR]
//!
//! Builds an mbox by repeating the sisimai corpus of real bounces N times
//! (default 40, about 1.7 MB of mail each time) and times
//! `tix bounce-report --path MBOX --format csv` on it: messages per second
//! and peak memory.
//!
//! Then the bounce record (`--record N`, default 100,000 addresses): an mbox
//! of N delivery reports, each for an address of its own and a third of
//! the addresses twice (a month apart, so they are on watch), is fetched into
//! a fresh store (the record built as intake reads them), and the record is
//! read: `tix bounce list --state watch --format addresses`, `tix bounce list
//! --json`, `tix bounce show ADDR`, median of three each. With --keep DIR
//! the files go there and a record store made before is read again
//! instead of fetched anew.

mod common;

use common::measure;
use std::io::Write;
use std::path::Path;
use std::process::Command;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let copies: usize = args
        .iter()
        .position(|a| a == "--copies")
        .and_then(|i| args.get(i + 1))
        .map(|v| v.parse().unwrap())
        .unwrap_or(40);
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sisimai/messages");
    let mut files: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let messages: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    let tmp = tempfile::tempdir().unwrap();
    let kept = args
        .iter()
        .position(|a| a == "--keep")
        .and_then(|i| args.get(i + 1))
        .map(std::path::PathBuf::from);
    let dir = kept.unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&dir).unwrap();
    let mbox = dir.join("bounces.mbox");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&mbox).unwrap());
    let mut count = 0usize;
    for _ in 0..copies {
        for m in &messages {
            let body = m
                .strip_prefix(b"From ")
                .map(|_| &m[m.iter().position(|&b| b == b'\n').unwrap() + 1..])
                .unwrap_or(m);
            out.write_all(b"From MAILER-DAEMON Mon Nov  2 10:00:00 2026\n")
                .unwrap();
            for line in body.split_inclusive(|&b| b == b'\n') {
                let gt = line.iter().take_while(|&&b| b == b'>').count();
                if line[gt..].starts_with(b"From ") {
                    out.write_all(b">").unwrap();
                }
                out.write_all(line).unwrap();
            }
            out.write_all(b"\n").unwrap();
            count += 1;
        }
    }
    drop(out);
    let size = std::fs::metadata(&mbox).unwrap().len() as f64 / 1048576.0;
    let config = dir.join("config");
    std::fs::create_dir_all(&config).unwrap();
    let m = measure(
        Command::new(env!("CARGO_BIN_EXE_tix"))
            .env("TIX_CONFIG", &config)
            .env("TIX_DB", dir.join("unused.db"))
            .args(["bounce-report", "--format", "csv", "--path"])
            .arg(&mbox),
    );
    println!("| run | messages | MB | seconds | messages/s | peak RSS MB |");
    println!("|---|---:|---:|---:|---:|---:|");
    println!(
        "| tix bounce-report --path (mbox, corpus x{copies}) | {count} | {size:.0} | {:.2} | {:.0} | {:.0} |",
        m.seconds,
        count as f64 / m.seconds,
        m.max_rss_mb
    );
    // The reference, where Debian's libsisimai-perl is installed: Perl
    // sisimai reading the same mbox (delivered and vacation included, as tix).
    let has_sisimai = Command::new("perl")
        .args(["-MSisimai", "-e", "1"])
        .status()
        .is_ok_and(|s| s.success());
    if has_sisimai {
        let m = measure(Command::new("perl").arg("-MSisimai").arg("-e").arg(
            "my $d = Sisimai->make($ARGV[0], 'delivered' => 1, 'vacation' => 1) || []; print scalar(@$d), qq{\n}",
        ).arg(&mbox));
        println!(
            "| Perl sisimai {} (reference) | {count} | {size:.0} | {:.2} | {:.0} | {:.0} |",
            String::from_utf8_lossy(
                &Command::new("perl")
                    .args(["-MSisimai", "-e", "print $Sisimai::VERSION"])
                    .output()
                    .unwrap()
                    .stdout
            ),
            m.seconds,
            count as f64 / m.seconds,
            m.max_rss_mb
        );
    } else {
        println!("| Perl sisimai (reference) | not installed (libsisimai-perl) | | | | |");
    }
    let record: usize = args
        .iter()
        .position(|a| a == "--record")
        .and_then(|i| args.get(i + 1))
        .map(|v| v.parse().unwrap())
        .unwrap_or(100_000);
    if record > 0 {
        bounce_record(&dir, record);
    }
}

/// A delivery report for `address`, dated `date`.
fn report(i: usize, address: &str, date: &str) -> String {
    format!(
        "From MAILER-DAEMON Mon Nov  2 10:00:00 2026\nFrom: MAILER-DAEMON@mx.example.org\nTo: kasse@verein.example\nSubject: Undelivered Mail Returned to Sender\nMessage-ID: <r{i}@mx.example.org>\nDate: {date}\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\nThe mail could not be delivered.\n\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; {address}\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 User unknown (in reply to RCPT TO command)\n\n--B--\n\n"
    )
}

fn bounce_record(dir: &Path, n: usize) {
    let config = dir.join("config");
    let db = dir.join("record.db");
    let tix = || {
        let mut c = Command::new(env!("CARGO_BIN_EXE_tix"));
        c.env("TIX_CONFIG", &config).env("TIX_DB", &db);
        c
    };
    println!();
    println!("| bounce record, {n} addresses | seconds | per second | peak RSS MB |");
    println!("|---|---:|---:|---:|");
    if !db.exists() {
        fetch_record(dir, n, &tix);
    }
    let median = |args: &[&str]| {
        let mut runs: Vec<common::Measured> = (0..3).map(|_| measure(tix().args(args))).collect();
        runs.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
        runs.swap_remove(1)
    };
    let sample = format!("mitglied{}@example.net", n / 2);
    for (name, args) in [
        (
            "bounce list --state watch --format addresses",
            vec![
                "bounce",
                "list",
                "--state",
                "watch",
                "--format",
                "addresses",
            ],
        ),
        ("bounce list --json", vec!["bounce", "list", "--json"]),
        ("bounce show ADDR", vec!["bounce", "show", sample.as_str()]),
    ] {
        let m = median(&args);
        println!("| {name} | {:.3} | | {:.0} |", m.seconds, m.max_rss_mb);
    }
}

/// Fetches an mbox of `n` addresses' reports into a fresh record store.
fn fetch_record(dir: &Path, n: usize, tix: &dyn Fn() -> Command) {
    let mbox = dir.join("record.mbox");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&mbox).unwrap());
    let mut count = 0;
    for i in 0..n {
        let address = format!("mitglied{i}@example.net");
        out.write_all(report(count, &address, "Mon, 2 Nov 2026 10:00:00 +0100").as_bytes())
            .unwrap();
        count += 1;
        if i % 3 == 0 {
            out.write_all(report(count, &address, "Wed, 2 Dec 2026 10:00:00 +0100").as_bytes())
                .unwrap();
            count += 1;
        }
    }
    drop(out);
    assert!(tix()
        .args(["init", "--store-only"])
        .status()
        .unwrap()
        .success());
    let fetched = measure(tix().args(["fetch", "--mbox"]).arg(&mbox));
    println!(
        "| fetch --mbox of {count} reports into a fresh store | {:.2} | {:.0} | {:.0} |",
        fetched.seconds,
        count as f64 / fetched.seconds,
        fetched.max_rss_mb
    );
}
