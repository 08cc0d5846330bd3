//! A store on a PostgreSQL server: what the SQLite file's own tests check
//! (store.rs, robustness.rs, adversarial.rs), said for a server, and the
//! copy of a whole store from one kind to the other and back. The server
//! tests run in the suite's PostgreSQL pass (TIX_TEST_POSTGRES).

use crate::common::*;

/// tix on the store the config names: `config` written as its only file,
/// TIX_DB (which the harness sets) taken away.
fn by_config(env: &Env, config: &str) -> assert_cmd::Command {
    std::fs::write(env.config.join("tix.yaml"), config).unwrap();
    let mut c = env.cmd();
    c.env_remove("TIX_DB");
    c
}

/// A statement run on the test's own database, as another program would.
fn on_server(env: &Env, statement: &str) -> postgres::Client {
    let mut c = env.server_client();
    c.batch_execute(statement).unwrap();
    c
}

#[test]
fn a_server_store_from_a_newer_tix_is_refused_untouched() {
    if sqlite_only() {
        return;
    }
    let env = Env::new();
    env.ok(&["list"]);
    on_server(&env, "INSERT INTO tix_schema (version) VALUES (999)");
    let r = env.run(&["list"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.starts_with(&format!(
            "tix: {}: store schema version 999 is newer than this tix understands",
            env.db.display()
        )) && r.stderr.trim_end().ends_with("upgrade tix")
            && r.stderr.lines().count() == 1,
        "{}",
        r.stderr
    );
    assert_eq!(env.count("SELECT max(version) FROM tix_schema"), 999);
}

#[test]
fn init_refuses_another_programs_database_on_a_server() {
    if sqlite_only() {
        return;
    }
    let env = Env::without_store();
    on_server(
        &env,
        "CREATE TABLE members (name TEXT); INSERT INTO members VALUES ('Anna')",
    );
    let r = env.run(&["init", "--store-only"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("not a tix store (a database of another program)"),
        "{}",
        r.stderr
    );
    assert_eq!(env.count("SELECT count(*) FROM members"), 1);
    assert_eq!(
        env.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"),
        1
    );
}

#[test]
fn ingest_exits_75_while_another_writer_holds_the_server_store() {
    if sqlite_only() {
        return;
    }
    let env = Env::new();
    // Every writer takes this advisory lock for its transaction.
    let holder = on_server(
        &env,
        &format!(
            "SELECT pg_advisory_lock({})",
            tix::store::postgres::WRITER_LOCK
        ),
    );
    let mut c = env.cmd();
    let out = c
        .env("TIX_BUSY_TIMEOUT_MS", "300")
        .arg("ingest")
        .write_stdin(b"From: a@x.example\nSubject: busy\n\nbody\n".to_vec())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(75));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.trim(),
        "tix: the ticket store is busy; the message waits in the MTA's queue (details in the mail log)"
    );
    drop(holder);
    assert_eq!(env.count("SELECT count(*) FROM raw_messages"), 0);
    let r = env.ingest(b"From: a@x.example\nSubject: busy\n\nbody\n");
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn a_server_that_is_down_is_exit_75_in_one_line_without_the_password() {
    // Nothing listens on port 9 of this machine.
    let env = Env::without_store();
    let mut c = env.cmd();
    let out = c
        .env("TIX_DB", "postgres://tix:geheim@127.0.0.1:9/tix")
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(75));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("tix: store postgres://tix@127.0.0.1:9/tix: cannot reach the server"),
        "{err}"
    );
    assert!(!err.contains("geheim"), "{err}");
}

/// Every ticket as `show --json` prints it, by number.
fn every_ticket(env: &Env, db: &std::path::Path) -> Vec<serde_json::Value> {
    let db = db.to_str().unwrap();
    let list = env.json(&["--db", db, "list", "--all"]);
    list.as_array()
        .unwrap()
        .iter()
        .map(|t| env.json(&["--db", db, "show", t["number"].as_str().unwrap()]))
        .collect()
}

