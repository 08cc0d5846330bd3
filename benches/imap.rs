//! IMAP fetch benchmark (run it; it is not a test):
//!
//!     cargo bench --bench imap -- [--messages N] [--delay-ms 30] [--runs 3]
//!
//! Starts a Dovecot on loopback (as in the tests), fills its INBOX with
//! generated mail, and times, each in a fresh store or Maildir and taking
//! the median of the runs:
//! - `tix fetch --maildir` of the same messages (no network: the floor),
//! - `tix fetch` over IMAPS, and mbsync (Debian's isync) as the reference,
//! - both again through a relay that delays every packet by `--delay-ms`
//!   each way, standing in for a server on the other side of the country,
//! - `tix fetch --watch`: how long from a message's APPEND to its ticket.
//!
//! Needs dovecot-imapd, openssl and isync. Figures go in BENCHMARKS.md.

mod common;

use common::mail::write_maildir;
use common::measure;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const USER: &str = "bench";
const PASSWORD: &str = "secret";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let n: usize = opt("--messages").map_or(20_000, |v| v.parse().unwrap());
    let delay = Duration::from_millis(opt("--delay-ms").map_or(30, |v| v.parse().unwrap()));
    let runs: usize = opt("--runs").map_or(3, |v| v.parse().unwrap());

    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let server = Dovecot::start(root);
    let source = root.join("source");
    let bytes = write_maildir(&source, n);
    server.fill_inbox(&source);
    let mb = bytes as f64 / 1048576.0;
    println!("| run | messages | MB | median seconds | messages/s | CPU seconds | peak RSS MB |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let report = |name: &str, results: &[(f64, f64, f64)]| {
        let mut secs: Vec<f64> = results.iter().map(|r| r.0).collect();
        secs.sort_by(f64::total_cmp);
        let median = secs[secs.len() / 2];
        let rss = results.iter().map(|r| r.1).fold(0.0, f64::max);
        let mut cpu: Vec<f64> = results.iter().map(|r| r.2).collect();
        cpu.sort_by(f64::total_cmp);
        println!(
            "| {name} | {n} | {mb:.0} | {median:.2} | {:.0} | {:.2} | {rss:.0} |",
            n as f64 / median,
            cpu[cpu.len() / 2]
        );
    };

    let config = root.join("config");
    std::fs::create_dir_all(&config).unwrap();
    let tix_runs = |config_text: &str, args: &[&str]| -> Vec<(f64, f64, f64)> {
        std::fs::write(config.join("tix.yaml"), config_text).unwrap();
        (0..runs)
            .map(|i| {
                let db = root.join(format!("run-{}-{i}.db", args.len()));
                let _ = std::fs::remove_file(&db);
                let ok = tix(&db, &config)
                    .args(["init", "--store-only"])
                    .stdout(Stdio::null())
                    .status()
                    .unwrap();
                assert!(ok.success());
                let m = measure(tix(&db, &config).args(args));
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
                }
                (m.seconds, m.max_rss_mb, m.cpu_seconds)
            })
            .collect()
    };
    let maildir_args = ["fetch", "--maildir", source.to_str().unwrap()];
    report(
        "tix fetch --maildir (no network)",
        &tix_runs("", &maildir_args),
    );
    report(
        "tix fetch, IMAPS on loopback",
        &tix_runs(&server.account_yaml(server.imaps_port), &["fetch"]),
    );
    report(
        "mbsync, IMAPS on loopback",
        &mbsync_runs(root, &server, server.imaps_port, runs),
    );
    let relay = DelayingRelay::start(server.imaps_port, delay);
    let far = format!("{} ms each way", delay.as_millis());
    report(
        &format!("tix fetch, IMAPS {far}"),
        &tix_runs(&server.account_yaml(relay.port), &["fetch"]),
    );
    report(
        &format!("mbsync, IMAPS {far}"),
        &mbsync_runs(root, &server, relay.port, runs),
    );
    watch_latency(root, &server, &config);
}

fn tix(db: &Path, config: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tix"));
    c.env("TIX_DB", db)
        .env("TIX_CONFIG", config)
        .env("TIX_BENCH_IMAP_PASSWORD", PASSWORD)
        .stderr(Stdio::inherit());
    c
}

fn mbsync_runs(root: &Path, server: &Dovecot, port: u16, runs: usize) -> Vec<(f64, f64, f64)> {
    (0..runs)
        .map(|i| {
            let local = root.join(format!("mbsync-{port}-{i}"));
            let _ = std::fs::remove_dir_all(&local);
            std::fs::create_dir_all(&local).unwrap();
            let rc = root.join(format!("mbsyncrc-{port}"));
            std::fs::write(
                &rc,
                format!(
                    "IMAPAccount bench\nHost localhost\nPort {port}\nUser {USER}\nPass {PASSWORD}\nSSLType IMAPS\nCertificateFile {cert}\n\nIMAPStore remote\nAccount bench\n\nMaildirStore local\nPath {l}/\nInbox {l}/INBOX\n\nChannel bench\nFar :remote:\nNear :local:\nPatterns INBOX\nSync Pull\nCreate Near\nSyncState *\n",
                    cert = server.dir.join("cert.pem").display(),
                    l = local.display()
                ),
            )
            .unwrap();
            let m = measure(Command::new("mbsync").arg("-q").arg("-c").arg(&rc).arg("-a"));
            let _ = std::fs::remove_dir_all(&local);
            (m.seconds, m.max_rss_mb, m.cpu_seconds)
        })
        .collect()
}

