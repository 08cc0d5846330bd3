//! A real Dovecot IMAP server on loopback for one test: implicit TLS and
//! STARTTLS, a self-signed certificate the test config trusts, one
//! passwd-file user with Maildir storage. Stopped when dropped.
//!
//! Dovecot runs unprivileged, as one user for everything (its master, its
//! login and internal processes, the mail folder): the current user, or,
//! when the tests run as root, the `dovecot` user the package creates.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub struct Dovecot {
    pub dir: tempfile::TempDir,
    pub imap_port: u16,
    pub imaps_port: u16,
    /// The unprivileged user and group the daemon runs as, when tests run as root.
    run_as: Option<(String, String)>,
}

pub const USER: &str = "test";
pub const PASSWORD: &str = "secret";

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Dovecot lives in /usr/sbin, which a normal user's PATH often lacks.
fn dovecot_binary() -> PathBuf {
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .chain([PathBuf::from("/usr/sbin")])
        .map(|d| d.join("dovecot"))
        .find(|p| p.is_file())
        .unwrap_or_else(|| PathBuf::from("dovecot"))
}

/// `id FLAG [NAME]`: a user's or group's name or number.
fn id(flag: &str, name: &str) -> String {
    let mut c = Command::new("id");
    c.arg(flag);
    if !name.is_empty() {
        c.arg(name);
    }
    let out = c.output().expect("id");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

impl Dovecot {
    pub fn start() -> Dovecot {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for sub in ["run", "state", "mail/test"] {
            std::fs::create_dir_all(d.join(sub)).unwrap();
        }
        crate::common::self_signed_cert(d);
        // SAFETY: geteuid has no preconditions.
        let root = unsafe { libc::geteuid() } == 0;
        let user = if root {
            "dovecot".to_string()
        } else {
            id("-un", "")
        };
        let group = id("-gn", &user);
        let (uid, gid) = (id("-u", &user), id("-g", &user));
        std::fs::write(
            d.join("passwd"),
            format!(
                "{USER}:{{PLAIN}}{PASSWORD}:{uid}:{gid}::{}\n",
                d.join("mail/test").display()
            ),
        )
        .unwrap();
        if root {
            // Everything Dovecot reads and writes belongs to its user.
            Command::new("chown")
                .arg("-R")
                .arg(format!("{user}:{group}"))
                .arg(d)
                .status()
                .unwrap();
        }
        Command::new("chmod").arg("755").arg(d).status().unwrap();
        let (imap_port, imaps_port) = (free_port(), free_port());
        let conf = format!(
            r#"base_dir = {d}/run
state_dir = {d}/state
protocols = imap
listen = 127.0.0.1
log_path = {d}/dovecot.log
ssl = yes
ssl_cert = <{d}/cert.pem
ssl_key = <{d}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {d}/passwd
}}
userdb {{
  driver = passwd-file
  args = {d}/passwd
}}
mail_location = maildir:~/Maildir
default_login_user = {user}
default_internal_user = {user}
default_internal_group = {group}
first_valid_uid = 1
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
"#,
            d = d.display(),
        );
        std::fs::write(d.join("dovecot.conf"), conf).unwrap();
        let server = Dovecot {
            dir,
            imap_port,
            imaps_port,
            run_as: root.then_some((uid, gid)),
        };
        server.launch();
        server
    }

    /// Starts the daemon on the written config and waits until it listens.
    fn launch(&self) {
        let d = self.dir.path();
        // The daemon keeps the descriptors it was started with: pipes here
        // would never reach end of file, so its start-up errors go to a file.
        let startup_log = d.join("startup.log");
        let mut dovecot = match &self.run_as {
            Some((uid, gid)) => {
                let mut c = Command::new("setpriv");
                c.arg(format!("--reuid={uid}"))
                    .arg(format!("--regid={gid}"))
                    .arg("--clear-groups")
                    .arg(dovecot_binary());
                c
            }
            None => Command::new(dovecot_binary()),
        };
        let status = dovecot
            .arg("-c")
            .arg(d.join("dovecot.conf"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&startup_log).unwrap())
            .status()
            .expect("dovecot is installed (.ci/run installs dovecot-imapd)");
        assert!(
            status.success(),
            "dovecot did not start: {}",
            std::fs::read_to_string(&startup_log).unwrap_or_default()
        );
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", self.imaps_port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "dovecot did not listen on {}",
                self.imaps_port
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn cert(&self) -> PathBuf {
        self.dir.path().join("cert.pem")
    }

    /// A logged-in session for the test's own look at the server.
    pub fn session(&self) -> imap::Session<native_tls::TlsStream<std::net::TcpStream>> {
        let cert = native_tls::Certificate::from_pem(&std::fs::read(self.cert()).unwrap()).unwrap();
        let tls = native_tls::TlsConnector::builder()
            .add_root_certificate(cert)
            .build()
            .unwrap();
        let client = imap::connect(("127.0.0.1", self.imaps_port), "localhost", &tls).unwrap();
        client.login(USER, PASSWORD).map_err(|(e, _)| e).unwrap()
    }

    /// Delivers messages into a folder (created if need be) with APPEND.
    pub fn append(&self, folder: &str, messages: &[Vec<u8>]) {
        let mut s = self.session();
        let _ = s.create(folder);
        for m in messages {
            s.append(folder, m).unwrap();
        }
        s.logout().unwrap();
    }

    /// A config account for this server.
    pub fn account_yaml(&self, name: &str, tls: &str, extra: &str) -> String {
        let port = if tls == "implicit" {
            self.imaps_port
        } else {
            self.imap_port
        };
        format!(
            "  - name: {name}\n    host: localhost\n    port: {port}\n    tls: {tls}\n    user: {USER}\n    password_env: TIX_TEST_IMAP_PASSWORD\n    ca_file: {}\n{extra}",
            self.cert().display()
        )
    }

    /// Stops the server (its master and every process under it).
    pub fn stop(&self) {
        let pid_file = self.dir.path().join("run/master.pid");
        if let Ok(pid) = std::fs::read_to_string(&pid_file) {
            let _ = Command::new("kill").arg(pid.trim()).status();
            let deadline = Instant::now() + Duration::from_secs(10);
            while Path::new(&pid_file).exists() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }

    /// Stops and starts the server again on the same ports and mail, as an
    /// admin's restart does (open connections are dropped).
    pub fn restart(&self) {
        self.stop();
        self.launch();
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("dovecot.log")).unwrap_or_default()
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A TCP relay in front of the server that cuts its first connection after
/// `cut_after` bytes from the server, as a dropped network would; later
/// connections pass whole.
pub struct CuttingRelay {
    pub port: u16,
}

impl CuttingRelay {
    pub fn start(target_port: u16, cut_after: usize) -> CuttingRelay {
        use std::io::{Read, Write};
        use std::net::{Shutdown, TcpStream};
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            let mut first = true;
            for client in listener.incoming() {
                let Ok(client) = client else { return };
                let server = TcpStream::connect(("127.0.0.1", target_port)).unwrap();
                let limit = if first { cut_after } else { usize::MAX };
                first = false;
                let (mut c_in, mut s_out) =
                    (client.try_clone().unwrap(), server.try_clone().unwrap());
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut c_in, &mut s_out);
                });
                let (mut s_in, mut c_out) = (server, client);
                std::thread::spawn(move || {
                    let mut passed = 0usize;
                    let mut buf = [0u8; 16384];
                    loop {
                        let n = match s_in.read(&mut buf) {
                            Ok(0) | Err(_) => break,
                            Ok(n) => n.min(limit - passed),
                        };
                        if c_out.write_all(&buf[..n]).is_err() {
                            break;
                        }
                        passed += n;
                        if passed >= limit {
                            break;
                        }
                    }
                    let _ = c_out.shutdown(Shutdown::Both);
                    let _ = s_in.shutdown(Shutdown::Both);
                });
            }
        });
        CuttingRelay { port }
    }
}

