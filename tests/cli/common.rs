//! A temporary home for one test: its own store and config, and helpers to
//! run the binary and read what it printed.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

pub struct Env {
    pub dir: TempDir,
    pub db: PathBuf,
    pub config: PathBuf,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub stdout_bytes: Vec<u8>,
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
        Env {
            db: dir.path().join("tix.db"),
            config,
            dir,
        }
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

    pub fn run_with(&self, args: &[&str], stdin: Option<&[u8]>) -> Run {
        let mut c = self.cmd();
        c.args(args);
        c.write_stdin(stdin.unwrap_or(b"").to_vec());
        let out = c.output().unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            stdout_bytes: out.stdout,
        }
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, None)
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

    pub fn sql(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.db).unwrap()
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
