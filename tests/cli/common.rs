//! A temporary home for one test: its own store and config, and helpers to
//! run the binary and read what it printed.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

pub struct Env {
    pub dir: TempDir,
    /// The store: a file in `dir`, or (see [`test_server`]) a database of
    /// its own on the PostgreSQL server the suite runs against.
    pub db: PathBuf,
    pub config: PathBuf,
}

/// The PostgreSQL server the whole suite runs against instead of SQLite
/// files, when `TIX_TEST_POSTGRES` names one (a URL without a database,
/// e.g. `postgres://tix@127.0.0.1:15432`). `.ci/run` runs the suite both
/// ways.
pub fn test_server() -> Option<String> {
    let server = std::env::var("TIX_TEST_POSTGRES").ok()?;
    // Set but empty: a cluster that did not start; never pass on SQLite
    // files in its place.
    assert!(!server.is_empty(), "TIX_TEST_POSTGRES is set but empty");
    Some(server)
}

/// Runs on SQLite stores only: what the test looks at is the SQLite file
/// itself (its permissions, its journal, a second connection holding it).
pub fn sqlite_only() -> bool {
    test_server().is_none()
}

/// A new empty database on the test server, its URL.
fn new_server_database(server: &str) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let name = format!(
        "tix_test_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    );
    let mut client =
        postgres::Client::connect(&format!("{server}/postgres"), postgres::NoTls).unwrap();
    client
        .batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
        .unwrap();
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    PathBuf::from(format!("{server}/{name}"))
}

impl Drop for Env {
    fn drop(&mut self) {
        if let (Some(server), Some(url)) = (test_server(), self.db.to_str()) {
            if let Some(name) = url.strip_prefix(&format!("{server}/")) {
                if let Ok(mut client) =
                    postgres::Client::connect(&format!("{server}/postgres"), postgres::NoTls)
                {
                    let _ = client
                        .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
                }
            }
        }
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub stdout_bytes: Vec<u8>,
}

impl From<std::process::Output> for Run {
    fn from(out: std::process::Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            stdout_bytes: out.stdout,
        }
    }
}

/// A Postfix-style delivery report (5.1.1, user unknown) for mail to
/// `recipient`, quoting `returned_headers` of the mail it returns.
pub fn delivery_report(id: &str, recipient: &str, returned_headers: &str) -> String {
    format!(
        "From: Mail Delivery System <MAILER-DAEMON@mx.kunde.example>\nTo: presse@verein.example\nSubject: Undelivered Mail Returned to Sender\nMessage-ID: <{id}@mx.kunde.example>\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\nThe mail could not be delivered.\n\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.kunde.example\n\nFinal-Recipient: rfc822; {recipient}\nAction: failed\nStatus: 5.1.1\n\n--B\nContent-Type: text/rfc822-headers\n\n{returned_headers}\n--B--\n"
    )
}

/// The kinds of a shown ticket's articles, in order.
pub fn article_kinds(ticket: &serde_json::Value) -> Vec<String> {
    ticket["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap().to_string())
        .collect()
}

/// Runs `c` with `stdin` written to it, as an MTA's pipe or a shell would.
pub fn run_piped(c: &mut std::process::Command, stdin: &[u8]) -> Run {
    use std::io::Write;
    let mut child = c
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin);
    Run::from(child.wait_with_output().unwrap())
}

pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

/// Third-party test mail kept with the tests: fixtures/sisimai, real
/// bounces with their authors' expected results (BSD 2-Clause, see its LICENSE).
pub fn corpora() -> PathBuf {
    fixture("")
}

impl Env {
    /// A store on built-in defaults (an empty config folder), made by
    /// `tix init --store-only` as an admin would.
    pub fn new() -> Env {
        let env = Env::without_store();
        env.ok(&["init", "--store-only"]);
        env
    }

