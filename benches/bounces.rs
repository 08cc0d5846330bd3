//! bounce-report benchmark (run it; it is not a test):
//!
//!     cargo bench --bench bounces -- [--copies N]
//!
//! Builds an mbox by repeating the sisimai corpus of real bounces N times
//! (default 40, about 1.7 MB of mail each time) and times
//! `tix bounce-report --path MBOX --format csv` on it: messages per second
//! and peak memory.

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
    let mbox = tmp.path().join("bounces.mbox");
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
    let config = tmp.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let m = measure(
        Command::new(env!("CARGO_BIN_EXE_tix"))
            .env("TIX_CONFIG", &config)
            .env("TIX_DB", tmp.path().join("unused.db"))
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
}
