//! A real SMTP server (aiosmtpd) on loopback for one test; it keeps what it
//! accepts in a Maildir. Stopped when dropped.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct SmtpServer {
    pub dir: tempfile::TempDir,
    pub port: u16,
    child: Child,
}

pub const USER: &str = "versand";
pub const PASSWORD: &str = "geheim";

impl SmtpServer {
    /// A server; `tls` adds STARTTLS (required) with a self-signed
    /// certificate for 127.0.0.1, `login` requires USER/PASSWORD.
    pub fn start(tls: bool, login: bool) -> SmtpServer {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        Self::start_with(port, tls, login)
    }

    /// A plain server on a port chosen before (one a config names already).
    pub fn start_on(port: u16) -> SmtpServer {
        Self::start_with(port, false, false)
    }

    fn start_with(port: u16, tls: bool, login: bool) -> SmtpServer {
        let dir = tempfile::tempdir().unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/smtp_server.py");
        // Debian's python3 carries aiosmtpd (.ci/run installs python3-aiosmtpd).
        let mut cmd = Command::new("/usr/bin/python3");
        cmd.arg(script)
            .arg(port.to_string())
            .arg(dir.path().join("received"));
        if tls {
            crate::common::self_signed_cert(dir.path());
            cmd.arg("--tls")
                .arg(dir.path().join("cert.pem"))
                .arg(dir.path().join("key.pem"));
        }
        if login {
            cmd.args(["--login", USER, PASSWORD]);
        }
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("/usr/bin/python3 runs");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(
            line.trim(),
            "ready",
            "the SMTP server did not start (is python3-aiosmtpd installed?)"
        );
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "the SMTP server did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        SmtpServer { dir, port, child }
    }

    pub fn cert(&self) -> PathBuf {
        self.dir.path().join("cert.pem")
    }

    /// The messages received so far, oldest first (by delivery file name).
    pub fn received(&self) -> Vec<Vec<u8>> {
        let new = self.dir.path().join("received/new");
        let mut files: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(&new)
            .map(|d| {
                d.flatten()
                    .map(|e| (e.metadata().unwrap().modified().unwrap(), e.path()))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
            .into_iter()
            .map(|(_, p)| std::fs::read(p).unwrap())
            .collect()
    }

    /// The smtp block of a config for this server.
    pub fn yaml(&self, from: &str) -> String {
        format!(
            "smtp:\n  host: 127.0.0.1\n  port: {}\n  tls: none\n  insecure: true\n  from: \"{from}\"\n",
            self.port
        )
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A header's value in a received message (first occurrence, unfolded).
pub fn header(message: &[u8], name: &str) -> Option<String> {
    let text = String::from_utf8_lossy(message);
    let head = text.split("\r\n\r\n").next().unwrap_or("");
    let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
    unfolded.lines().find_map(|l| {
        let (n, v) = l.split_once(':')?;
        n.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
    })
}
