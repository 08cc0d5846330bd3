//! `tix import otrs`: an OTRS-shaped database on a real MariaDB (and on
//! the suite's PostgreSQL cluster, when it runs) becomes tix tickets:
//! numbers, order, raw mail byte for byte, search, follow-ups by the old
//! tags, merges, links, a second run that brings nothing, `--since`.

use crate::common::*;
use crate::mariadb::MariaDb;
use crate::otrs_fixture::{self, Dialect};

fn import_and_check(url: &str, d: Dialect) {
    let env = Env::with_config("queues:\n  - name: Kasse\n    addresses: [kasse@verein.example]\nagents:\n  - name: anna\n  - name: bert\n");
    let articles = env.path("article");
    otrs_fixture::article_dir(&articles);
    let config_dir = env.path("found");
    let r = env.run(&[
        "import",
        "otrs",
        url,
        "--article-dir",
        articles.to_str().unwrap(),
        "--write-config",
        config_dir.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("6 new and 0 updated tickets")
            && r.stdout.contains("507 articles (4 rebuilt without raw mail)")
            && r.stdout.contains("the source has 6 tickets and 507 articles; 503 raw messages read back byte for byte"),
        "{}",
        r.stdout
    );
    assert!(
        !r.stdout.contains("mysql://tix:pw@"),
        "no password in what is printed"
    );

    // Numbers, state, queue, owner, customer as OTRS had them.
    let t1 = env.show("2019030410000011");
    assert_eq!(
        (
            t1["queue"].as_str(),
            t1["state"].as_str(),
            t1["state_type"].as_str(),
            t1["owner"].as_str()
        ),
        (
            Some("Mitglieder::Beiträge"),
            Some("closed successful"),
            Some("closed"),
            Some("anna")
        )
    );
    assert_eq!(t1["customer_address"], "erika@kunde.example");
    let kinds: Vec<(&str, &str)> = t1["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["kind"].as_str().unwrap(),
                a["sender_type"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(kinds, [("email-in", "customer"), ("email-out", "agent")]);
    // The raw mail, byte for byte (ISO-8859-1 and all).
    let raw = env
        .cmd()
        .args(["show", "2019030410000011", "--raw", "1"])
        .output()
        .unwrap();
    assert_eq!(raw.stdout, otrs_fixture::ERIKA_MAIL);
    let filed = env
        .cmd()
        .args(["show", "2020010110000022", "--raw", "1"])
        .output()
        .unwrap();
    assert_eq!(
        filed.stdout,
        otrs_fixture::FILED_MAIL,
        "the article folder comes first"
    );
    // Old mail is found; its decoded text is searchable.
    assert_eq!(
        env.numbers(&["--all", "Rückerstattung"]),
        ["2019030410000011"]
    );
    assert_eq!(env.numbers(&["--all", "Sommerfest"]), ["2020010110000022"]);

    // The note without raw mail is rebuilt with its attachment from the database.
    let t2 = env.show("2020010110000022");
    assert_eq!(t2["owner"], "anna");
    let note = &t2["articles"][1];
    assert_eq!(
        (note["kind"].as_str(), note["created_by"].as_str()),
        (Some("note"), Some("anna"))
    );
    assert_eq!(note["attachments"][0]["filename"], "vermerk.txt");
    assert_eq!(
        (
            note["rebuilt"].as_bool(),
            t2["articles"][0]["rebuilt"].as_bool()
        ),
        (Some(true), Some(false))
    );
    assert!(env
        .ok(&["show", "2020010110000022"])
        .contains("Rebuilt by tix import"));
    assert_eq!(
        t2["articles"][0]["attachments"][0]["filename"],
        "sommerfest.pdf"
    );
    assert_eq!(t2["links"][0]["ticket"], "2020010210000055");
    assert_eq!(t2["links"][0]["kind"], "parent");

    let t3 = env.show("1000123");
    assert_eq!(
        (
            t3["state_type"].as_str(),
            t3["priority"].as_i64(),
            t3["articles"][0]["kind"].as_str()
        ),
        (Some("pending-reminder"), Some(4), Some("phone-in"))
    );
    assert!(
        t3["pending_until"]
            .as_str()
            .unwrap()
            .starts_with("2026-01-01"),
        "{}",
        t3["pending_until"]
    );
    assert_eq!(
        env.show("2019030510000044")["merged_into"],
        "2019030410000011"
    );
    assert_eq!(
        env.show("2022020210000066")["articles"]
            .as_array()
            .unwrap()
            .len(),
        500
    );
    let history = env.json(&["history", "2019030410000011", "--json"]);
    let actions: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        &actions[..3],
        ["created", "replied", "state"],
        "{actions:?}"
    );
    // The customer user became a contact.
    assert_eq!(
        env.json(&["contact", "show", "erika", "--json"])[0]["addresses"][0],
        "erika@kunde.example"
    );

    // An answer to an old tag lands on its ticket, AutoIncrement number included.
    let followed = env.mail(
        "From: erika@kunde.example\nTo: kasse@verein.example\nSubject: Re: [Ticket#1000123] Rückruf Ummeldung\nMessage-ID: <later@kunde.example>",
        "Danke!",
    );
    assert_eq!(followed, "1000123");
    // And a new ticket's number never collides with an imported one.
    let fresh = env.mail("From: neu@kunde.example\nTo: kasse@verein.example\nSubject: Neu\nMessage-ID: <neu@kunde.example>", "Hallo");
    assert_ne!(fresh, "1000123");

    // Again: nothing new, nothing doubled.
    let again = env.ok(&[
        "import",
        "otrs",
        url,
        "--article-dir",
        articles.to_str().unwrap(),
    ]);
    assert!(
        again.contains("0 new and 0 updated tickets (6 unchanged), 0 articles"),
        "{again}"
    );
    assert_eq!(
        env.show("2019030410000011")["articles"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // A change in OTRS after the import: --since brings it.
    let change = [
        "INSERT INTO article VALUES (900, 1, 3, 1, 1, '2030-01-01 10:00:00', 1, '2030-01-01 10:00:00', 1)".to_string(),
        "INSERT INTO article_data_mime (article_id, a_from, a_to, a_subject, a_body, incoming_time) VALUES (900, 'erika@kunde.example', 'kasse@verein.example', 'Nachtrag', 'Noch ein Nachtrag.', 0)".to_string(),
        format!("INSERT INTO article_data_mime_plain (article_id, body) VALUES (900, {})", d.bytes(b"From: erika@kunde.example\r\nSubject: Nachtrag\r\nMessage-ID: <nachtrag@kunde.example>\r\n\r\nNoch ein Nachtrag.\r\n")),
        "UPDATE ticket SET change_time = '2030-01-01 10:00:00', ticket_state_id = 4 WHERE id = 1".to_string(),
    ];
    run_sql(d, url, &change);
    let dry = env.ok(&["import", "otrs", url, "--since", "2029-12-31", "--dry-run"]);
    assert!(dry.contains("1 tickets; 0 to import, 1 changed"), "{dry}");
    let later = env.ok(&["import", "otrs", url, "--since", "2029-12-31", "--json"]);
    let summary: serde_json::Value = serde_json::from_str(&later).unwrap();
    assert_eq!(
        (
            summary["tickets_updated"].as_u64(),
            summary["articles"].as_u64()
        ),
        (Some(1), Some(1))
    );
    let t1 = env.show("2019030410000011");
    assert_eq!(t1["state"], "open");
    assert_eq!(t1["articles"].as_array().unwrap().len(), 3);

    // The configuration found is tix YAML that tix accepts.
    let found = std::fs::read_to_string(config_dir.join("imported-otrs.yaml")).unwrap();
    assert!(
        found.contains("\"Mitglieder::Beiträge\"") && found.contains("first_response: 240m"),
        "{found}"
    );
    let checked = env
        .cmd()
        .args(["config", "check", "--config", config_dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
}

fn run_sql(d: Dialect, url: &str, statements: &[String]) {
    match d {
        Dialect::MariaDb => {
            use mysql::prelude::Queryable;
            let mut c = mysql::Conn::new(mysql::Opts::from_url(url).unwrap()).unwrap();
            for s in statements {
                c.query_drop(s).unwrap();
            }
        }
        Dialect::Postgres => {
            let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
            for s in statements {
                c.batch_execute(s).unwrap();
            }
        }
    }
}

#[test]
fn an_otrs_database_on_mariadb_becomes_tix_tickets() {
    let server = MariaDb::start();
    let url = server.database("otrs");
    otrs_fixture::build(Dialect::MariaDb, &url);
    import_and_check(&url, Dialect::MariaDb);
}

#[test]
fn an_otrs_database_on_postgresql_becomes_tix_tickets() {
    // The suite's PostgreSQL cluster when it has one, else the OTRS
    // database on MariaDB is all there is to read.
    let Some(server) = test_server() else { return };
    let name = format!("otrs_{}", std::process::id());
    let mut admin =
        postgres::Client::connect(&format!("{server}/postgres"), postgres::NoTls).unwrap();
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
        .unwrap();
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    let url = format!("{server}/{name}");
    otrs_fixture::build(Dialect::Postgres, &url);
    import_and_check(&url, Dialect::Postgres);
}

/// The source is only read: the account's writes are refused inside the
/// import's session, and a wrong URL or a dead server is one clear line.
#[test]
fn a_dead_server_or_a_database_that_is_not_otrs_is_named() {
    let env = Env::new();
    let r = env.run(&["import", "otrs", "mysql://tix:secret@127.0.0.1:1/otrs"]);
    assert_eq!(r.code, 75, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("mysql://tix@127.0.0.1:1/otrs: cannot read the database"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("secret"));
    let r = env.run(&["import", "otrs", "ftp://x"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let r = env.run(&[
        "import",
        "osticket",
        "mysql://tix@127.0.0.1:1/x",
        "--prefix",
        "ost_; DROP",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--prefix"), "{}", r.stderr);
}

/// kill -9 at any moment of a run: the next run completes it, and nothing
/// is doubled (each ticket is written whole with its mark, or not at all).
#[test]
fn an_import_killed_at_any_moment_resumes_with_nothing_doubled() {
    let server = MariaDb::start();
    let url = server.database("otrs");
    otrs_fixture::build(Dialect::MariaDb, &url);
    let env = Env::new();
    env.ok(&["list"]);
    for delay_ms in [20, 60, 120, 250, 400] {
        let mut child = env.spawn(&["import", "otrs", &url]);
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
    }
    let last = env.ok(&["import", "otrs", &url, "--json"]);
    let s: serde_json::Value = serde_json::from_str(&last).unwrap();
    assert_eq!(s["problems"], serde_json::json!([]));
    assert_eq!(
        (s["source_tickets"].as_u64(), s["source_articles"].as_u64()),
        (Some(6), Some(507))
    );
    let counts: Vec<(String, usize)> = env
        .numbers(&["--all"])
        .into_iter()
        .map(|n| {
            let len = env.show(&n)["articles"].as_array().unwrap().len();
            (n, len)
        })
        .collect();
    let mut counts = counts;
    counts.sort();
    assert_eq!(
        counts,
        [
            ("1000123".to_string(), 1),
            ("2019030410000011".to_string(), 2),
            ("2019030510000044".to_string(), 1),
            ("2020010110000022".to_string(), 2),
            ("2020010210000055".to_string(), 1),
            ("2022020210000066".to_string(), 500),
        ],
        "every ticket whole, once"
    );
}

/// osTicket keeps no raw mail: each message is rebuilt from its kept
/// header block, body and attachments; notes stay notes; departments nest.
#[test]
fn an_osticket_database_becomes_tix_tickets_with_rebuilt_mail() {
    use mysql::prelude::Queryable;
    let server = MariaDb::start();
    let url = server.database("osticket");
    let mut c = mysql::Conn::new(mysql::Opts::from_url(&url).unwrap()).unwrap();
    for sql in crate::osticket_fixture::statements() {
        c.query_drop(&sql).unwrap_or_else(|e| panic!("{e}: {sql}"));
    }
    let env = Env::with_config("queues:\n  - name: Support\n    addresses: [mitglieder@verein.example]\nagents:\n  - name: anna\n");
    let files = env.path("files");
    crate::osticket_fixture::attachment_dir(&files);
    let r = env.run(&[
        "import",
        "osticket",
        &url,
        "--attachment-dir",
        files.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let out = r.stdout;
    assert!(
        out.contains("2 new and 0 updated tickets")
            && out.contains("4 articles (4 rebuilt without raw mail)"),
        "{out}"
    );
    let t = env.show("482913");
    assert_eq!(
        (
            t["queue"].as_str(),
            t["state"].as_str(),
            t["owner"].as_str(),
            t["priority"].as_i64()
        ),
        (
            Some("Mitglieder::Beiträge"),
            Some("Open"),
            Some("anna"),
            Some(4)
        )
    );
    let kinds: Vec<&str> = t["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["email-in", "email-out", "note"]);
    let mail = &t["articles"][0];
    assert_eq!(mail["from_addr"], "erika@kunde.example");
    assert_eq!(mail["message_id"], "os-1@kunde.example");
    let names: Vec<&str> = mail["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["filename"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["kontoauszug.pdf", "beleg.txt"]);
    // The two chunks make the file again.
    let saved = env.path("saved");
    env.ok(&[
        "show",
        "482913",
        "--save-attachments",
        saved.to_str().unwrap(),
    ]);
    let pdf = walk(&saved)
        .into_iter()
        .find(|p| p.to_string_lossy().ends_with("kontoauszug.pdf"))
        .expect("saved");
    assert_eq!(std::fs::read(pdf).unwrap(), crate::osticket_fixture::PDF);
    // The rebuilt mail keeps the header block osTicket kept.
    let raw = env
        .cmd()
        .args(["show", "482913", "--raw", "1"])
        .output()
        .unwrap()
        .stdout;
    let raw = String::from_utf8_lossy(&raw);
    assert!(
        raw.contains("Message-ID: <os-1@kunde.example>")
            && raw.contains("Date: Sat, 1 Apr 2023 11:00:00 +0200"),
        "{raw}"
    );
    assert!(!raw.contains("boundary=\"old\""), "{raw}");
    assert_eq!(env.numbers(&["--all", "abgebucht"]), ["482913"]);
    assert_eq!(
        t["articles"][2]["body"],
        "Buchung geprüft, Rückbuchung veranlasst."
    );
    assert_eq!(env.show("519273")["merged_into"], "482913");
    // An answer to the old mail threads onto its ticket by its Message-ID.
    let followed = env.mail(
        "From: erika@kunde.example\nTo: mitglieder@verein.example\nSubject: Re: Beitrag doppelt abgebucht\nIn-Reply-To: <os-1@kunde.example>\nMessage-ID: <os-3@kunde.example>",
        "Danke!",
    );
    assert_eq!(followed, "482913");
    let again = env.ok(&[
        "import",
        "osticket",
        &url,
        "--attachment-dir",
        files.to_str().unwrap(),
    ]);
    assert!(
        again.contains("0 new and 0 updated tickets (2 unchanged)"),
        "{again}"
    );
    // With osTicket's own tag form configured, its [#NUMBER] tags are read.
    let hashed = Env::with_config("subject_hook: \"#\"\nqueues:\n  - name: Support\n    addresses: [mitglieder@verein.example]\n");
    hashed.ok(&[
        "import",
        "osticket",
        &url,
        "--attachment-dir",
        files.to_str().unwrap(),
    ]);
    let tagged = hashed.mail(
        "From: erika@kunde.example\nTo: mitglieder@verein.example\nSubject: Re: [#482913] Beitrag doppelt abgebucht\nMessage-ID: <os-4@kunde.example>",
        "Noch eine Frage.",
    );
    assert_eq!(tagged, "482913");
    // Without the plugin's folder the file it keeps is named, not skipped.
    let other = Env::new();
    let r = other.run(&["import", "osticket", &url]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout.contains("beleg.txt") && r.stdout.contains("--attachment-dir"),
        "{}",
        r.stdout
    );
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// OTRS 5 kept the mail fields in `article` itself and the raw mail in
/// `article_plain`: the same history reads the same.
#[test]
fn an_otrs_5_database_becomes_the_same_tix_tickets() {
    let server = MariaDb::start();
    let url = server.database("otrs5");
    otrs_fixture::build(Dialect::MariaDb, &url);
    run_sql(Dialect::MariaDb, &url, &otrs_fixture::to_otrs5());
    let env = Env::new();
    let articles = env.path("article");
    otrs_fixture::article_dir(&articles);
    let r = env.run(&[
        "import",
        "otrs",
        &url,
        "--article-dir",
        articles.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("6 new and 0 updated tickets")
            && r.stdout.contains("507 articles (4 rebuilt"),
        "{}",
        r.stdout
    );
    let raw = env
        .cmd()
        .args(["show", "2019030410000011", "--raw", "1"])
        .output()
        .unwrap();
    assert_eq!(raw.stdout, otrs_fixture::ERIKA_MAIL);
    let t2 = env.show("2020010110000022");
    let kinds: Vec<&str> = t2["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["email-in", "note"]);
    assert_eq!(
        t2["articles"][1]["attachments"][0]["filename"],
        "vermerk.txt"
    );
    assert_eq!(env.show("1000123")["articles"][0]["kind"], "phone-in");
    assert_eq!(
        env.show("2019030510000044")["merged_into"],
        "2019030410000011"
    );
}
