//! A real MariaDB on loopback for one test (Debian `mariadb-server`): a
//! data folder of its own, a user `tix` with password `pw`. Stopped when
//! dropped.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct MariaDb {
    dir: tempfile::TempDir,
    pub port: u16,
    server: Child,
}

/// MariaDB's programs live in /usr/sbin and /usr/bin.
fn program(name: &str) -> PathBuf {
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .chain([PathBuf::from("/usr/sbin"), PathBuf::from("/usr/bin")])
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| PathBuf::from(name))
}

fn as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

impl MariaDb {
    pub fn start() -> MariaDb {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let root = as_root();
        if root {
            // The server refuses to run as root: its files are the mysql user's.
            Command::new("chmod").arg("755").arg(d).status().unwrap();
            Command::new("chown").arg("mysql").arg(d).status().unwrap();
        }
        let user = if root {
            "mysql".to_string()
        } else {
            std::env::var("USER").unwrap_or_default()
        };
        let log = d.join("install.log");
        // One installation at a time: parallel ones were seen to fail once
        // (without a word in their log) on a busy machine.
        static INSTALLING: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let _one = INSTALLING.lock().unwrap_or_else(|e| e.into_inner());
        let installed = Command::new(program("mariadb-install-db"))
            .args([
                "--no-defaults",
                &format!("--datadir={}", d.join("data").display()),
                &format!("--user={user}"),
                "--auth-root-authentication-method=normal",
            ])
            .stdout(std::fs::File::create(&log).unwrap())
            .stderr(Stdio::piped())
            .output()
            .expect("mariadb-install-db (Debian mariadb-server)");
        assert!(
            installed.status.success(),
            "mariadb-install-db failed: {}{}",
            std::fs::read_to_string(&log).unwrap_or_default(),
            String::from_utf8_lossy(&installed.stderr)
        );
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let socket = d.join("sock");
        let server = Command::new(program("mariadbd"))
            .args([
                "--no-defaults",
                &format!("--datadir={}", d.join("data").display()),
                &format!("--socket={}", socket.display()),
                &format!("--port={port}"),
                "--bind-address=127.0.0.1",
                &format!("--user={user}"),
                "--skip-log-bin",
                "--innodb-flush-log-at-trx-commit=0",
                &format!("--pid-file={}", d.join("pid").display()),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("mariadbd");
        let started = Instant::now();
        while !socket.exists() {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "MariaDB did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let made = Command::new(program("mariadb"))
            .args([
                &format!("--socket={}", socket.display()),
                "-uroot",
                "-e",
                "CREATE USER 'tix'@'127.0.0.1' IDENTIFIED BY 'pw'; GRANT ALL ON *.* TO 'tix'@'127.0.0.1'",
            ])
            .status()
            .unwrap();
        assert!(made.success());
        MariaDb { dir, port, server }
    }

    /// A new database on this server, its URL.
    pub fn database(&self, name: &str) -> String {
        use mysql::prelude::Queryable;
        let mut c = mysql::Conn::new(
            mysql::Opts::from_url(&format!("mysql://tix:pw@127.0.0.1:{}/", self.port)).unwrap(),
        )
        .unwrap();
        c.query_drop(format!("CREATE DATABASE {name} CHARACTER SET utf8mb4"))
            .unwrap();
        format!("mysql://tix:pw@127.0.0.1:{}/{name}", self.port)
    }
}

impl Drop for MariaDb {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
        let _ = &self.dir;
    }
}