    /// A config folder and a store path with no store there yet.
    pub fn without_store() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        std::fs::create_dir_all(&config).unwrap();
        let db = match test_server() {
            Some(server) => new_server_database(&server),
            None => dir.path().join("tix.db"),
        };
        Env { db, config, dir }
    }

    /// A store with the example state-office config from fixtures/.
    pub fn with_fixture_config() -> Env {
        let mut env = Env::new();
        env.config = fixture("config");
        env
    }

    /// The example config without its routing rules (for tests of what
    /// happens by address alone).
    pub fn with_fixture_queues() -> Env {
        let env = Env::new();
        for f in ["tix.yaml", "snippets.yaml"] {
            std::fs::copy(fixture(&format!("config/{f}")), env.config.join(f)).unwrap();
        }
        env
    }

    /// A store with `text` as its only config file.
    pub fn with_config(text: &str) -> Env {
        let env = Env::new();
        std::fs::write(env.config.join("tix.yaml"), text).unwrap();
        env
    }

    /// Runs as `agent` (--as) and insists on exit 0; returns stdout.
    pub fn ok_as(&self, agent: &str, args: &[&str]) -> String {
        let mut a = vec!["--as", agent];
        a.extend_from_slice(args);
        self.ok(&a)
    }

    pub fn run_as(&self, agent: &str, args: &[&str]) -> Run {
        let mut a = vec!["--as", agent];
        a.extend_from_slice(args);
        self.run(&a)
    }

    /// Ingests a small message; returns the ticket number it landed on.
    pub fn mail(&self, headers: &str, body: &str) -> String {
        let r = self.ingest(format!("{headers}\n\n{body}\n").as_bytes());
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.stdout.split_whitespace().last().unwrap().to_string()
    }

    /// The numbers `list` prints for these arguments (JSON), in order.
    pub fn numbers(&self, extra: &[&str]) -> Vec<String> {
        self.tickets(extra)
            .iter()
            .map(|t| t["number"].as_str().unwrap().to_string())
            .collect()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("tix").unwrap();
        c.env_remove("RUST_BACKTRACE")
            .env_remove("TIX_AGENT")
            .env_remove("CI")
            .env("TIX_DB", &self.db)
            .env("TIX_CONFIG", &self.config)
            .env("USER", "tester");
        c
    }

    /// Starts tix in the background (output discarded), to be stopped or
    /// killed by the test.
    pub fn spawn(&self, args: &[&str]) -> std::process::Child {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("tix"))
            .env_remove("RUST_BACKTRACE")
            .env_remove("TIX_AGENT")
            .env_remove("CI")
            .env("TIX_DB", &self.db)
            .env("TIX_CONFIG", &self.config)
            .env("USER", "tester")
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    }

    pub fn run_with(&self, args: &[&str], stdin: Option<&[u8]>) -> Run {
        let mut c = self.cmd();
        c.args(args);
        c.write_stdin(stdin.unwrap_or(b"").to_vec());
        Run::from(c.output().unwrap())
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, None)
    }

    /// Runs at `now` (RFC 3339, TIX_NOW) in Berlin's local time.
    pub fn run_at(&self, now: &str, args: &[&str], stdin: Option<&[u8]>) -> Run {
        let mut c = self.cmd();
        c.env("TIX_NOW", now).env("TZ", "Europe/Berlin").args(args);
        c.write_stdin(stdin.unwrap_or(b"").to_vec());
        Run::from(c.output().unwrap())
    }

    /// Runs at `now` and insists on exit 0; returns stdout.
    pub fn ok_at(&self, now: &str, args: &[&str]) -> String {
        let r = self.run_at(now, args, None);
        assert_eq!(r.code, 0, "tix {args:?} at {now} failed: {}", r.stderr);
        r.stdout
    }

    /// Runs and insists on exit 0; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(r.code, 0, "tix {args:?} failed: {}", r.stderr);
        r.stdout
    }

    /// Runs with --json (added unless given) and parses stdout.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut a = args.to_vec();
        if !a.contains(&"--json") {
            a.push("--json");
        }
        serde_json::from_str(&self.ok(&a)).unwrap()
    }

    /// `bounce-report --per-message` over a path: one object per message.
    pub fn bounces_per_message(&self, path: &Path) -> Vec<serde_json::Value> {
        let out = self.ok(&[
            "bounce-report",
            "--per-message",
            "--path",
            path.to_str().unwrap(),
        ]);
        serde_json::from_str(&out).unwrap()
    }

    pub fn ingest(&self, message: &[u8]) -> Run {
        self.run_with(&["ingest", "-v"], Some(message))
    }

    /// Makes a Maildir under the temp dir holding `files` in new/.
    pub fn maildir(&self, name: &str, files: &[(&str, Vec<u8>)]) -> PathBuf {
        let md = self.path(name);
        for sub in ["new", "cur", "tmp"] {
            std::fs::create_dir_all(md.join(sub)).unwrap();
        }
        for (file, bytes) in files {
            std::fs::write(md.join("new").join(file), bytes).unwrap();
        }
        md
    }

    /// The open tickets as JSON objects.
    pub fn tickets(&self, extra: &[&str]) -> Vec<serde_json::Value> {
        let mut args = vec!["list"];
        args.extend_from_slice(extra);
        self.json(&args).as_array().unwrap().clone()
    }

    pub fn show(&self, number: &str) -> serde_json::Value {
        self.json(&["show", number])
    }

    /// A connection to the test's own database on the test server.
    pub fn server_client(&self) -> postgres::Client {
        postgres::Client::connect(self.db.to_str().unwrap(), postgres::NoTls).unwrap()
    }

    /// Holds the lock another tix takes for `job` (`maintain`,
    /// `fetch-ACCOUNT`) until the returned value is dropped.
    pub fn hold_job_lock(&self, job: &str) -> Box<dyn std::any::Any> {
        match test_server() {
            Some(_) => {
                let key = tix::store::job_key(job);
                let mut c = self.server_client();
                let taken: bool = c
                    .query_one("SELECT pg_try_advisory_lock($1)", &[&key])
                    .unwrap()
                    .get(0);
                assert!(taken, "the test takes the lock of {job}");
                Box::new(c)
            }
            None => {
                let file = std::fs::File::options()
                    .create(true)
                    .truncate(false)
                    .write(true)
                    .open(format!("{}.{job}.lock", self.db.display()))
                    .unwrap();
                file.try_lock().expect("the test takes the lock");
                Box::new(file)
            }
        }
    }

    /// What the holder of `job`'s lock noted: when it took it, and its pid.
    pub fn job_lock_note(&self, job: &str) -> String {
        match test_server() {
            Some(_) => {
                let mut c = self.server_client();
                c.query_opt(
                    "SELECT value FROM store_facts WHERE key = $1",
                    &[&format!("lock {job}")],
                )
                .unwrap()
                .map(|r| r.get(0))
                .unwrap_or_default()
            }
            None => std::fs::read_to_string(format!("{}.{job}.lock", self.db.display()))
                .unwrap_or_default(),
        }
    }

    /// The SQLite file itself, for tests of how tix treats the file.
    pub fn sql(&self) -> rusqlite::Connection {
        assert!(sqlite_only(), "a test of the SQLite file itself");
        rusqlite::Connection::open(&self.db).unwrap()
    }

    /// A number the store answers to `query` (counts, flags), on either
    /// database.
    pub fn count(&self, query: &str) -> i64 {
        match test_server() {
            Some(_) => {
                let mut c = self.server_client();
                c.query_one(query, &[]).unwrap().get(0)
            }
            None => rusqlite::Connection::open(&self.db)
                .unwrap()
                .query_row(query, [], |r| r.get(0))
                .unwrap(),
        }
    }

    /// Changes the store behind tix's back (`?1` is `arg`): a date moved
    /// into the past, a state set as an older tix would have left it.
    pub fn alter(&self, statement: &str, arg: &str) {
        match test_server() {
            Some(_) => {
                let mut c = self.server_client();
                c.execute(&statement.replace("?1", "$1"), &[&arg]).unwrap();
            }
            None => {
                rusqlite::Connection::open(&self.db)
                    .unwrap()
                    .execute(statement, [arg])
                    .unwrap();
            }
        }
    }
}

pub fn read(rel: &str) -> Vec<u8> {
    std::fs::read(fixture(rel)).unwrap()
}

/// The counts `fetch --json` printed.
pub fn counts(stdout: &str) -> (u64, u64, u64, u64, u64) {
    let v: serde_json::Value = serde_json::from_str(stdout).unwrap();
    let n = |k: &str| v[k].as_u64().unwrap();
    (
        n("read"),
        n("imported"),
        n("follow_ups"),
        n("duplicates"),
        n("quarantined"),
    )
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A self-signed certificate for loopback (localhost and 127.0.0.1) written
/// to DIR/cert.pem with its key in DIR/key.pem, for the test servers.
pub fn self_signed_cert(dir: &Path) {
    let ok = std::process::Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
        ])
        .args(["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
        .arg("-keyout")
        .arg(dir.join("key.pem"))
        .arg("-out")
        .arg(dir.join("cert.pem"))
        .output()
        .expect("openssl runs")
        .status
        .success();
    assert!(ok, "openssl could not make a certificate");
}
