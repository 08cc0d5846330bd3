//! OTRS import benchmark (run it; it is not a test):
//!
//!     cargo bench --bench import -- [--tickets N] [--articles-per-ticket K]
//!
//! Starts a throwaway MariaDB (Debian `mariadb-server`), builds an
//! OTRS-shaped database of N tickets (default 10,000) with K articles each
//! (default 5): half of them 30 kB mails with a PDF attachment, the rest
//! short mails, all with raw mail in the database (ArticleStorageDB), and
//! times `tix import otrs` into a fresh SQLite store: wall time, tickets
//! and articles per second, peak memory of the whole process.

mod common;

#[path = "../tests/cli/mariadb.rs"]
mod mariadb;
#[path = "../tests/cli/otrs_fixture.rs"]
#[allow(dead_code)]
mod otrs_fixture;

use common::measure;
use mysql::prelude::Queryable;
use otrs_fixture::Dialect;
use std::process::Command;

fn arg(args: &[String], name: &str, default: usize) -> usize {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(|v| v.parse().unwrap())
        .unwrap_or(default)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let tickets = arg(&args, "--tickets", 10_000);
    let per_ticket = arg(&args, "--articles-per-ticket", 5);
    let server = mariadb::MariaDb::start();
    let url = server.database("otrs");
    let mut c = mysql::Conn::new(mysql::Opts::from_url(&url).unwrap()).unwrap();
    for sql in otrs_fixture::schema(Dialect::MariaDb) {
        c.query_drop(sql).unwrap();
    }
    let mut rng = common::Rng(0x9e37_79b9_7f4a_7c15);
    let pdf: String = {
        // About 20 kB of base64, as a scanned form would be.
        let mut s = String::new();
        while s.len() < 20_000 {
            s.push_str(&format!("{:016x}", rng.next()));
            if s.len() % 76 < 16 {
                s.push_str("\r\n");
            }
        }
        s
    };
    let filler =
        "Sehr geehrte Damen und Herren, anbei die Unterlagen zur Mitgliedschaft. ".repeat(100);
    let started = std::time::Instant::now();
    let mut article_id = 0u64;
    for batch in (0..tickets).collect::<Vec<_>>().chunks(200) {
        let mut t = Vec::new();
        let (mut a, mut m, mut p) = (Vec::new(), Vec::new(), Vec::new());
        for &n in batch {
            let id = n + 1;
            t.push(format!(
                "({id}, '2015{:02}{:02}10{:06}', 'Anfrage {n}', {}, 1, 2, 2, 3, {}, NULL, 'erika', 0, 0, 0, '2015-01-01 10:00:00', 1, '2015-01-02 10:00:00', 1)",
                1 + n % 12, 1 + n % 28, n, 2 + n % 3, if n % 4 == 0 { 4 } else { 2 }
            ));
            for k in 0..per_ticket {
                article_id += 1;
                let big = article_id.is_multiple_of(2);
                let raw = if big {
                    format!("From: erika{n}@kunde.example\r\nTo: kasse@verein.example\r\nSubject: Unterlagen {n}/{k}\r\nMessage-ID: <a{article_id}@kunde.example>\r\nDate: Thu, 1 Jan 2015 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{filler}\r\n--B\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"antrag-{n}.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{pdf}\r\n--B--\r\n")
                } else {
                    format!("From: erika{n}@kunde.example\r\nTo: kasse@verein.example\r\nSubject: Frage {n}/{k}\r\nMessage-ID: <a{article_id}@kunde.example>\r\nDate: Thu, 1 Jan 2015 10:00:00 +0000\r\n\r\nEine kurze Frage zum Beitrag, Nummer {article_id}.\r\n")
                };
                let sender = if k % 2 == 0 { 3 } else { 1 };
                a.push(format!("({article_id}, {id}, {sender}, 1, 1, '2015-01-01 10:{:02}:00', 1, '2015-01-01 10:00:00', 1)", k % 60));
                m.push(format!("({article_id}, 'erika{n}@kunde.example', 'kasse@verein.example', 'Frage {n}', '', 0)"));
                p.push(format!(
                    "({article_id}, {})",
                    Dialect::MariaDb.bytes(raw.as_bytes())
                ));
            }
        }
        c.query_drop(format!("INSERT INTO ticket VALUES {}", t.join(",")))
            .unwrap();
        c.query_drop(format!("INSERT INTO article VALUES {}", a.join(",")))
            .unwrap();
        c.query_drop(format!("INSERT INTO article_data_mime (article_id, a_from, a_to, a_subject, a_body, incoming_time) VALUES {}", m.join(","))).unwrap();
        for chunk in p.chunks(100) {
            c.query_drop(format!(
                "INSERT INTO article_data_mime_plain (article_id, body) VALUES {}",
                chunk.join(",")
            ))
            .unwrap();
        }
    }
    let size: f64 = c
        .query_first::<f64, _>("SELECT sum(length(body)) / 1048576 FROM article_data_mime_plain")
        .unwrap()
        .unwrap_or(0.0);
    drop(c);
    println!(
        "source: {tickets} tickets, {article_id} articles, {size:.0} MB of raw mail in MariaDB (built in {:.0} s)",
        started.elapsed().as_secs_f64()
    );
    let store = tempfile::tempdir().unwrap();
    let tix = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/tix");
    let config = store.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let made = Command::new(&tix)
        .env("TIX_DB", store.path().join("tix.db"))
        .env("TIX_CONFIG", &config)
        .args(["init", "--store-only"])
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let m = measure(
        Command::new(&tix)
            .env("TIX_DB", store.path().join("tix.db"))
            .env("TIX_CONFIG", &config)
            .args(["import", "otrs", &url, "--json"]),
    );
    println!(
        "tix import otrs: {:.1} s wall, {:.0} tickets/s, {:.0} articles/s, {:.0} MB peak RSS",
        m.seconds,
        tickets as f64 / m.seconds,
        article_id as f64 / m.seconds,
        m.max_rss_mb
    );
}
