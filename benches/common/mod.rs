//! What the benchmark harnesses share: a deterministic generator and a way
//! to time a whole process with its peak memory.

#![allow(dead_code)] // each harness uses a part

pub mod mail;

use std::process::Command;
use std::time::Instant;

/// A small deterministic generator, so every run sees the same mail.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

pub struct Measured {
    pub seconds: f64,
    pub max_rss_mb: f64,
    /// User and system CPU time of the process.
    pub cpu_seconds: f64,
}

/// Runs a command to completion (stdout discarded) and reads its peak RSS
/// from wait4.
// wait4 below reaps the child; std's wait() would not report its rusage.
#[allow(clippy::zombie_processes)]
pub fn measure(cmd: &mut Command) -> Measured {
    // Generated input still being written back would be charged to the run.
    // SAFETY: sync(2) takes no arguments and cannot fail.
    unsafe { libc::sync() };
    let start = Instant::now();
    let child = cmd
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            // A reference tool (mbsync, notmuch) may not be installed.
            panic!("cannot run {:?}: {e}", cmd.get_program())
        });
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waiting on our own child with valid out-pointers.
    let r = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    let seconds = start.elapsed().as_secs_f64();
    assert!(
        r > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{cmd:?} failed"
    );
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Measured {
        seconds,
        max_rss_mb: usage.ru_maxrss as f64 / 1024.0,
        cpu_seconds: tv(usage.ru_utime) + tv(usage.ru_stime),
    }
}

/// A new empty database `name` on the PostgreSQL server at `server` (a URL
/// without a database, as `--server` takes it), dropped first if it is
/// there; its URL.
pub fn fresh_server_database(server: &str, name: &str) -> String {
    let mut admin =
        postgres::Client::connect(&format!("{server}/postgres"), postgres::NoTls).unwrap();
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .unwrap();
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    format!("{server}/{name}")
}
