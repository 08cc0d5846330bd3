//! One very large message, handled whole (run it; it is not a test):
//!
//!     cargo bench --bench big_messages -- [--baseline BIN]
//!
//! Times `tix bounce-report` on one delivery report naming 10,000 to
//! 100,000 recipients, and `tix show --save-attachments` on one ticket of
//! 2,500 to 10,000 attached files. The time per recipient or per file
//! should stay flat as the message grows: it grew with the message's size
//! (a search of the whole report for each address, a parse of the whole
//! message for each file). With --baseline, an earlier build runs the
//! same commands beside this one.

mod common;

use common::measure;
use std::path::Path;
use std::process::Command;

fn report(recipients: usize) -> String {
    let mut blocks = String::new();
    for i in 0..recipients {
        blocks.push_str(&format!(
            "Final-Recipient: rfc822; member{i}@example.org\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 user unknown\n\n"
        ));
    }
    format!(
        "From: MAILER-DAEMON@mx.example\nTo: list@verein.example\nSubject: Undelivered Mail Returned to Sender\nMessage-ID: <big-{recipients}@mx.example>\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\nNot delivered.\n\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example\n\n{blocks}--B--\n"
    )
}

fn many_files(files: usize) -> String {
    let mut parts = String::new();
    for i in 0..files {
        parts.push_str(&format!(
            "--B\nContent-Type: text/plain; name=\"f{i}.txt\"\nContent-Disposition: attachment; filename=\"f{i}.txt\"\n\nfile {i}\n"
        ));
    }
    format!(
        "From: a@x.example\nTo: info@verein.example\nSubject: Files {files}\nMessage-ID: <files-{files}@x.example>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\nText\n{parts}--B--\n"
    )
}

fn tix(bin: &Path, dir: &Path) -> Command {
    let mut c = Command::new(bin);
    c.env("TIX_DB", dir.join("tix.db"))
        .env("TIX_CONFIG", dir.join("config"))
        .env_remove("TIX_NOW");
    c
}

/// A store of `bin`'s own making holding one ticket per message; their numbers.
fn store_with(bin: &Path, dir: &Path, messages: &[String]) -> Vec<String> {
    std::fs::create_dir_all(dir.join("config")).unwrap();
    assert!(tix(bin, dir)
        .args(["init", "--store-only"])
        .output()
        .unwrap()
        .status
        .success());
    for m in messages {
        let mut child = tix(bin, dir)
            .arg("ingest")
            .stdin(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child.stdin.take().unwrap().write_all(m.as_bytes()).unwrap();
        assert!(child.wait().unwrap().success());
    }
    let out = tix(bin, dir).args(["list", "--json"]).output().unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut numbers: Vec<(String, String)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["title"].as_str().unwrap().to_string(),
                t["number"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    numbers.sort_by_key(|(title, _)| title.split(' ').nth(1).unwrap().parse::<usize>().unwrap());
    numbers.into_iter().map(|(_, n)| n).collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let baseline = args
        .iter()
        .position(|a| a == "--baseline")
        .and_then(|i| args.get(i + 1))
        .map(std::path::PathBuf::from);
    let current = std::path::PathBuf::from(env!("CARGO_BIN_EXE_tix"));
    let mut builds = vec![("this build", current)];
    if let Some(b) = baseline {
        builds.push(("baseline", b));
    }
    let tmp = tempfile::tempdir().unwrap();

    println!("bounce-report --path on one report (seconds; µs per recipient)");
    for recipients in [10_000, 20_000, 40_000, 100_000] {
        let file = tmp.path().join(format!("report-{recipients}.eml"));
        std::fs::write(&file, report(recipients)).unwrap();
        for (name, bin) in &builds {
            let dir = tmp
                .path()
                .join(format!("br-{recipients}-{}", name.replace(' ', "-")));
            std::fs::create_dir_all(dir.join("config")).unwrap();
            let m = measure(
                tix(bin, &dir)
                    .args(["bounce-report", "--format", "csv", "--path"])
                    .arg(&file),
            );
            println!(
                "  {recipients:>7} recipients  {name:<10} {:>8.2} s  {:>7.1} µs",
                m.seconds,
                m.seconds * 1e6 / recipients as f64
            );
        }
    }

    println!("show --save-attachments on one ticket (seconds; µs per file)");
    let sizes = [2_500, 5_000, 10_000];
    let messages: Vec<String> = sizes.iter().map(|&n| many_files(n)).collect();
    for (name, bin) in &builds {
        let dir = tmp.path().join(format!("files-{}", name.replace(' ', "-")));
        let numbers = store_with(bin, &dir, &messages);
        for (files, number) in sizes.iter().zip(&numbers) {
            let out = dir.join(format!("saved-{files}"));
            let m = measure(
                tix(bin, &dir)
                    .args(["show", number, "--save-attachments"])
                    .arg(&out),
            );
            println!(
                "  {files:>7} files       {name:<10} {:>8.2} s  {:>7.1} µs",
                m.seconds,
                m.seconds * 1e6 / *files as f64
            );
        }
    }
}
