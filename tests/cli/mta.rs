//! Bounces made by a real MTA: a throwaway Postfix instance (Debian's
//! package, .ci/run installs it) sends the club's mail to the test SMTP
//! server, which answers as remote servers do (unknown user, full mailbox,
//! message too big, a refused sender, 4xx then 5xx, 4xx until the queue
//! lifetime ends); Postfix also delivers locally (an unknown user, a mailbox
//! over its size limit). The returns come back to the same server and are
//! read by `tix bounce-report`, whose answer must be exactly the known truth.
//!
//! The same returns are kept in fixtures/mail/bounces/mta/ and read by a test
//! that needs no MTA, with Exim's and OpenSMTPD's (made by the scripts in
//! benches/mta/). To make
//! Postfix's again:
//! `TIX_KEEP_MTA_BOUNCES=$PWD/fixtures/mail/bounces/mta cargo test postfix_returns_made`.

use crate::common::*;
use crate::smtp::SmtpServer;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// One message the club sends.
struct Case {
    name: &'static str,
    from: &'static str,
    to: &'static [&'static str],
    /// Depends on the machine's resolver answering "no such domain": kept as
    /// a fixture, not made again in CI.
    needs_dns: bool,
}

const CLUB: &str = "treasurer@club.test";

/// The messages: each refused in its own way by the test server (by the
/// recipient's local part, see smtp_server.py) or by local delivery.
#[rustfmt::skip]
const CASES: &[Case] = &[
    Case { name: "user-unknown", from: CLUB, to: &["reject-anna@remote.test"], needs_dns: false },
    Case { name: "mailbox-full", from: CLUB, to: &["full-ben@remote.test"], needs_dns: false },
    Case { name: "two-recipients", from: CLUB, to: &["reject-hans@remote.test", "full-ida@remote.test"], needs_dns: false },
    Case { name: "temporary-then-unknown", from: CLUB, to: &["flaky-carla@remote.test"], needs_dns: false },
    Case { name: "expired", from: CLUB, to: &["tempfail-dora@remote.test"], needs_dns: false },
    Case { name: "sender-refused", from: "refused-sender@club.test", to: &["emil@remote.test"], needs_dns: false },
    Case { name: "too-big", from: CLUB, to: &["toobig-fritz@remote.test"], needs_dns: false },
    Case { name: "local-unknown-user", from: CLUB, to: &["nosuchuser@local.tix.test"], needs_dns: false },
    Case { name: "local-mailbox-over-limit", from: CLUB, to: &["nobody@local.tix.test"], needs_dns: false },
    Case { name: "host-unknown", from: CLUB, to: &["greta@nohost.test"], needs_dns: true },
];