/// `tix fetch --watch`: from a message's APPEND until `tix list` shows its ticket.
fn watch_latency(root: &Path, server: &Dovecot, config: &Path) {
    std::fs::write(
        config.join("tix.yaml"),
        server.account_yaml(server.imaps_port),
    )
    .unwrap();
    let db = root.join("watch.db");
    assert!(tix(&db, config)
        .args(["init", "--store-only"])
        .stdout(Stdio::null())
        .status()
        .unwrap()
        .success());
    // Everything there now first, so that only new mail is timed.
    assert!(tix(&db, config).arg("fetch").status().unwrap().success());
    let mut watch = tix(&db, config)
        .args(["fetch", "--watch"])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_secs(2));
    let count = |db: &Path| {
        let out = tix(db, config)
            .args(["list", "--json", "--limit", "1000000"])
            .output()
            .unwrap();
        serde_json::from_slice::<serde_json::Value>(&out.stdout)
            .ok()
            .and_then(|v| v.as_array().map(Vec::len))
            .unwrap_or(0)
    };
    let mut latencies = Vec::new();
    for i in 0..5 {
        let before = count(&db);
        let message = format!(
            "From: neu{i}@example.net\r\nTo: info@example.org\r\nSubject: Neu {i}\r\nMessage-ID: <watch.{i}@example.net>\r\n\r\nGerade eingetroffen.\r\n"
        );
        let start = Instant::now();
        server.append(message.as_bytes());
        while count(&db) == before {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the watch imported nothing"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        latencies.push(start.elapsed().as_secs_f64());
        std::thread::sleep(Duration::from_millis(500));
    }
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(watch.id().to_string())
        .status();
    let _ = watch.wait();
    latencies.sort_by(f64::total_cmp);
    println!(
        "\n`tix fetch --watch`: a message appended to the INBOX is a ticket after {:.2} s (median of 5; {:.2}–{:.2} s, the `tix list` polling included)",
        latencies[2], latencies[0], latencies[4]
    );
}

/// A throwaway Dovecot on loopback, as in the tests.
struct Dovecot {
    dir: PathBuf,
    imaps_port: u16,
}