/// A TCP relay in front of the server whose open connections can be made
/// to stall (the server's words stop arriving, the connection stays up),
/// as a server that hangs does; connections made after that pass.
pub struct StallingRelay {
    pub port: u16,
    /// Connections numbered below this are stalled.
    stalled_below: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    opened: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl StallingRelay {
    pub fn start(target_port: u16) -> StallingRelay {
        use std::io::{Read, Write};
        use std::net::TcpStream;
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Arc;
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let stalled_below = Arc::new(AtomicUsize::new(0));
        let opened = Arc::new(AtomicUsize::new(0));
        let (stalled, count) = (stalled_below.clone(), opened.clone());
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { return };
                let Ok(server) = TcpStream::connect(("127.0.0.1", target_port)) else {
                    continue;
                };
                let id = count.fetch_add(1, Ordering::SeqCst);
                let (mut c_in, mut s_out) =
                    (client.try_clone().unwrap(), server.try_clone().unwrap());
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut c_in, &mut s_out);
                });
                let (mut s_in, mut c_out) = (server, client);
                let stalled = stalled.clone();
                std::thread::spawn(move || {
                    let mut buf = [0u8; 16384];
                    loop {
                        let n = match s_in.read(&mut buf) {
                            Ok(0) | Err(_) => break,
                            Ok(n) => n,
                        };
                        if id < stalled.load(Ordering::SeqCst) {
                            continue; // swallowed: the client hears nothing more
                        }
                        if c_out.write_all(&buf[..n]).is_err() {
                            break;
                        }
                    }
                });
            }
        });
        StallingRelay {
            port,
            stalled_below,
            opened,
        }
    }

    /// Every connection open now stalls.
    pub fn stall(&self) {
        use std::sync::atomic::Ordering;
        let open = self.opened.load(Ordering::SeqCst);
        self.stalled_below.store(open, Ordering::SeqCst);
    }
}