/// What a return must say of one recipient: (MTA, case, which return,
/// address, message kind, status, reason, hard). A return is the file
/// `MTA-CASE-RETURN.eml` in fixtures/mail/bounces/mta.
///
/// Exim answers an unknown local user with "Unrouteable address", as for
/// an unknown domain, so that case is left out for it. OpenSMTPD retries
/// later than a four-second queue lifetime, so its 4xx-then-5xx recipient
/// expires, and its expiry comes in the delay template with "Envelope
/// expired" (the "expired" returns): a failure all the same.
#[rustfmt::skip]
const TRUTH: &[Truth] = &[
    ("postfix", "user-unknown", "failure", "reject-anna@remote.test", "failure", "5.1.1", "userunknown", true),
    ("postfix", "mailbox-full", "failure", "full-ben@remote.test", "failure", "5.2.2", "mailboxfull", false),
    ("postfix", "two-recipients", "failure", "reject-hans@remote.test", "failure", "5.1.1", "userunknown", true),
    ("postfix", "two-recipients", "failure", "full-ida@remote.test", "failure", "5.2.2", "mailboxfull", false),
    ("postfix", "temporary-then-unknown", "delayed", "flaky-carla@remote.test", "delay", "4.2.1", "suspend", false),
    ("postfix", "temporary-then-unknown", "failure", "flaky-carla@remote.test", "failure", "5.1.1", "userunknown", true),
    ("postfix", "expired", "delayed", "tempfail-dora@remote.test", "delay", "4.3.0", "expired", false),
    ("postfix", "expired", "failure", "tempfail-dora@remote.test", "failure", "4.3.0", "expired", false),
    ("postfix", "sender-refused", "failure", "emil@remote.test", "failure", "5.7.1", "rejected", false),
    ("postfix", "too-big", "failure", "toobig-fritz@remote.test", "failure", "5.3.4", "mesgtoobig", false),
    ("postfix", "local-unknown-user", "failure", "nosuchuser@local.tix.test", "failure", "5.1.1", "userunknown", true),
    ("postfix", "local-mailbox-over-limit", "failure", "nobody@local.tix.test", "failure", "5.2.2", "mailboxfull", false),
    ("postfix", "host-unknown", "failure", "greta@nohost.test", "failure", "5.4.4", "hostunknown", true),
    ("exim", "user-unknown", "failure", "reject-anna@remote.test", "failure", "5.1.1", "userunknown", true),
    ("exim", "mailbox-full", "failure", "full-ben@remote.test", "failure", "5.2.2", "mailboxfull", false),
    ("exim", "two-recipients", "failure", "reject-hans@remote.test", "failure", "5.1.1", "userunknown", true),
    ("exim", "two-recipients", "failure", "full-ida@remote.test", "failure", "5.2.2", "mailboxfull", false),
    ("exim", "temporary-then-unknown", "failure", "flaky-carla@remote.test", "failure", "5.1.1", "userunknown", true),
    ("exim", "expired", "delayed", "tempfail-dora@remote.test", "delay", "4.3.0", "expired", false),
    ("exim", "expired", "failure", "tempfail-dora@remote.test", "failure", "4.3.0", "expired", false),
    ("exim", "sender-refused", "failure", "emil@remote.test", "failure", "5.7.1", "rejected", false),
    ("exim", "too-big", "failure", "toobig-fritz@remote.test", "failure", "5.3.4", "mesgtoobig", false),
    ("exim", "local-mailbox-over-limit", "delayed", "nobody@local.tix.test", "delay", "4.0.0", "mailboxfull", false),
    ("exim", "local-mailbox-over-limit", "failure", "nobody@local.tix.test", "failure", "5.0.0", "mailboxfull", false),
    ("exim", "host-unknown", "failure", "greta@nohost.test", "failure", "5.0.0", "hostunknown", true),
    ("opensmtpd", "user-unknown", "failure", "reject-anna@remote.test", "failure", "5.1.1", "userunknown", true),
    ("opensmtpd", "mailbox-full", "failure", "full-ben@remote.test", "failure", "5.2.2", "mailboxfull", false),
    ("opensmtpd", "two-recipients", "failure", "reject-hans@remote.test", "failure", "5.1.1", "userunknown", true),
    ("opensmtpd", "two-recipients", "failure", "full-ida@remote.test", "failure", "5.2.2", "mailboxfull", false),
    ("opensmtpd", "temporary-then-unknown", "delayed", "flaky-carla@remote.test", "delay", "4.2.1", "suspend", false),
    ("opensmtpd", "temporary-then-unknown", "expired", "flaky-carla@remote.test", "failure", "4.4.7", "expired", false),
    ("opensmtpd", "expired", "delayed", "tempfail-dora@remote.test", "delay", "4.3.0", "expired", false),
    ("opensmtpd", "expired", "expired", "tempfail-dora@remote.test", "failure", "4.4.7", "expired", false),
    ("opensmtpd", "sender-refused", "failure", "emil@remote.test", "failure", "5.7.1", "rejected", false),
    ("opensmtpd", "too-big", "failure", "toobig-fritz@remote.test", "failure", "5.3.4", "mesgtoobig", false),
    ("opensmtpd", "host-unknown", "failure", "greta@nohost.test", "failure", "5.0.0", "hostunknown", true),
];

type Truth = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
);

/// The returns one MTA writes, as (case, return) pairs, each once.
fn returns_of(mta: &str) -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&str, &str)> = TRUTH
        .iter()
        .filter(|t| t.0 == mta)
        .map(|t| (t.1, t.2))
        .collect();
    out.dedup();
    out
}

fn fixture_name(mta: &str, case: &str, ret: &str) -> String {
    format!("{mta}-{case}-{ret}.eml")
}