#[test]
fn store_copy_goes_over_and_back_giving_the_same_tickets() {
    let env = Env::new();
    // The original is an SQLite file; in the PostgreSQL pass the copy goes
    // to the server (the test's database) and back to a second file.
    let original = env.path("original.db");
    let first = match test_server() {
        Some(_) => env.db.clone(),
        None => env.path("first.db"),
    };
    let back = env.path("back.db");
    let o = original.to_str().unwrap();
    env.ok(&["--db", o, "init", "--store-only"]);
    env.ok(&[
        "--db",
        o,
        "fetch",
        "--mbox",
        fixture("mail/sample.mbox").to_str().unwrap(),
    ]);
    let numbers: Vec<String> = env
        .json(&["--db", o, "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["number"].as_str().unwrap().to_string())
        .collect();
    env.ok_as(
        "anna",
        &["--db", o, "note", &numbers[0], "-m", "Rückruf vereinbart"],
    );
    env.ok_as("anna", &["--db", o, "tag", &numbers[0], "+presse"]);
    env.ok_as(
        "anna",
        &["--db", o, "merge", &numbers[1], "--into", &numbers[0]],
    );
    env.ok_as("anna", &["--db", o, "close", &numbers[2]]);

    let out = env.ok(&["--db", o, "store", "copy", "--to", first.to_str().unwrap()]);
    assert!(out.starts_with("copied to "), "{out}");
    assert!(out.contains("and verified"), "{out}");
    let f = first.to_str().unwrap();
    env.ok(&["--db", f, "store", "copy", "--to", back.to_str().unwrap()]);
    let before = every_ticket(&env, &original);
    assert_eq!(before.len(), numbers.len());
    assert_eq!(every_ticket(&env, &first), before);
    assert_eq!(every_ticket(&env, &back), before);
    // Search finds the same in the copies (their indexes were made anew).
    for db in [&original, &first, &back] {
        let found = env.json(&["--db", db.to_str().unwrap(), "search", "ruckruf"]);
        assert_eq!(found.as_array().unwrap().len(), 1, "{}", db.display());
    }
    // New tickets in the copy get numbers and ids after the copied ones.
    let r = env.run_with(
        &["--db", f, "ingest"],
        Some(b"From: neu@x.example\nSubject: Neu\n\nneu\n"),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    // A store that is not empty is never a target.
    let again = env.run(&["--db", o, "store", "copy", "--to", f]);
    assert_eq!(again.code, 1, "{}", again.stderr);
    assert!(
        again.stderr.contains("the target store is not empty"),
        "{}",
        again.stderr
    );
}

/// Mail PostgreSQL cannot hold as it is — a word longer than its index
/// takes (a hex dump), a NUL byte in the text — is stored, found by search
/// and copied over and back; a copy's check runs before it commits.
#[test]
fn mail_with_a_huge_word_or_a_nul_byte_is_stored_searched_and_copied() {
    let env = Env::new();
    let original = env.path("original.db");
    let first = match test_server() {
        Some(_) => env.db.clone(),
        None => env.path("first.db"),
    };
    let o = original.to_str().unwrap();
    env.ok(&["--db", o, "init", "--store-only"]);
    let dump: String = (0..1600).map(|i| format!("{:02x}", i % 256)).collect();
    let mut mail = format!(
        "From: dump@x.example\nSubject: Speicherabzug\nMessage-ID: <dump@x>\n\nSiehe {dump} und Null:"
    )
    .into_bytes();
    mail.extend_from_slice(b"\0-Ende\n");
    for db in [o, first.to_str().unwrap()] {
        if db == o || test_server().is_some() {
            let r = env.run_with(&["--db", db, "ingest"], Some(&mail));
            assert_eq!(r.code, 0, "{db}: {}", r.stderr);
            let found = env.json(&["--db", db, "search", &dump]);
            assert_eq!(found.as_array().unwrap().len(), 1, "{db}");
        }
    }
    // A new store of its own (on the server, a database of its own: the
    // test's holds the mail already).
    let fresh = Env::new();
    let t = fresh.db.clone();
    env.ok(&["--db", o, "store", "copy", "--to", t.to_str().unwrap()]);
    let t = t.to_str().unwrap();
    let found = env.json(&["--db", t, "search", &dump]);
    assert_eq!(found.as_array().unwrap().len(), 1);
    let back = env.path("back.db");
    env.ok(&["--db", t, "store", "copy", "--to", back.to_str().unwrap()]);
    assert_eq!(every_ticket(&env, &back).len(), 1);
}

/// A store moved after a plain copy: the mail that reached the old store
/// since the copy is filed into the new one (never twice), changes made
/// there are named, and the old store takes no more writes (intake exit 75,
/// so the MTA keeps the mail) while it can still be read.
#[test]
fn a_moved_store_sends_its_late_mail_over_and_takes_no_more() {
    let env = Env::with_config("queues:\n  - name: Info\nagents:\n  - name: anna\n");
    let first = env.mail(
        "From: a@x.example\nSubject: Eins\nMessage-ID: <m1@x>",
        "eins",
    );
    env.mail(
        "From: b@x.example\nSubject: Zwei\nMessage-ID: <m2@x>",
        "zwei",
    );
    let new = env.path("moved-here.db");
    let n = new.to_str().unwrap();
    env.ok(&["store", "copy", "--to", n]);
    // Life went on in the old store: a new mail, an answer, a note.
    env.mail(
        "From: c@x.example\nSubject: Drei\nMessage-ID: <m3@x>",
        "drei",
    );
    env.mail(
        "From: a@x.example\nSubject: Re: Eins\nMessage-ID: <m1b@x>\nIn-Reply-To: <m1@x>",
        "noch was",
    );
    env.ok_as("anna", &["note", &first, "-m", "nur im alten"]);

    let r = env.run(&["store", "move", "--to", n]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("filed 2 message(s)"), "{}", r.stdout);
    // The note, and the lock it took.
    assert!(
        r.stderr.contains("2 change(s) made here after the copy"),
        "{}",
        r.stderr
    );
    let moved = env.json(&["--db", n, "list", "--all"]);
    assert_eq!(moved.as_array().unwrap().len(), 3);
    let articles = env.json(&["--db", n, "show", &first])["articles"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(articles, 2, "the answer threads into its ticket");

    // The old store: reads work, writes name the new store.
    assert_eq!(env.tickets(&["--all"]).len(), 3);
    env.ok(&["show", &first]);
    let r = env.ingest(b"From: d@x.example\nSubject: Vier\nMessage-ID: <m4@x>\n\nvier\n");
    assert_eq!(r.code, 75, "{}", r.stderr);
    assert!(
        r.stderr.contains("has moved to") && r.stderr.contains("moved-here.db"),
        "{}",
        r.stderr
    );
    let r = env.run_as("anna", &["note", &first, "-m", "zu spät"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("has moved to"), "{}", r.stderr);
    let r = env.run(&["store", "move", "--to", n]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("moved to"), "{}", r.stderr);
    // Mail delivered to the new store after all.
    let r = env.run_with(
        &["--db", n, "ingest"],
        Some(b"From: d@x.example\nSubject: Vier\nMessage-ID: <m4@x>\n\nvier\n"),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(env.json(&["--db", n, "list"]).as_array().unwrap().len(), 4);
}

#[test]
fn the_config_names_the_store_and_never_its_password() {
    let env = Env::without_store();
    let named = env.path("named.db");
    std::fs::write(
        env.config.join("tix.yaml"),
        format!("store: {}\n", named.display()),
    )
    .unwrap();
    let without_db = |args: &[&str]| {
        let out = env.cmd().env_remove("TIX_DB").args(args).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    assert_eq!(without_db(&["init", "--store-only"]).0, Some(0));
    assert!(named.exists(), "init made the store the config names");
    let (code, paths) = without_db(&["config", "paths"]);
    assert_eq!(code, Some(0));
    assert!(
        paths.contains(&format!("store:  {}", named.display())),
        "{paths}"
    );
    // --db (and TIX_DB) still come first.
    assert_eq!(env.run(&["list"]).code, 2, "TIX_DB names no store yet");

    std::fs::write(
        env.config.join("tix.yaml"),
        "store: postgres://tix:geheim@db.example.org/tix\n",
    )
    .unwrap();
    let r = env.run(&["config", "check"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("tix.yaml:1:8: store: a password never goes in the config")
            || r.stderr
                .contains("tix.yaml:1:8: store: a password never goes in the config"),
        "{}{}",
        r.stdout,
        r.stderr
    );
}

#[test]
fn a_server_connection_lost_mid_import_is_exit_75_and_the_next_run_completes() {
    if sqlite_only() {
        return;
    }
    let env = Env::new();
    let files: Vec<(String, Vec<u8>)> = (0..1500)
        .map(|i| {
            (
                format!("{i:05}"),
                format!("From: m{i}@verein.example\nSubject: Nachricht {i}\nMessage-ID: <m{i}@x>\n\nText {i}\n")
                    .into_bytes(),
            )
        })
        .collect();
    let refs: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let md = env.maildir("Maildir", &refs);
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("tix"))
        .env("TIX_DB", &env.db)
        .env("TIX_CONFIG", &env.config)
        .args(["fetch", "--maildir", md.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Once some mail is in, the server ends tix's connections, as a
    // restart does.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while env.count("SELECT count(*) FROM tickets") == 0 {
        assert!(std::time::Instant::now() < deadline, "nothing imported");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    on_server(
        &env,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND application_name = 'tix'",
    );
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    if out.status.code() == Some(0) {
        // The import ended before the server did: nothing to see.
        assert_eq!(env.count("SELECT count(*) FROM tickets"), 1500);
        return;
    }
    assert_eq!(out.status.code(), Some(75), "{err}");
    assert!(err.contains("try again later"), "{err}");
    assert!(env.count("SELECT count(*) FROM tickets") < 1500);
    // Nothing half-done: every message is in exactly once after the next run.
    let again = env.run(&["fetch", "--maildir", md.to_str().unwrap()]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(env.count("SELECT count(*) FROM tickets"), 1500);
    assert_eq!(env.count("SELECT count(*) FROM raw_messages"), 1500);
    assert_eq!(env.count("SELECT count(*) FROM articles"), 1500);
    assert_eq!(
        env.count("SELECT count(*) FROM raw_messages WHERE status = 'quarantined'"),
        0
    );
}

/// A server that asks for a password gets the one the config's
/// store_password_command (or store_password_file) gives, for the store the
/// config names; a wrong one is a one-line refusal that never shows it.
/// The test cluster asks the role tix_password for one (.ci/postgres).
#[test]
fn the_store_password_comes_from_the_configs_command_or_file() {
    if sqlite_only() {
        return;
    }
    let env = Env::without_store();
    let url = env.db.to_str().unwrap().to_string();
    let database = url.rsplit('/').next().unwrap().to_string();
    on_server(
        &env,
        &format!(
            "DO $$ BEGIN CREATE ROLE tix_password LOGIN;
             EXCEPTION WHEN duplicate_object THEN NULL; END $$;
             ALTER ROLE tix_password PASSWORD 'Kennwort-123';
             ALTER DATABASE {database} OWNER TO tix_password;"
        ),
    );
    let as_role = url.replacen("postgres://tix@", "postgres://tix_password@", 1);
    assert_ne!(as_role, url);
    let secret = env.path("db-password");
    std::fs::write(&secret, "Kennwort-123\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o600)).unwrap();
    let run = |config: &str, args: &[&str]| {
        let r = Run::from(
            by_config(&env, config)
                .env_remove("PGPASSWORD")
                .env_remove("TIX_DB_PASSWORD")
                .env("PGPASSFILE", env.path("no-pgpass"))
                .args(args)
                .output()
                .unwrap(),
        );
        (Some(r.code), r.stderr)
    };
    let by_command = format!(
        "store: {as_role}\nstore_password_command: cat {}\n",
        secret.display()
    );
    let (code, err) = run(&by_command, &["init", "--store-only"]);
    assert_eq!(code, Some(0), "{err}");
    // Asked once per run, though maintain's lock has a connection of its own.
    let asked = env.path("asked");
    let counting = format!(
        "store: {as_role}\nstore_password_command: echo x >> {}; cat {}\n",
        asked.display(),
        secret.display()
    );
    let (code, err) = run(&counting, &["maintain"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(std::fs::read_to_string(&asked).unwrap(), "x\n");
    let by_file = format!(
        "store: {as_role}\nstore_password_file: {}\n",
        secret.display()
    );
    let (code, err) = run(&by_file, &["list"]);
    assert_eq!(code, Some(0), "{err}");

    std::fs::write(&secret, "falsch\n").unwrap();
    let (code, err) = run(&by_file, &["list"]);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("tix_password"), "{err}");
    assert!(
        !err.contains("falsch") && !err.contains("Kennwort"),
        "{err}"
    );

    // None at all: a mistake in the setup (exit 2), not a server to wait
    // for; and never a password in a URL on the command line.
    let (code, err) = run(&format!("store: {as_role}\n"), &["list"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("asks for a password") && err.contains("store_password_command"),
        "{err}"
    );
    let with_password = as_role.replacen("tix_password@", "tix_password:Kennwort-123@", 1);
    let (code, err) = run(&by_file, &["store", "copy", "--to", &with_password]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("a password never goes"), "{err}");
    assert!(!err.contains("Kennwort"), "{err}");

    // Both at once is a mistake in the config, pointed at.
    let both = format!("{by_command}store_password_file: {}\n", secret.display());
    let (code, err) = run(&both, &["list"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("store_password_command and store_password_file: give one of them"),
        "{err}"
    );
}

/// With sslmode=verify-full the server's certificate is checked: trusted
/// through the config's store_ca_file it connects; without it the
/// connection is refused (exit 1, not "try again later": waiting mends no
/// certificate). The test cluster has a certificate of its own for
/// localhost (.ci/postgres).
#[test]
fn a_server_certificate_is_checked_against_the_configs_ca_file() {
    if sqlite_only() {
        return;
    }
    let env = Env::without_store();
    let cert: String = env
        .server_client()
        .query_one(
            "SELECT current_setting('data_directory') || '/server.crt'",
            &[],
        )
        .unwrap()
        .get(0);
    let ca = env.path("db-ca.pem");
    std::fs::copy(&cert, &ca).unwrap();
    let url = env
        .db
        .to_str()
        .unwrap()
        .replacen("@127.0.0.1:", "@localhost:", 1);
    let url = format!("{url}?sslmode=verify-full");
    let run = |config: &str| {
        let r = Run::from(
            by_config(&env, config)
                .args(["init", "--store-only"])
                .output()
                .unwrap(),
        );
        (Some(r.code), r.stderr)
    };
    let (code, err) = run(&format!("store: {url}\n"));
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("TLS"), "{err}");
    assert!(err.contains("certificate"), "{err}");
    let (code, err) = run(&format!("store: {url}\nstore_ca_file: {}\n", ca.display()));
    assert_eq!(code, Some(0), "{err}");
}

/// A server on the same machine can be named by its socket folder (the
/// host part, percent-encoded, as libpq reads it): no TCP, no TLS.
#[test]
fn a_server_on_this_machine_is_reached_through_its_socket() {
    if sqlite_only() {
        return;
    }
    let env = Env::without_store();
    let mut c = env.server_client();
    let folder: String = c
        .query_one(
            "SELECT split_part(current_setting('unix_socket_directories'), ',', 1)",
            &[],
        )
        .unwrap()
        .get(0);
    let port: String = c
        .query_one("SELECT current_setting('port')", &[])
        .unwrap()
        .get(0);
    let url = env.db.to_str().unwrap();
    let database = url.rsplit('/').next().unwrap();
    let by_socket = format!(
        "postgres://tix@{}:{port}/{database}",
        folder.trim().replace('/', "%2F")
    );
    let run = |args: &[&str], input: Option<&[u8]>| {
        let r = Run::from(
            env.cmd()
                .env("TIX_DB", &by_socket)
                .args(args)
                .write_stdin(input.unwrap_or_default())
                .output()
                .unwrap(),
        );
        (Some(r.code), r.stdout, r.stderr)
    };
    let (code, _, err) = run(&["init", "--store-only"], None);
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = run(
        &["ingest"],
        Some(b"From: a@b.example\nSubject: Sockel\nMessage-ID: <s@x>\n\nx\n"),
    );
    assert_eq!(code, Some(0), "{err}");
    // The same store as through TCP.
    assert_eq!(
        env.count("SELECT count(*) FROM tickets WHERE title = 'Sockel'"),
        1
    );
    let (code, out, err) = run(&["list"], None);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Sockel"), "{out}");
}
