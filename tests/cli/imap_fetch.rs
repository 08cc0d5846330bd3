//! `tix fetch` against a real Dovecot server on loopback.

use crate::common::*;
use crate::dovecot::{Dovecot, PASSWORD};

fn mail(i: usize) -> Vec<u8> {
    format!("From: kunde{i}@x.example\r\nTo: info@example.org\r\nSubject: Frage {i}\r\nMessage-ID: <imap{i}@x.example>\r\nDate: Mon, 2 Nov 2026 10:00:00 +0100\r\n\r\nText {i}\r\n").into_bytes()
}

fn env_with(accounts: &str) -> Env {
    Env::with_config(&format!(
        "queues:\n  - name: Inbox\n  - name: Presse\naccounts:\n{accounts}"
    ))
}

fn fetch(env: &Env, args: &[&str]) -> Run {
    let mut c = env.cmd();
    c.env("TIX_TEST_IMAP_PASSWORD", PASSWORD)
        .arg("fetch")
        .args(args);
    let out = c.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        stdout_bytes: out.stdout,
    }
}

#[test]
fn fetch_imports_new_mail_once_over_tls_and_starttls() {
    let server = Dovecot::start();
    server.append("INBOX", &[mail(1), mail(2), mail(3)]);
    let accounts = server.account_yaml("info", "implicit", "")
        + &server.account_yaml("info-starttls", "starttls", "    queue: Presse\n");
    let env = env_with(&accounts);
    let r = fetch(&env, &["info", "--json"]);
    assert_eq!(r.code, 0, "{}\n{}", r.stderr, server.log());
    assert_eq!(counts(&r.stdout), (3, 3, 0, 0, 0));
    // Only new mail the next time; silent in cron.
    let r = fetch(&env, &["info"]);
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, "", ""));
    server.append("INBOX", &[mail(4)]);
    assert_eq!(
        counts(&fetch(&env, &["info", "--json"]).stdout),
        (1, 1, 0, 0, 0)
    );
    // The STARTTLS account reads the same folder: all four are duplicates of stored mail.
    let r = fetch(&env, &["info-starttls", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(counts(&r.stdout), (4, 0, 0, 4, 0));
    assert_eq!(env.tickets(&[]).len(), 4);
    let t = env.tickets(&["subject:Frage"]);
    assert!(t.iter().all(|t| t["queue"] == "Inbox"));
    let raw = env.run(&["show", t[0]["number"].as_str().unwrap(), "--raw", "1"]);
    assert!(
        raw.stdout_bytes == mail(1),
        "the stored original differs from what the server holds"
    );
}

#[test]
fn after_import_actions_happen_only_after_the_store_has_the_mail() {
    let server = Dovecot::start();
    server.append("INBOX", &[mail(1), mail(2)]);
    server.append("Presse", &[mail(3)]);
    server.append("Alt", &[mail(4)]);
    let accounts = server.account_yaml(
        "seen",
        "implicit",
        "    folders: [INBOX]\n    after_import: seen\n",
    ) + &server.account_yaml(
        "move",
        "implicit",
        "    folders: [Presse]\n    after_import: move:Archiv\n",
    ) + &server.account_yaml(
        "delete",
        "implicit",
        "    folders: [Alt]\n    after_import: delete\n",
    );
    let env = env_with(&accounts);
    {
        let mut s = server.session();
        s.create("Archiv").unwrap();
        s.logout().unwrap();
    }
    let r = fetch(&env, &["--json"]);
    assert_eq!(r.code, 0, "{}\n{}", r.stderr, server.log());
    assert_eq!(counts(&r.stdout), (4, 4, 0, 0, 0));
    let mut s = server.session();
    s.select("INBOX").unwrap();
    let unseen = s.search("UNSEEN").unwrap();
    assert!(unseen.is_empty(), "INBOX should be marked seen: {unseen:?}");
    assert_eq!(s.select("INBOX").unwrap().exists, 2, "seen keeps the mail");
    assert_eq!(s.select("Presse").unwrap().exists, 0);
    assert_eq!(s.select("Archiv").unwrap().exists, 1);
    assert_eq!(s.select("Alt").unwrap().exists, 0);
    s.logout().unwrap();
}

/// after_import: move to a folder that is not there: it is made, and the
/// mail moved. One the server will not make: the mail is imported all the
/// same (and stays where it is), the trouble is named once the run is
/// done (exit 1), and a folder that cannot be opened keeps no other
/// folder from being imported.
#[test]
fn a_missing_after_import_folder_is_made_and_never_blocks_the_import() {
    let server = Dovecot::start();
    server.append("INBOX", &[mail(1)]);
    let env =
        env_with(&server.account_yaml("made", "implicit", "    after_import: move:Erledigt\n"));
    let r = fetch(&env, &["--json"]);
    assert_eq!(r.code, 0, "{}\n{}", r.stderr, server.log());
    let mut s = server.session();
    assert_eq!(s.select("Erledigt").unwrap().exists, 1);
    assert_eq!(s.select("INBOX").unwrap().exists, 0);
    s.logout().unwrap();

    server.append("INBOX", &[mail(2)]);
    server.append("Presse", &[mail(3)]);
    let env = env_with(&server.account_yaml(
        "refused",
        "implicit",
        "    folders: [Fehlt, INBOX, Presse]\n    after_import: move:~Archiv\n",
    ));
    for run in 0..2 {
        let r = fetch(&env, &[]);
        assert_eq!(r.code, 1, "run {run}: {}\n{}", r.stderr, server.log());
        assert!(
            r.stderr.contains("after_import move:~Archiv")
                && r.stderr.contains("stays in its folder")
                && r.stderr.contains("folder \"Fehlt\""),
            "{}",
            r.stderr
        );
    }
    assert_eq!(env.numbers(&[]).len(), 2, "INBOX and Presse, once each");
    let mut s = server.session();
    assert_eq!(s.select("INBOX").unwrap().exists, 1, "kept where it was");
    s.logout().unwrap();
}

#[test]
fn a_new_uidvalidity_imports_nothing_twice() {
    let server = Dovecot::start();
    server.append("Liste", &[mail(1), mail(2)]);
    let env = env_with(&server.account_yaml("liste", "implicit", "    folders: [Liste]\n"));
    assert_eq!(counts(&fetch(&env, &["--json"]).stdout), (2, 2, 0, 0, 0));
    // The folder is deleted and made anew (a new UIDVALIDITY) with one more message.
    {
        let mut s = server.session();
        s.delete("Liste").unwrap();
        s.logout().unwrap();
    }
    server.append("Liste", &[mail(1), mail(2), mail(3)]);
    let r = fetch(&env, &["--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(counts(&r.stdout), (3, 1, 0, 2, 0));
    assert_eq!(env.tickets(&[]).len(), 3);
}

#[test]
fn a_wrong_password_a_dead_server_and_a_busy_account() {
    let server = Dovecot::start();
    server.append("INBOX", &[mail(1)]);
    let env = env_with(&server.account_yaml("info", "implicit", ""));
    let mut c = env.cmd();
    let out = c
        .env("TIX_TEST_IMAP_PASSWORD", "wrong")
        .arg("fetch")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("account info: login refused for test"),
        "{err}"
    );
    assert!(
        !err.contains("wrong"),
        "the password must never be printed: {err}"
    );

    // Another tix fetching the account: this run leaves it alone and exits 0.
    let lock = env.hold_job_lock("fetch-info");
    let r = fetch(&env, &["-v"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("another tix is fetching it; skipped"),
        "{}",
        r.stderr
    );
    assert!(env.tickets(&[]).is_empty());
    drop(lock);

    let port = server.imaps_port;
    drop(server);
    let dead = Env::with_config(&format!(
        "accounts:\n  - name: tot\n    host: 127.0.0.1\n    port: {port}\n    user: x\n    password_env: TIX_TEST_IMAP_PASSWORD\n"
    ));
    let r = fetch(&dead, &[]);
    assert_eq!(r.code, 75, "{}", r.stderr);
    // The summary once, in the error line, not again on stdout.
    assert_eq!(r.stdout, "");
    assert_eq!(r.stderr.matches("0 read").count(), 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains(&format!("account tot: cannot connect to 127.0.0.1:{port}")),
        "{}",
        r.stderr
    );
    assert_eq!(
        r.stderr.lines().filter(|l| l.starts_with("tix: ")).count(),
        2,
        "{}",
        r.stderr
    );
}

#[test]
fn account_mistakes_are_config_errors() {
    let env = Env::with_config(
        "accounts:\n  - name: a\n    host: h\n    user: u\n  - name: b\n    host: h\n    user: u\n    password_env: P\n    tls: none\n  - name: c\n    host: h\n    user: u\n    password_env: P\n    after_import: shred\n",
    );
    let r = env.run(&["config", "check"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(
            "account \"a\" needs exactly one of password_env, password_command, password_file"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("tls: none sends the password in clear; add insecure: true"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("after_import \"shred\" is not keep, seen, delete or move:FOLDER"),
        "{}",
        r.stderr
    );
    let none = Env::new();
    let r = none.run(&["fetch"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no accounts in the config"),
        "{}",
        r.stderr
    );
}

/// A message of about 2 KB, so that chunks of 100 have a known size.
fn padded_mail(i: usize) -> Vec<u8> {
    let body: String = (0..25)
        .map(|l| format!("Zeile {l} der Nachricht {i}: {}\r\n", "x".repeat(50)))
        .collect();
    format!("From: mitglied{i}@x.example\r\nTo: info@example.org\r\nSubject: Antrag {i}\r\nMessage-ID: <cut{i}@x.example>\r\nDate: Mon, 2 Nov 2026 10:00:00 +0100\r\n\r\n{body}").into_bytes()
}

#[test]
fn a_connection_cut_mid_fetch_loses_nothing_and_the_next_run_completes() {
    let server = Dovecot::start();
    let messages: Vec<Vec<u8>> = (0..1200).map(padded_mail).collect();
    server.append("INBOX", &messages);
    // Chunk one (500 messages, ~1.1 MB) arrives whole; chunk two is cut off.
    let relay = crate::dovecot::CuttingRelay::start(server.imaps_port, 1_500_000);
    let account = server
        .account_yaml("info", "implicit", "    after_import: seen\n")
        .replace(
            &format!("port: {}", server.imaps_port),
            &format!("port: {}", relay.port),
        );
    let env = env_with(&account);
    let r = fetch(&env, &[]);
    assert_eq!(r.code, 75, "a dropped connection may pass: {}", r.stderr);
    assert!(
        r.stderr.starts_with("tix: account info: lost"),
        "{}",
        r.stderr
    );
    let stored = env.tickets(&[]).len();
    assert_eq!(stored, 500, "the first chunk, fetched whole, is stored");
    {
        let mut s = server.session();
        s.select("INBOX").unwrap();
        let seen = s.uid_search("SEEN").unwrap();
        assert!(
            seen.iter().all(|uid| *uid <= 500),
            "only committed mail is marked seen: {seen:?}"
        );
        s.logout().unwrap();
    }
    let r = fetch(&env, &["--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(counts(&r.stdout), (700, 700, 0, 0, 0));
    assert_eq!(env.tickets(&[]).len(), 1200);
    assert_eq!(counts(&fetch(&env, &["--json"]).stdout), (0, 0, 0, 0, 0));
    // The first run could not act on what it stored (its connection was
    // gone); the next one did.
    let mut s = server.session();
    s.select("INBOX").unwrap();
    assert!(s.uid_search("UNSEEN").unwrap().is_empty());
}

#[test]
fn since_overrides_the_accounts_import_date() {
    let server = Dovecot::start();
    server.append("INBOX", &[mail(1), mail(2)]);
    // The account's since lies ahead of the mail's arrival: nothing is due.
    let env = env_with(&server.account_yaml("info", "implicit", "    since: 2099-01-01\n"));
    assert_eq!(counts(&fetch(&env, &["--json"]).stdout), (0, 0, 0, 0, 0));
    let r = fetch(&env, &["--since", "2020-01-01", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(counts(&r.stdout), (2, 2, 0, 0, 0));
    let r = fetch(&env, &["--since", "someday"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    // --queue puts the new tickets of the run in one queue.
    server.append("INBOX", &[mail(3)]);
    assert_eq!(
        counts(
            &fetch(
                &env,
                &["--queue", "Presse", "--since", "2020-01-01", "--json"]
            )
            .stdout
        ),
        (1, 1, 0, 0, 0)
    );
    let t = env.tickets(&["subject:\"Frage 3\""]);
    assert_eq!(t[0]["queue"], "Presse");
    assert_eq!(fetch(&env, &["--queue", "Nirgendwo"]).code, 2);
}

#[test]
fn an_untrusted_certificate_is_refused() {
    let server = Dovecot::start();
    server.append("INBOX", &[mail(1)]);
    // The same account without the test CA: the certificate check stays on.
    let account = server.account_yaml("info", "implicit", "");
    let without_ca: String = account
        .lines()
        .filter(|l| !l.contains("ca_file"))
        .map(|l| format!("{l}\n"))
        .collect();
    let env = env_with(&without_ca);
    let r = fetch(&env, &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("account info: TLS with localhost:") && r.stderr.contains("ca_file"),
        "{}",
        r.stderr
    );
    let starttls: String = server
        .account_yaml("info", "starttls", "")
        .lines()
        .filter(|l| !l.contains("ca_file"))
        .map(|l| format!("{l}\n"))
        .collect();
    let env_starttls = env_with(&starttls);
    let r = fetch(&env_starttls, &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(env.tickets(&[]).is_empty());
    assert!(env_starttls.tickets(&[]).is_empty());
}

/// `tix fetch --watch` running in the background, stopped with SIGTERM.
struct Watch {
    child: std::process::Child,
}

impl Watch {
    fn start(env: &Env, args: &[&str]) -> Watch {
        Watch::start_with(env, args, &[])
    }

    fn start_with(env: &Env, args: &[&str], vars: &[(&str, &str)]) -> Watch {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("tix"));
        c.envs(vars.iter().copied());
        c.env("TIX_DB", &env.db)
            .env("TIX_CONFIG", &env.config)
            .env("TIX_TEST_IMAP_PASSWORD", PASSWORD)
            .arg("fetch")
            .arg("--watch")
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        Watch {
            child: c.spawn().unwrap(),
        }
    }

    /// Stops the watch as systemd does and returns its exit code and stderr.
    fn stop(mut self) -> (i32, String) {
        let _ = std::process::Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                let mut err = String::new();
                use std::io::Read;
                let _ = self.child.stderr.take().unwrap().read_to_string(&mut err);
                return (status.code().unwrap_or(-1), err);
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the watch did not end within 20 s of SIGTERM"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits until the store holds `n` tickets; false after `within`.
fn tickets_arrive(env: &Env, n: usize, within: std::time::Duration) -> bool {
    let deadline = std::time::Instant::now() + within;
    while std::time::Instant::now() < deadline {
        if env.tickets(&[]).len() >= n {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    false
}

/// The server store goes away under a watch (restarted, its sessions cut
/// off): the watch's connection and its lock on the account went with it,
/// so it stops with exit 75 for the service manager to start it again,
/// rather than looping on a dead connection beside cron's fetches.
#[test]
fn a_watch_whose_store_server_went_away_stops_for_a_restart() {
    if sqlite_only() {
        return; // a server store's sessions (an SQLite file has none to lose)
    }
    let server = Dovecot::start();
    server.append("INBOX", &[mail(1)]);
    let env = env_with(&server.account_yaml("info", "implicit", "    after_import: seen\n"));
    let mut watch = Watch::start(&env, &[]);
    assert!(tickets_arrive(&env, 1, std::time::Duration::from_secs(10)));
    let database = env
        .db
        .to_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    env.server_client()
        .batch_execute(&format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = '{database}' AND pid <> pg_backend_pid()"
        ))
        .unwrap();
    server.append("INBOX", &[mail(2)]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(90);
    let status = loop {
        if let Some(status) = watch.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the watch went on without its store"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    let mut err = String::new();
    use std::io::Read;
    let _ = watch.child.stderr.take().unwrap().read_to_string(&mut err);
    assert_eq!(status.code(), Some(75), "{err}");
    assert!(
        err.contains("the connection to the store was lost"),
        "{err}"
    );
    // Started again, it imports what came meanwhile.
    let again = Watch::start(&env, &[]);
    assert!(tickets_arrive(&env, 2, std::time::Duration::from_secs(10)));
    drop(again);
}

#[test]
fn a_watch_imports_mail_as_it_arrives_survives_a_restart_and_holds_the_lock() {
    let server = Dovecot::start();
    server.append("INBOX", &[mail(1)]);
    let env = env_with(&server.account_yaml("info", "implicit", "    after_import: seen\n"));
    let watch = Watch::start(&env, &[]);
    assert!(
        tickets_arrive(&env, 1, std::time::Duration::from_secs(10)),
        "what was there at the start is imported"
    );
    // New mail while the watch waits in IDLE: in the store within seconds.
    let appended = std::time::Instant::now();
    server.append("INBOX", &[mail(2)]);
    assert!(
        tickets_arrive(&env, 2, std::time::Duration::from_secs(5)),
        "an appended message was not imported within 5 s"
    );
    eprintln!("imported {:?} after the append", appended.elapsed());
    // A cron fetch meanwhile leaves the account to the watch.
    let r = fetch(&env, &["-v"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("another tix is fetching it"),
        "{}",
        r.stderr
    );
    // The server goes away and comes back: the watch reconnects.
    server.restart();
    server.append("INBOX", &[mail(3)]);
    assert!(
        tickets_arrive(&env, 3, std::time::Duration::from_secs(15)),
        "nothing imported after the server restarted"
    );
    let (code, stderr) = watch.stop();
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(env.tickets(&[]).len(), 3, "each message once");
    // Every stored message was marked seen on the server.
    let mut s = server.session();
    s.select("INBOX").unwrap();
    assert!(s.uid_search("UNSEEN").unwrap().is_empty());
}

#[test]
fn killed_at_any_moment_a_fetch_imports_every_message_exactly_once() {
    let server = Dovecot::start();
    let messages: Vec<Vec<u8>> = (0..1500).map(padded_mail).collect();
    server.append("INBOX", &messages);
    server.append("Archiv", &[]);
    let env = env_with(&server.account_yaml("info", "implicit", "    after_import: move:Archiv\n"));
    // Killed without warning, later each time, until kills have landed
    // between one batch's commit and the end of the run.
    let mut stored_after_kill = Vec::new();
    let mut delay_ms = 200u64;
    while delay_ms <= 5000 {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("tix"));
        let mut child = c
            .env("TIX_DB", &env.db)
            .env("TIX_CONFIG", &env.config)
            .env("TIX_TEST_IMAP_PASSWORD", PASSWORD)
            .arg("fetch")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let n = env.numbers(&[]).len();
        stored_after_kill.push(n);
        let partial = stored_after_kill
            .iter()
            .filter(|n| **n > 0 && **n < 1500)
            .count();
        if n == 1500 || partial == 2 {
            break;
        }
        delay_ms += 50;
    }
    assert!(
        stored_after_kill.iter().any(|n| *n > 0 && *n < 1500),
        "no kill landed in the middle of the import: {stored_after_kill:?}"
    );
    let r = fetch(&env, &["--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let numbers = env.numbers(&[]);
    assert_eq!(numbers.len(), 1500, "every message a ticket, none twice");
    let raw = env.count("SELECT count(*) FROM raw_messages");
    assert_eq!(raw, 1500, "every message stored once");
    // And every one moved, also those whose run was killed between its
    // commit and the server.
    let mut s = server.session();
    assert_eq!(s.select("INBOX").unwrap().exists, 0);
    assert_eq!(s.select("Archiv").unwrap().exists, 1500);
}

#[test]
fn a_message_over_the_size_limit_is_not_downloaded_whole() {
    let server = Dovecot::start();
    let mut big = b"From: gross@x.example\r\nTo: info@example.org\r\nSubject: Riesig\r\nMessage-ID: <big@x.example>\r\n\r\n".to_vec();
    big.extend(std::iter::repeat_n(b'x', 3 * 1024 * 1024));
    big.extend(b"\r\n");
    server.append("INBOX", &[mail(1), big, mail(2)]);
    let env = Env::with_config(&format!(
        "max_message_mb: 1\nqueues:\n  - name: Inbox\naccounts:\n{}",
        server.account_yaml("info", "implicit", "")
    ));
    let r = fetch(&env, &["--json"]);
    assert_eq!(r.code, 65, "quarantined mail is reported: {}", r.stderr);
    assert_eq!(counts(&r.stdout), (3, 2, 0, 0, 1));
    let q = env.json(&["quarantine", "list", "--json"]);
    let item = &q.as_array().unwrap()[0];
    let why = item["error"].as_str().unwrap();
    assert!(
        why.contains("message of 3.0 MB is over the 1.0 MB limit") && why.contains(" KB are kept"),
        "{item}"
    );
    // Only the header was fetched and kept, not the 3 MB.
    let size = item["size"].as_u64().unwrap();
    assert!(size > 3 * 1024 * 1024, "the whole size is known: {size}");
    let kept = env.count(
        "SELECT CAST(length(bytes) AS BIGINT) FROM raw_messages WHERE status = 'quarantined'",
    );
    assert!(kept < 4096, "kept {kept} bytes");
}

/// A server with one message, reached through a relay that can stall.
fn behind_a_stalling_relay() -> (Dovecot, crate::dovecot::StallingRelay, Env) {
    let server = Dovecot::start();
    server.append("INBOX", &[mail(1)]);
    let relay = crate::dovecot::StallingRelay::start(server.imaps_port);
    let account = server.account_yaml("info", "implicit", "").replace(
        &format!("port: {}", server.imaps_port),
        &format!("port: {}", relay.port),
    );
    let env = env_with(&account);
    (server, relay, env)
}

#[test]
fn a_watch_notices_a_server_that_stopped_answering_and_connects_again() {
    let (server, relay, env) = behind_a_stalling_relay();
    let watch = Watch::start_with(&env, &[], &[("TIX_IMAP_TIMEOUT", "2")]);
    assert!(tickets_arrive(&env, 1, std::time::Duration::from_secs(10)));
    // The server hangs mid-IDLE: nothing it says arrives any more.
    relay.stall();
    server.append("INBOX", &[mail(2)]);
    assert!(
        tickets_arrive(&env, 2, std::time::Duration::from_secs(30)),
        "the stalled connection was not noticed and replaced"
    );
    let (code, stderr) = watch.stop();
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("trying again"),
        "the stall is reported: {stderr}"
    );
}

/// SIGTERM while the server is stalled ends the watch at once, not when
/// the stalled connection's timeout (30 s by default) runs out.
#[test]
fn a_watch_stops_at_once_while_its_server_is_stalled() {
    let (_server, relay, env) = behind_a_stalling_relay();
    let mut watch = Watch::start(&env, &[]);
    assert!(tickets_arrive(&env, 1, std::time::Duration::from_secs(10)));
    relay.stall();
    // Past the IDLE slice, so the watch waits on the stalled server.
    std::thread::sleep(std::time::Duration::from_secs(6));
    let _ = std::process::Command::new("kill")
        .arg("-TERM")
        .arg(watch.child.id().to_string())
        .status();
    let asked = std::time::Instant::now();
    let status = loop {
        if let Some(status) = watch.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            asked.elapsed() < std::time::Duration::from_secs(5),
            "SIGTERM waited for the stalled server"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0));
}