/// Reads one return with bounce-report and holds it to the truth: what
/// differs, if anything.
fn check(env: &Env, path: &Path, mta: &str, case: &str, ret: &str) -> Result<(), String> {
    let truth: Vec<_> = TRUTH
        .iter()
        .filter(|t| (t.0, t.1, t.2) == (mta, case, ret))
        .collect();
    let v = env.bounces_per_message(path);
    let name = path.file_name().unwrap().to_string_lossy();
    let message = &v[0];
    let found = message["recipients"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    if v.len() != 1 || found.len() != truth.len() {
        return Err(format!(
            "{name}: {} recipients expected: {v:?}",
            truth.len()
        ));
    }
    for &&(_, _, _, address, kind, status, reason, hard) in &truth {
        let Some(r) = found.iter().find(|r| r["address"] == address) else {
            return Err(format!("{name}: no {address} in {message}"));
        };
        let have = (
            message["kind"].as_str().unwrap(),
            r["status"].as_str().unwrap(),
            r["reason"].as_str().unwrap(),
            r["hard"].as_bool().unwrap(),
        );
        if have != (kind, status, reason, hard) {
            return Err(format!(
                "{name}: {have:?}, expected {:?}: {}",
                (kind, status, reason, hard),
                r["diagnostic"]
            ));
        }
    }
    Ok(())
}

fn all_right(results: Vec<Result<(), String>>) {
    let wrong: Vec<String> = results.into_iter().filter_map(Result::err).collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn mta_returns_kept_as_fixtures_are_read_exactly() {
    let env = Env::new();
    let dir = fixture("mail/bounces/mta");
    let mut results = Vec::new();
    let mut listed = 0;
    for mta in ["postfix", "exim", "opensmtpd"] {
        for (case, ret) in returns_of(mta) {
            let path = dir.join(fixture_name(mta, case, ret));
            results.push(check(&env, &path, mta, case, ret));
            listed += 1;
        }
    }
    // Every kept return has its truth.
    let kept = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "eml")
        })
        .count();
    assert_eq!(kept, listed, "returns in {} without a truth", dir.display());
    all_right(results);
}

/// A Postfix instance of its own: config, queue, log and local mailboxes in
/// one temporary folder; no listening socket (mail goes in by its sendmail).
struct Postfix {
    dir: tempfile::TempDir,
}