impl Dovecot {
    fn start(root: &Path) -> Dovecot {
        let dir = root.join("dovecot");
        for sub in [
            "run",
            "state",
            "mail/Maildir/cur",
            "mail/Maildir/new",
            "mail/Maildir/tmp",
        ] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
        }
        let d = dir.display();
        let ok = Command::new("openssl")
            .args([
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            ])
            .args([
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1",
            ])
            .arg("-keyout")
            .arg(dir.join("key.pem"))
            .arg("-out")
            .arg(dir.join("cert.pem"))
            .output()
            .expect("openssl runs")
            .status
            .success();
        assert!(ok);
        // SAFETY: geteuid has no preconditions.
        let root_user = unsafe { libc::geteuid() } == 0;
        let id = |flag: &str, name: &str| {
            let out = Command::new("id")
                .arg(flag)
                .args((!name.is_empty()).then_some(name))
                .output()
                .unwrap();
            String::from_utf8_lossy(&out.stdout).trim().to_string()
        };
        let user = if root_user {
            "dovecot".to_string()
        } else {
            id("-un", "")
        };
        let group = id("-gn", &user);
        let (uid, gid) = (id("-u", &user), id("-g", &user));
        std::fs::write(
            dir.join("passwd"),
            format!("{USER}:{{PLAIN}}{PASSWORD}:{uid}:{gid}::{d}/mail\n"),
        )
        .unwrap();
        let imaps_port = free_port();
        std::fs::write(
            dir.join("dovecot.conf"),
            format!(
                "base_dir = {d}/run\nstate_dir = {d}/state\nprotocols = imap\nlisten = 127.0.0.1\nlog_path = {d}/dovecot.log\nssl = yes\nssl_cert = <{d}/cert.pem\nssl_key = <{d}/key.pem\nauth_mechanisms = plain login\npassdb {{\n  driver = passwd-file\n  args = scheme=PLAIN {d}/passwd\n}}\nuserdb {{\n  driver = passwd-file\n  args = {d}/passwd\n}}\nmail_location = maildir:~/Maildir\ndefault_login_user = {user}\ndefault_internal_user = {user}\ndefault_internal_group = {group}\nfirst_valid_uid = 1\nservice imap-login {{\n  chroot =\n  inet_listener imap {{\n    port = 0\n  }}\n  inet_listener imaps {{\n    address = 127.0.0.1\n    port = {imaps_port}\n    ssl = yes\n  }}\n}}\nservice anvil {{\n  chroot =\n}}\n"
            ),
        )
        .unwrap();
        let server = Dovecot { dir, imaps_port };
        server.own(&user, &group);
        let mut c = if root_user {
            let mut c = Command::new("setpriv");
            c.arg(format!("--reuid={uid}"))
                .arg(format!("--regid={gid}"))
                .arg("--clear-groups")
                .arg("/usr/sbin/dovecot");
            c
        } else {
            Command::new("/usr/sbin/dovecot")
        };
        let ok = c
            .arg("-c")
            .arg(server.dir.join("dovecot.conf"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("dovecot-imapd is installed")
            .success();
        assert!(ok, "dovecot did not start");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", imaps_port)).is_err() {
            assert!(Instant::now() < deadline, "dovecot did not listen");
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    fn own(&self, user: &str, group: &str) {
        let _ = Command::new("chown")
            .arg("-R")
            .arg(format!("{user}:{group}"))
            .arg(&self.dir)
            .status();
        let _ = Command::new("chmod")
            .arg("-R")
            .arg("a+rX")
            .arg(&self.dir)
            .status();
    }

    /// Puts the generated messages straight into the server's Maildir and
    /// has Dovecot index them once, so no timed run pays for that.
    fn fill_inbox(&self, source: &Path) {
        let cur = self.dir.join("mail/Maildir/cur");
        for entry in std::fs::read_dir(source.join("cur")).unwrap() {
            let p = entry.unwrap().path();
            std::fs::copy(&p, cur.join(p.file_name().unwrap())).unwrap();
        }
        let (user, group) = {
            let meta = std::fs::metadata(self.dir.join("passwd")).unwrap();
            use std::os::unix::fs::MetadataExt;
            (meta.uid().to_string(), meta.gid().to_string())
        };
        self.own(&user, &group);
        let mut s = self.session();
        s.select("INBOX").unwrap();
        s.logout().unwrap();
    }

    fn session(&self) -> imap::Session<native_tls::TlsStream<TcpStream>> {
        let cert =
            native_tls::Certificate::from_pem(&std::fs::read(self.dir.join("cert.pem")).unwrap())
                .unwrap();
        let tls = native_tls::TlsConnector::builder()
            .add_root_certificate(cert)
            .build()
            .unwrap();
        let client = imap::connect(("127.0.0.1", self.imaps_port), "localhost", &tls).unwrap();
        client.login(USER, PASSWORD).map_err(|(e, _)| e).unwrap()
    }

    fn append(&self, message: &[u8]) {
        let mut s = self.session();
        s.append("INBOX", message).unwrap();
        s.logout().unwrap();
    }

    fn account_yaml(&self, port: u16) -> String {
        format!(
            "accounts:\n  - name: bench\n    host: localhost\n    port: {port}\n    user: {USER}\n    password_env: TIX_BENCH_IMAP_PASSWORD\n    ca_file: {}\n",
            self.dir.join("cert.pem").display()
        )
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        if let Ok(pid) = std::fs::read_to_string(self.dir.join("run/master.pid")) {
            let _ = Command::new("kill").arg(pid.trim()).status();
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A TCP relay that holds every packet `delay` before passing it on, in
/// both directions: latency without a bandwidth limit, as a distant
/// server has.
struct DelayingRelay {
    port: u16,
}

impl DelayingRelay {
    fn start(target: u16, delay: Duration) -> DelayingRelay {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { continue };
                let Ok(server) = TcpStream::connect(("127.0.0.1", target)) else {
                    continue;
                };
                let _ = client.set_nodelay(true);
                let _ = server.set_nodelay(true);
                pipe(
                    client.try_clone().unwrap(),
                    server.try_clone().unwrap(),
                    delay,
                );
                pipe(server, client, delay);
            }
        });
        DelayingRelay { port }
    }
}

/// Copies `from` to `to`, each chunk sent `delay` after it was read.
fn pipe(mut from: TcpStream, mut to: TcpStream, delay: Duration) {
    let (tx, rx) = std::sync::mpsc::channel::<(Instant, Vec<u8>)>();
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match from.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if tx
                        .send((Instant::now() + delay, buf[..n].to_vec()))
                        .is_err()
                    {
                        break;
                    }
                }
            }
        }
    });
    std::thread::spawn(move || {
        for (due, bytes) in rx {
            let now = Instant::now();
            if due > now {
                std::thread::sleep(due - now);
            }
            if to.write_all(&bytes).is_err() {
                break;
            }
        }
        let _ = to.shutdown(std::net::Shutdown::Write);
    });
}