impl Postfix {
    fn start(remote_port: u16) -> Postfix {
        assert!(
            Path::new("/usr/sbin/postfix").exists(),
            "Postfix is not installed (.ci/run installs Debian's postfix)"
        );
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        // Postfix's daemons run as the postfix user and must reach the queue.
        set_mode(root, 0o755);
        for sub in ["etc", "queue", "data", "spool"] {
            std::fs::create_dir(root.join(sub)).unwrap();
        }
        set_mode(&root.join("spool"), 0o1777);
        chown(&root.join("data"), "postfix");
        std::fs::write(
            root.join("etc/transport"),
            format!(
                "remote.test smtp:[127.0.0.1]:{remote_port}\nclub.test smtp:[127.0.0.1]:{remote_port}\n"
            ),
        )
        .unwrap();
        let r = root.display();
        // Retries every second, a delay notice after one and a queue
        // lifetime of four: the whole life of a deferred message in seconds.
        let main_cf = format!(
            "compatibility_level = 3.6
queue_directory = {r}/queue
data_directory = {r}/data
mail_owner = postfix
setgid_group = postdrop
myhostname = mta.tix.test
mydomain = tix.test
myorigin = tix.test
mydestination = local.tix.test
inet_interfaces = loopback-only
inet_protocols = ipv4
alias_maps =
alias_database =
mail_spool_directory = {r}/spool
mailbox_size_limit = 20000
message_size_limit = 20000
smtp_dns_support_level = disabled
transport_maps = texthash:{r}/etc/transport
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 2s
delay_warning_time = 1s
maximal_queue_lifetime = 4s
bounce_queue_lifetime = 0
notify_classes =
biff = no
maillog_file_prefixes = {r}
maillog_file = {r}/maillog
"
        );
        std::fs::write(root.join("etc/main.cf"), main_cf).unwrap();
        // Debian's services, none chrooted, without the SMTP listener.
        let master = std::fs::read_to_string("/etc/postfix/master.cf").unwrap();
        let master: String = master
            .lines()
            .filter(|l| !l.starts_with("smtp ") || !l.contains(" inet "))
            .map(|l| {
                let fields: Vec<&str> = l.split_whitespace().collect();
                let service = l.starts_with(|c: char| c.is_ascii_lowercase());
                if service && fields.len() >= 8 {
                    let mut f = fields.clone();
                    f[4] = "n";
                    f.join(" ") + "\n"
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
        std::fs::write(root.join("etc/master.cf"), master).unwrap();
        // A local mailbox nearly at its size limit.
        let mailbox = root.join("spool/nobody");
        std::fs::write(&mailbox, "x".repeat(19_990)).unwrap();
        chown(&mailbox, "nobody");
        let postfix = Postfix { dir };
        postfix.run("/usr/sbin/postfix", &["start"]);
        postfix
    }

    fn etc(&self) -> PathBuf {
        self.dir.path().join("etc")
    }

    fn run(&self, program: &str, args: &[&str]) {
        let out = Command::new(program)
            .arg("-c")
            .arg(self.etc())
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{program} {args:?}: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(self.dir.path().join("maillog")).unwrap_or_default()
        );
    }

    fn send(&self, case: &Case) {
        let message = format!(
            "From: {}\nTo: {}\nSubject: Newsletter {}\nMessage-ID: <{}@club.test>\nDate: Wed, 02 Dec 2026 03:00:00 +0000\n\nDear member, the club's December news.\n",
            case.from,
            case.to.join(", "),
            case.name,
            case.name
        );
        let mut child = Command::new("/usr/sbin/sendmail")
            .arg("-C")
            .arg(self.etc())
            .args(["-f", case.from, "--"])
            .args(case.to)
            .stdin(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(message.as_bytes())
            .unwrap();
        assert!(
            child.wait().unwrap().success(),
            "sendmail for {}",
            case.name
        );
    }
}

impl Drop for Postfix {
    fn drop(&mut self) {
        let _ = Command::new("/usr/sbin/postfix")
            .arg("-c")
            .arg(self.etc())
            .arg("abort")
            .output();
    }
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn chown(path: &Path, user: &str) {
    let ok = Command::new("chown")
        .arg(user)
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "chown {user} {}", path.display());
}

/// Which return of which case a message is: by the failed address it
/// names and whether it is a delay notice.
fn which_return<'a>(cases: &[&'a Case], message: &[u8]) -> Option<(&'a Case, &'static str)> {
    let text = String::from_utf8_lossy(message);
    let delayed = text.contains("Subject: Delayed Mail");
    let case = cases.iter().find(|c| {
        c.to.iter()
            .all(|a| text.contains(&format!("Final-Recipient: rfc822; {a}")))
    })?;
    Some((case, if delayed { "delayed" } else { "failure" }))
}

#[test]
fn postfix_returns_made_now_are_read_exactly() {
    let remote = SmtpServer::start(false, false);
    let postfix = Postfix::start(remote.port);
    let keep = std::env::var_os("TIX_KEEP_MTA_BOUNCES").map(PathBuf::from);
    let cases: Vec<&Case> = CASES
        .iter()
        .filter(|c| !c.needs_dns || keep.is_some())
        .collect();
    for case in &cases {
        postfix.send(case);
    }
    let expected = returns_of("postfix")
        .iter()
        .filter(|(name, _)| cases.iter().any(|c| c.name == *name))
        .count();
    let deadline = Instant::now() + Duration::from_secs(60);
    let received = loop {
        let received = remote.received();
        if received.len() >= expected || Instant::now() > deadline {
            break received;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(received.len(), expected, "returns from Postfix");
    let env = Env::new();
    let mut seen = std::collections::HashSet::new();
    let mut results = Vec::new();
    for message in &received {
        // The test server's own envelope lines are not part of the return.
        let mut message = &message[..];
        while message.starts_with(b"X-Test-Envelope-") {
            let end = message.iter().position(|&b| b == b'\n').unwrap();
            message = &message[end + 1..];
        }
        let (case, ret) = which_return(&cases, message).unwrap_or_else(|| {
            panic!(
                "a return for no case:\n{}",
                String::from_utf8_lossy(message)
            )
        });
        assert!(
            seen.insert((case.name, ret)),
            "two {ret} returns for {}",
            case.name
        );
        let path = env.dir.path().join(fixture_name("postfix", case.name, ret));
        std::fs::write(&path, message).unwrap();
        if let Some(dir) = &keep {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
        results.push(check(&env, &path, "postfix", case.name, ret));
    }
    all_right(results);
}
