//! Regressions from an adversarial run: what an admin's worst week did to
//! tix (broken configs under an MTA pipe, poison messages, stalled servers,
//! planted files, forged headers), each reproduced through the CLI.

use crate::common::*;
use crate::smtp::{header, SmtpServer};

const PRESSE: &str = "queues:\n  - name: Presse\n    addresses: [presse@verein.example]\n";

fn message(id: &str, to: &str, subject: &str) -> Vec<u8> {
    format!(
        "From: Erika <erika@kunde.example>\nTo: {to}\nSubject: {subject}\nMessage-ID: <{id}>\nDate: {}\n\nText\n",
        chrono::Utc::now().to_rfc2822()
    )
    .into_bytes()
}

#[test]
fn ingest_keeps_the_mail_at_the_mta_for_every_problem_that_is_not_the_message() {
    // The README's alias line run as another user: no store where it looks.
    let env = Env::without_store();
    std::fs::write(env.config.join("tix.yaml"), PRESSE).unwrap();
    let mail = message("a@x", "presse@verein.example", "Anfrage");
    let r = env.run_with(&["ingest", "--queue", "Presse"], Some(&mail));
    assert_eq!(r.code, 75, "{}", r.stderr);
    // The MTA quotes this to the sender: the kind of trouble, no path.
    assert_eq!(
        r.stderr.trim(),
        "tix: the ticket store cannot take the message now; the message waits in the MTA's queue (details in the mail log)"
    );
    // The admin trying it by hand (-v) reads the whole of it.
    let r = env.run_with(&["ingest", "-v", "--queue", "Presse"], Some(&mail));
    assert_eq!(r.code, 75, "{}", r.stderr);
    assert!(
        r.stderr
            .contains(&format!("no store at {}; run tix init", env.db.display())),
        "{}",
        r.stderr
    );
    assert!(!env.db.exists(), "ingest must not create a store");
    // fetch from cron alike: try again once the store is there.
    let mbox = env.path("m.mbox");
    std::fs::write(
        &mbox,
        b"From a@x Thu Nov 24 18:22:48 2026\nSubject: x\n\nx\n",
    )
    .unwrap();
    let r = env.run(&["fetch", "--mbox", mbox.to_str().unwrap()]);
    assert_eq!(r.code, 75, "{}", r.stderr);
    assert!(!env.db.exists(), "fetch must not create a store");
    // Other commands say the same, as a setup error.
    let r = env.run(&["list"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr.trim(),
        format!("tix: no store at {}; run tix init", env.db.display())
    );
    // init puts the folder's config in force.
    env.ok(&["init", "--store-only"]);

    // A typo in the folder: the configuration in force takes the mail.
    std::fs::write(
        env.config.join("tix.yaml"),
        format!("{PRESSE}    auto_replay: eingang\n"),
    )
    .unwrap();
    let r = env.run_with(&["ingest"], Some(&mail));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(env.numbers(&["--queue", "Presse"]).len(), 1);

    // A store that follows its folder (made while the folder was broken,
    // so nothing was applied): the typo keeps the mail at the MTA.
    let follower = env.path("follower.db");
    let f = follower.to_str().unwrap();
    let r = env.run(&["--db", f, "init", "--store-only"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("follows the folder"), "{}", r.stderr);
    let r = env.run_with(&["--db", f, "ingest"], Some(&mail));
    assert_eq!(r.code, 75, "{}", r.stderr);
    assert!(
        r.stderr.contains("configuration has an error") && !r.stderr.contains("auto_replay"),
        "{}",
        r.stderr
    );
    let r = env.run_with(&["--db", f, "ingest", "-v"], Some(&mail));
    assert_eq!(r.code, 75, "{}", r.stderr);
    assert!(r.stderr.contains("auto_replay"), "{}", r.stderr);
    // A mistyped option in the pipe line is no reason to bounce either.
    let r = env.run_with(&["--db", f, "ingest", "--queu", "Presse"], Some(&mail));
    assert_eq!(r.code, 75, "{}", r.stderr);
    // The admin sees it where they look: config check and the dashboard.
    let r = env.run(&["--db", f, "config", "check"]);
    assert!(
        r.stderr.contains("ingest could not take mail at") && r.stderr.contains("auto_replay"),
        "{}",
        r.stderr
    );

    // Fixed: the retried message arrives once.
    std::fs::write(env.config.join("tix.yaml"), PRESSE).unwrap();
    let board = env.ok(&["--db", f, "dashboard"]);
    assert!(board.starts_with("Mail waiting at the MTA\n"), "{board}");
    let r = env.run_with(&["--db", f, "ingest", "-v"], Some(&mail));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(env.numbers(&["--db", f, "--queue", "Presse"]).len(), 1);
    // Mail came in since: nothing left to tell.
    let r = env.run(&["--db", f, "config", "check"]);
    assert!(!r.stderr.contains("could not take mail"), "{}", r.stderr);
    assert!(!env.ok(&["--db", f, "dashboard"]).contains("Mail waiting"));
}

#[test]
fn init_refuses_another_programs_database_and_keeps_a_config_folder() {
    if !sqlite_only() {
        return; // the SQLite file itself (see store_server.rs for the server)
    }
    let env = Env::without_store();
    let other = rusqlite::Connection::open(&env.db).unwrap();
    other
        .execute_batch("CREATE TABLE members (name TEXT); INSERT INTO members VALUES ('Erika');")
        .unwrap();
    drop(other);
    for args in [&["init"][..], &["list"][..]] {
        let r = env.run(args);
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr
                .starts_with(&format!("tix: {}: not a tix store", env.db.display())),
            "{args:?}: {}",
            r.stderr
        );
    }
    // Untouched: its data and its journal mode.
    let other = env.sql();
    let kept: String = other
        .query_row("SELECT name FROM members", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, "Erika");
    let mode: String = other
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");

    // A config folder that holds YAML already gets no example beside it.
    let fresh = Env::without_store();
    std::fs::write(fresh.config.join("queues.yaml"), PRESSE).unwrap();
    let out = fresh.ok(&["init"]);
    assert!(out.contains("kept existing config"), "{out}");
    assert!(!fresh.config.join("tix.yaml").exists());
    fresh.ok(&["list"]);
}

#[test]
fn a_message_over_the_size_limit_is_kept_in_part_and_stops_nothing() {
    let env = Env::with_config("max_message_mb: 1\n");
    let small = |i: u32| {
        format!("From a{i}@x.example Thu Nov 24 18:22:48 2026\nFrom: a{i}@x.example\nSubject: klein {i}\nMessage-ID: <k{i}@x>\n\nText {i}\n\n")
    };
    let mut mbox = small(1).into_bytes();
    mbox.extend_from_slice(
        b"From big@x.example Thu Nov 24 18:22:48 2026\nFrom: big@x.example\nSubject: riesig\nMessage-ID: <big@x>\n\n",
    );
    for _ in 0..(3 * 1024 * 1024 / 64) {
        mbox.extend_from_slice(&[b'x'; 63]);
        mbox.push(b'\n');
    }
    mbox.push(b'\n');
    mbox.extend_from_slice(small(2).as_bytes());
    let file = env.path("archive.mbox");
    std::fs::write(&file, &mbox).unwrap();
    let r = env.run(&["fetch", "--mbox", file.to_str().unwrap(), "--json"]);
    assert_eq!(r.code, 65, "{}", r.stderr);
    assert_eq!(counts(&r.stdout), (3, 2, 0, 0, 1));
    assert!(
        r.stderr
            .contains("#2: quarantined: message of 3.0 MB is over the 1.0 MB limit"),
        "{}",
        r.stderr
    );
    let q = env.json(&["quarantine", "list"]);
    assert_eq!(q[0]["size"], 57 + 3 * 1024 * 1024 + 1);
    let kept = env.run(&["quarantine", "show", &q[0]["id"].to_string()]);
    assert_eq!(kept.stdout_bytes.len(), 1024 * 1024);
    assert!(kept
        .stdout
        .starts_with("From: big@x.example\nSubject: riesig\n"));

    // Through the MTA pipe: refused for good (65), so the sender learns,
    // and kept in quarantine for the admin.
    let mut big = b"From: big2@x.example\nSubject: riesig\nMessage-ID: <big2@x>\n\n".to_vec();
    big.extend(std::iter::repeat_n(b'y', 2 * 1024 * 1024));
    let r = env.run_with(&["ingest"], Some(&big));
    assert_eq!(r.code, 65, "{}", r.stderr);
    assert!(r.stderr.contains("over the 1.0 MB limit"), "{}", r.stderr);
    assert_eq!(
        env.json(&["quarantine", "list"]).as_array().unwrap().len(),
        2
    );
}

#[test]
fn mbox_lines_beginning_with_from_stay_in_their_message() {
    let env = Env::new();
    let mbox = "From erika@kunde.example Thu Nov 24 18:22:48 2026\n\
                From: erika@kunde.example\nSubject: Zitat\nMessage-ID: <z1@x>\n\n\
                Wie besprochen:\n\nFrom now on we meet on Mondays.\n\n\
                From my point of view 10:30 in 2026 is fine.\n\n\
                From jens@kunde.example Fri Nov 25 08:00:00 2026\n\
                From: jens@kunde.example\nSubject: Zweite\nMessage-ID: <z2@x>\n\nGrüße\n\nFrom Jens";
    let file = env.path("m.mbox");
    std::fs::write(&file, mbox).unwrap();
    let r = env.run(&["fetch", "--mbox", file.to_str().unwrap(), "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(counts(&r.stdout), (2, 2, 0, 0, 0));
    let found = env.json(&["search", "subject:Zitat"]);
    let body = env.show(found[0]["number"].as_str().unwrap())["articles"][0]["body"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(body.contains("From now on we meet on Mondays."), "{body}");
    assert!(
        body.contains("From my point of view 10:30 in 2026 is fine."),
        "{body}"
    );
    let found = env.json(&["search", "subject:Zweite"]);
    let body = env.show(found[0]["number"].as_str().unwrap())["articles"][0]["body"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(body.trim_end().ends_with("From Jens"), "{body}");
}

#[test]
fn a_forged_delivery_header_below_received_does_not_route() {
    let env = Env::with_config(
        "queues:\n  - name: Inbox\n  - name: Vorstand\n    addresses: [vorstand@verein.example]\n",
    );
    let forged = "Received: from mx.example by mail.verein.example; Mon, 2 Nov 2026 10:00:00 +0100\n\
                  From: spam@evil.example\nTo: someone@elsewhere.example\n\
                  X-Original-To: vorstand@verein.example\nSubject: forged\nMessage-ID: <f@x>\n\nx\n";
    env.ingest(forged.as_bytes());
    // Added by the receiving MTA, above its Received line: trusted.
    let real = "X-Original-To: vorstand@verein.example\nDelivered-To: vorstand@verein.example\n\
                Received: from mx.example by mail.verein.example; Mon, 2 Nov 2026 10:00:00 +0100\n\
                From: erika@kunde.example\nTo: undisclosed-recipients:;\nSubject: bcc\nMessage-ID: <b@x>\n\nx\n";
    env.ingest(real.as_bytes());
    let queue_of = |subject: &str| {
        env.json(&["search", &format!("subject:{subject}")])[0]["queue"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(queue_of("forged"), "Inbox");
    assert_eq!(queue_of("bcc"), "Vorstand");
}

#[test]
fn saving_attachments_never_overwrites_or_follows_a_planted_link() {
    let env = Env::new();
    let long = format!("{}.pdf", "Protokoll-".repeat(30));
    let mail = format!(
        "From: a@x.example\nSubject: Anhang\nMessage-ID: <att@x>\nMIME-Version: 1.0\n\
         Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nsiehe Anhang\n\
         --b\nContent-Type: application/pdf; name=brief.pdf\nContent-Disposition: attachment; filename=brief.pdf\n\n%PDF-neu\n\
         --b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"{long}\"\n\n%PDF-lang\n--b--\n"
    );
    let n = env.mail(&mail, "");
    let out = env.path("out");
    std::fs::create_dir_all(&out).unwrap();
    let victim = env.path("victim.txt");
    std::fs::write(&victim, "wichtig").unwrap();
    std::os::unix::fs::symlink(&victim, out.join("1-brief.pdf")).unwrap();
    let r = env.run(&["show", &n, "--save-attachments", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "wichtig");
    assert_eq!(
        std::fs::read_to_string(out.join("1-brief (2).pdf"))
            .unwrap()
            .trim(),
        "%PDF-neu"
    );
    let saved: Vec<String> = r.stdout.lines().map(str::to_string).collect();
    assert_eq!(saved.len(), 2, "{}", r.stdout);
    let long_saved = std::path::Path::new(&saved[1]);
    let name = long_saved.file_name().unwrap().to_str().unwrap();
    assert!(name.len() <= 255 && name.ends_with(".pdf"), "{name}");
    assert_eq!(
        std::fs::read_to_string(long_saved).unwrap().trim(),
        "%PDF-lang"
    );
    // Saving again finds every name taken and picks new ones.
    let again = env.ok(&["show", &n, "--save-attachments", out.to_str().unwrap()]);
    assert!(again.contains("1-brief (3).pdf"), "{again}");
}

#[test]
fn the_acting_agent_comes_from_the_user_database_when_the_environment_has_none() {
    let env = Env::new();
    let n = env.mail("From: a@x.example\nSubject: Wer?\nMessage-ID: <w@x>", "x");
    let mut c = env.cmd();
    c.env_remove("USER").env_remove("LOGNAME");
    let out = c.args(["note", &n, "-m", "aus cron"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let me = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    let me = String::from_utf8_lossy(&me.stdout).trim().to_string();
    let history = env.json(&["history", &n]);
    let actors: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["actor"].as_str())
        .collect();
    assert!(actors.contains(&me.as_str()), "{actors:?} lacks {me}");
    assert!(!actors.contains(&"unknown"), "{actors:?}");
}

const AUTO_REPLY: &str = "queues:
  - name: Presse
    addresses: [presse@verein.example]
    auto_reply: eingang
snippets:
  - name: eingang
    text: \"Ihre Nachricht ist als Ticket {{ ticket_number }} eingegangen.\"
";

/// The encoded name decodes to "Evil\r\nBcc: x@y.example".
const POISON_FROM: &str = "From: =?utf-8?b?RXZpbA0KQmNjOiB4QHkuZXhhbXBsZQ==?= <evil@cust.example>";

fn poison(id: &str) -> Vec<u8> {
    format!(
        "{POISON_FROM}\r\nTo: presse@verein.example\r\nSubject: Hallo {id}\r\nMessage-ID: <{id}@cust.example>\r\nDate: {}\r\n\r\nText\r\n",
        chrono::Utc::now().to_rfc2822()
    )
    .into_bytes()
}

#[test]
fn a_line_break_in_a_senders_name_is_dropped_and_the_auto_reply_goes_out_with_a_null_sender() {
    let server = SmtpServer::start(false, false);
    let env = Env::with_config(&format!(
        "{AUTO_REPLY}{}",
        server.yaml("Verein <info@verein.example>")
    ));
    let r = env.ingest(&poison("p1"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let received = server.received();
    assert_eq!(received.len(), 1);
    let reply = &received[0];
    let parsed = mail_parser::MessageParser::default().parse(reply).unwrap();
    let to = parsed.to().and_then(|a| a.first()).unwrap();
    assert_eq!(to.name(), Some("Evil Bcc: x@y.example"));
    assert_eq!(to.address(), Some("evil@cust.example"));
    assert!(header(reply, "Bcc").is_none());
    // RFC 3834: a bounce of an auto-reply goes nowhere, not into a queue.
    assert_eq!(header(reply, "X-Test-Envelope-From").unwrap(), "<>");
    assert_eq!(
        header(reply, "X-Test-Envelope-To").unwrap(),
        "evil@cust.example"
    );
    let t = &env.tickets(&[])[0];
    assert_eq!(t["customer_name"], "Evil Bcc: x@y.example");
}

#[test]
fn a_poison_message_between_good_ones_over_imap_stops_nothing() {
    let imap = crate::dovecot::Dovecot::start();
    let smtp = SmtpServer::start(false, false);
    imap.append(
        "INBOX",
        &[
            message("g1@x", "presse@verein.example", "gut 1"),
            poison("p2"),
            message("g2@x", "presse@verein.example", "gut 2"),
        ],
    );
    let env = Env::with_config(&format!(
        "{AUTO_REPLY}{}accounts:\n{}",
        smtp.yaml("Verein <info@verein.example>"),
        imap.account_yaml("info", "implicit", "")
    ));
    let mut c = env.cmd();
    let out = c
        .env("TIX_TEST_IMAP_PASSWORD", crate::dovecot::PASSWORD)
        .args(["fetch", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        counts(&String::from_utf8_lossy(&out.stdout)),
        (3, 3, 0, 0, 0)
    );
    // Erika's first mail and the poison one are answered (Erika's second
    // is within her one auto-reply a day).
    let answered: Vec<String> = smtp
        .received()
        .iter()
        .map(|m| header(m, "X-Test-Envelope-To").unwrap())
        .collect();
    assert_eq!(answered, ["erika@kunde.example", "evil@cust.example"]);
}

#[test]
fn control_characters_from_a_customer_never_reach_outgoing_headers_and_attached_mail_stays_whole() {
    let server = SmtpServer::start(false, false);
    let env = Env::with_config(&format!(
        "{PRESSE}{}",
        server.yaml("Verein <info@verein.example>")
    ));
    let long_line = "x".repeat(500);
    let n = env.mail(
        &format!(
            "From: erika@kunde.example\nTo: presse@verein.example\nSubject: Hallo\u{1b}[31m rot\u{7}\nMessage-ID: <esc@x>\nDate: {}",
            chrono::Utc::now().to_rfc2822()
        ),
        &format!("Grüße mit langer Zeile:\n{long_line}"),
    );
    env.ok_as("anna", &["reply", &n, "-m", "Danke"]);
    env.ok_as("anna", &["forward", &n, "--to", "vorstand@verein.example"]);
    let received = server.received();
    assert_eq!(received.len(), 2);
    for m in &received {
        let subject = header(m, "Subject").unwrap();
        assert!(!subject.chars().any(|c| c.is_control()), "{subject:?}");
        assert!(subject.ends_with("Hallo [31m rot"), "{subject:?}");
    }
    // The original travels as it was: message/rfc822 may not be encoded.
    let text = String::from_utf8_lossy(&received[1]).replace("\r\n", "\n");
    let part = text
        .split("Content-Type: message/rfc822")
        .nth(1)
        .unwrap_or_else(|| panic!("the original is attached: {text}"));
    let head = part.split("\n\n").next().unwrap();
    assert!(
        !head.contains("quoted-printable") && !head.contains("base64"),
        "{head}"
    );
    assert!(part.contains(&long_line));
}

#[test]
fn a_reply_that_could_not_be_recorded_is_never_sent() {
    let server = SmtpServer::start(false, false);
    let config = |statuses: &str| {
        format!(
            "queues:\n  - name: Presse\n    addresses: [presse@verein.example]\n    reply_state: waiting\n{}{statuses}",
            server.yaml("Verein <info@verein.example>")
        )
    };
    // A pending reply_state without a default span: config check says so.
    let env = Env::with_config(&config(
        "statuses:\n  - { name: new, type: new }\n  - { name: open, type: open, next: [waiting] }\n  - { name: waiting, type: pending-reminder }\n  - { name: closed, type: closed }\n  - { name: merged, type: merged }\n  - { name: deleted, type: removed }\n",
    ));
    let r = env.run(&["config", "check"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("reply_state \"waiting\" is a pending status without pending_for"),
        "{}",
        r.stderr
    );
    // With one, the reply sets the date; --until names another.
    std::fs::write(
        env.config.join("tix.yaml"),
        config("statuses:\n  - { name: new, type: new, next: [open, waiting] }\n  - { name: open, type: open, next: [waiting] }\n  - { name: waiting, type: pending-reminder, pending_for: 3d, next: [open] }\n  - { name: closed, type: closed }\n  - { name: merged, type: merged }\n  - { name: deleted, type: removed }\n"),
    )
    .unwrap();
    let n = env.mail(
        "From: erika@kunde.example\nTo: presse@verein.example\nSubject: Frage\nMessage-ID: <q@x>",
        "?",
    );
    let now = 1_800_000_000i64;
    let mut c = env.cmd();
    let out = c
        .env("TIX_NOW", now.to_string())
        .args(["--as", "anna", "reply", &n, "-m", "Antwort"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let t = env.show(&n);
    assert_eq!(t["state"], "waiting");
    assert_eq!(
        t["pending_until"],
        serde_json::json!(tix::render::iso(now + 3 * 86_400))
    );
    assert_eq!(server.received().len(), 1);

    // "waiting" may not go to "closed": refused before anything is sent,
    // so retrying after fixing the command sends exactly once.
    let r = env.run_as("anna", &["reply", &n, "-m", "Zweite", "--state", "closed"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("cannot go to \"closed\""), "{}", r.stderr);
    assert_eq!(server.received().len(), 1, "nothing may go out");
    let r = env.run_as("anna", &["reply", &n, "-m", "Zweite", "--state", "open"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(server.received().len(), 2);
}

#[test]
fn a_stalled_smtp_server_holds_ingest_only_for_the_send_budget() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let env = Env::with_config(&format!(
        "{AUTO_REPLY}outbox_budget_seconds: 2\nsmtp:\n  host: 127.0.0.1\n  port: {port}\n  tls: none\n  insecure: true\n"
    ));
    let from = |i: u32| {
        format!(
            "From: kunde{i}@kunde.example\nTo: presse@verein.example\nSubject: Frage {i}\nMessage-ID: <s{i}@x>\nDate: {}\n\nText\n",
            chrono::Utc::now().to_rfc2822()
        )
        .into_bytes()
    };
    // The server is down: three auto-replies wait in the outbox.
    for i in 1..=3 {
        let r = env.run_with(&["ingest"], Some(&from(i)));
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    // Now it accepts connections and never answers.
    let stalled = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
    let held = std::thread::spawn(move || {
        let mut open = Vec::new();
        for c in stalled.incoming().take(4).flatten() {
            open.push(c);
        }
        std::thread::sleep(std::time::Duration::from_secs(5));
    });
    let r = env.run_with(&["ingest"], Some(&from(4)));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("not sent, timed out after 2 s"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("3 more queued message(s) left for the next run"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("os error"), "{}", r.stderr);
    let queued = env.json(&["outbox", "list"]);
    assert_eq!(queued.as_array().unwrap().len(), 4, "{queued}");
    assert!(queued
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["status"] == "queued"));
    assert_eq!(env.tickets(&[]).len(), 4);
    drop(held);
}

#[test]
fn a_hanging_password_command_is_stopped_and_a_stuck_fetch_is_reported() {
    let env = Env::with_config(
        "accounts:\n  - name: info\n    host: 127.0.0.1\n    port: 1\n    tls: none\n    insecure: true\n    user: info\n    password_command: \"sleep 30\"\n",
    );
    let run = |extra: &[(&str, String)]| {
        let mut c = env.cmd();
        for (k, v) in extra {
            c.env(k, v);
        }
        c.arg("fetch");
        c
    };
    let mut c = run(&[("TIX_PASSWORD_COMMAND_TIMEOUT", "1".into())]);
    let out = c.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("account info: password command timed out after 1 s and was stopped"),
        "{stderr}"
    );

    // One run hangs (a keyring waiting for a prompt) and holds the lock:
    // a run an hour later says so instead of skipping in silence.
    let mut hung = std::process::Command::new(assert_cmd::cargo::cargo_bin("tix"));
    hung.env("TIX_DB", &env.db)
        .env("TIX_CONFIG", &env.config)
        .arg("fetch")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut hung = hung.spawn().unwrap();
    // The lock file names its holder once the hung run has it.
    let holder = format!(" {}", hung.id());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !env
        .job_lock_note("fetch-info")
        .trim_end()
        .ends_with(&holder)
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the hung run took no lock"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let soon = run(&[]).output().unwrap();
    assert_eq!(soon.status.code(), Some(0));
    assert!(
        soon.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&soon.stderr)
    );
    let later = tix::dates::now() + 3 * 3600;
    let late = run(&[("TIX_NOW", later.to_string())]).output().unwrap();
    let _ = hung.kill();
    let _ = hung.wait();
    let stderr = String::from_utf8_lossy(&late.stderr);
    assert_eq!(late.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("account info: another tix has been fetching it since")
            && stderr.contains("still holds its lock"),
        "{stderr}"
    );

    // A failing command's own words reach the admin.
    std::fs::write(
        env.config.join("tix.yaml"),
        "accounts:\n  - name: info\n    host: 127.0.0.1\n    port: 1\n    tls: none\n    insecure: true\n    user: info\n    password_command: \"echo 'keyring locked' >&2; exit 3\"\n",
    )
    .unwrap();
    let out = run(&[]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("password command failed (exit status: 3): keyring locked"),
        "{stderr}"
    );
}

#[test]
fn csv_keeps_the_words_of_every_column_but_no_control_characters() {
    use base64::Engine;
    let env = Env::new();
    let name = base64::engine::general_purpose::STANDARD.encode("Eve\u{202e}gnp.exe\u{9b}31m");
    env.mail(
        &format!("From: =?utf-8?b?{name}?= <eve@x.example>\nSubject: Rechnung\u{7}\u{1b}[2J fällig\nMessage-ID: <csv@x>"),
        "x",
    );
    let out = env.ok(&["list", "--csv"]);
    let row = out.lines().nth(1).unwrap();
    assert!(
        !row.chars()
            .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
        "{row:?}"
    );
    assert!(row.contains("Evegnp.exe 31m <eve@x.example>"), "{row}");
    assert!(row.contains("Rechnung[2J fällig"), "{row}");
}

#[test]
fn abusive_queries_get_a_located_error_and_long_address_lists_work() {
    let env = Env::new();
    for i in 0..5 {
        env.mail(
            &format!(
                "From: mitglied{i}@verein.example\nSubject: Rückläufer {i}\nMessage-ID: <r{i}@x>"
            ),
            "x",
        );
    }
    let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
    let r = env.run(&["search", &deep]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("column 65: nested too deeply (more than 64 levels of ( and NOT)"),
        "{}",
        r.stderr
    );
    let nots = format!("{}a", "NOT ".repeat(5_000));
    assert_eq!(env.run(&["search", &nots]).code, 2);

    // A treasurer's list: 2,000 addresses, two of them in the store.
    let mut list: Vec<String> = (0..2_000)
        .map(|i| format!("from:nobody{i}@elsewhere.example"))
        .collect();
    list[700] = "from:mitglied1@verein.example".into();
    list[1999] = "from:mitglied3@verein.example".into();
    let found = env.json(&["search", &list.join(" OR ")]);
    let mut subjects: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect();
    subjects.sort();
    assert_eq!(subjects, ["Rückläufer 1", "Rückläufer 3"]);
    // As many mixed terms, and a thousand words side by side.
    let mixed: Vec<String> = (0..1_000)
        .map(|i| {
            if i % 2 == 0 {
                format!("tag:t{i}")
            } else {
                format!("from:x{i}@y.example")
            }
        })
        .collect();
    assert_eq!(
        env.json(&["search", &mixed.join(" OR ")])
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let words = vec!["Rückläufer"; 1_000].join(" ");
    assert_eq!(env.json(&["search", &words]).as_array().unwrap().len(), 5);
}

/// A command run as a user who is not the store's owner: `nobody` when the
/// tests run as root; otherwise the current user, with the store made
/// read-only (root would write it anyway).
fn as_another_user(env: &Env, args: &[&str], stdin: &[u8]) -> (Run, String) {
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let mut c = if root {
        for p in [env.dir.path(), env.config.as_path()] {
            std::fs::set_permissions(p, std::os::unix::fs::PermissionsExt::from_mode(0o755))
                .unwrap();
        }
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=nobody", "--regid=nogroup", "--clear-groups"])
            .arg(assert_cmd::cargo::cargo_bin("tix"));
        c
    } else {
        std::fs::set_permissions(&env.db, std::os::unix::fs::PermissionsExt::from_mode(0o444))
            .unwrap();
        std::process::Command::new(assert_cmd::cargo::cargo_bin("tix"))
    };
    c.env("TIX_DB", &env.db)
        .env("TIX_CONFIG", &env.config)
        .env_remove("USER")
        .env_remove("LOGNAME")
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    use std::io::Write;
    let _ = child.stdin.take().unwrap().write_all(stdin);
    let out = child.wait_with_output().unwrap();
    let user = if root {
        "nobody".to_string()
    } else {
        let me = std::process::Command::new("id")
            .arg("-un")
            .output()
            .unwrap();
        String::from_utf8_lossy(&me.stdout).trim().to_string()
    };
    (
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            stdout_bytes: out.stdout,
        },
        user,
    )
}

#[test]
fn a_store_the_user_may_not_write_is_named_as_a_permission_problem() {
    if !sqlite_only() {
        return; // the SQLite file itself (see store_server.rs for the server)
    }
    let env = Env::new();
    let mail = message("perm@x", "info@verein.example", "Rechte");
    let (r, user) = as_another_user(&env, &["ingest", "-v"], &mail);
    // The MTA keeps the mail until the admin fixes the rights.
    assert_eq!(r.code, 75, "{}", r.stderr);
    assert!(
        r.stderr.starts_with(&format!(
            "tix: cannot write {} as user {user}: permission denied",
            env.db.display()
        )),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("not a tix store"), "{}", r.stderr);
    let (r, _) = as_another_user(&env, &["list"], b"");
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("permission denied"), "{}", r.stderr);
}

/// A store its group shares: what root's run leaves beside it (locks,
/// WAL) is the group's as the store is, so the MTA's user and the agents
/// go on working after an admin ran tix as root; and a lock file an
/// earlier run made for itself alone still serves as a lock.
#[test]
fn a_store_shared_by_its_group_stays_usable_after_a_root_run() {
    // SAFETY: geteuid has no preconditions.
    if !sqlite_only() || unsafe { libc::geteuid() } != 0 {
        return; // the SQLite files themselves, and users only root can be
    }
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let env = Env::new();
    let nogroup = 65534;
    for (p, mode) in [(env.dir.path(), 0o2770), (env.db.as_path(), 0o660)] {
        std::os::unix::fs::chown(p, None, Some(nogroup)).unwrap();
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    std::fs::set_permissions(&env.config, std::fs::Permissions::from_mode(0o755)).unwrap();
    env.ok(&["maintain"]);
    env.ok(&["outbox", "send"]);
    let lock = std::fs::metadata(format!("{}.maintain.lock", env.db.display())).unwrap();
    assert_eq!((lock.gid(), lock.mode() & 0o777), (nogroup, 0o660));
    // A lock file of root's alone, as an older run left it.
    let old = format!("{}.outbox.lock", env.db.display());
    std::os::unix::fs::chown(&old, Some(0), Some(0)).unwrap();
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).unwrap();
    for args in [&["maintain"][..], &["outbox", "send"], &["ingest", "-v"]] {
        let mail = message(
            &format!("g{}@x", args.len()),
            "info@verein.example",
            "Gruppe",
        );
        // The MTA's user, a member of the store's group and nothing more.
        let r = run_piped(
            std::process::Command::new("setpriv")
                .args(["--reuid=nobody", "--regid=nogroup", "--clear-groups"])
                .arg(assert_cmd::cargo::cargo_bin("tix"))
                .env("TIX_DB", &env.db)
                .env("TIX_CONFIG", &env.config)
                .args(args),
            &mail,
        );
        assert_eq!(r.code, 0, "{args:?} as nobody: {}", r.stderr);
    }
    assert_eq!(env.tickets(&[]).len(), 1);
}

#[test]
fn a_damaged_store_is_refused_for_writing_with_a_way_out() {
    if !sqlite_only() {
        return; // the SQLite file itself (see store_server.rs for the server)
    }
    let env = Env::new();
    for i in 0..40 {
        env.mail(
            &format!("From: k{i}@x.example\nSubject: Ticket {i}\nMessage-ID: <d{i}@x>"),
            &"Inhalt ".repeat(400),
        );
    }
    // Fold the WAL in, then overwrite the pages after the first with noise.
    env.sql()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    let mut bytes = std::fs::read(&env.db).unwrap();
    let page = 16384;
    assert!(bytes.len() > 4 * page);
    for (i, b) in bytes[page..].iter_mut().enumerate() {
        *b = (i * 7 % 251) as u8;
    }
    std::fs::write(&env.db, &bytes).unwrap();
    let r = env.run_with(
        &["ingest", "-v"],
        Some(&message("after@x", "info@verein.example", "danach")),
    );
    assert_eq!(r.code, 75, "{}", r.stderr);
    assert!(r.stderr.contains("damaged"), "{}", r.stderr);
    assert!(r.stderr.contains(".recover"), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    let r = env.run(&["list"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains(&format!("sqlite3 {} .recover", env.db.display())),
        "{}",
        r.stderr
    );
}

#[test]
fn a_password_file_others_can_read_is_warned_about() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let file = env.path("imap.pw");
    std::fs::write(&file, "geheim\n").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::write(
        env.config.join("tix.yaml"),
        format!(
            "accounts:\n  - name: info\n    host: 127.0.0.1\n    port: 1\n    tls: none\n    insecure: true\n    user: info\n    password_file: {}\n",
            file.display()
        ),
    )
    .unwrap();
    let r = env.run(&["fetch"]);
    // Nothing listens on port 1: temporary.
    assert_eq!(r.code, 75, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "tix: warning: account info: password file {} can be read by others (mode 644); chmod 600 it",
            file.display()
        )),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("geheim"));
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let r = env.run(&["fetch"]);
    assert!(!r.stderr.contains("read by others"), "{}", r.stderr);
}

#[test]
fn an_import_whose_reader_went_away_still_imports_everything() {
    let env = Env::new();
    // `tix fetch -v | head -0`: the reader is gone before the first line.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("tix"))
        .env("TIX_DB", &env.db)
        .env("TIX_CONFIG", &env.config)
        .args(["fetch", "-v", "--mbox"])
        .arg(fixture("mail/sample.mbox"))
        .stdout(writer)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // As many as an import someone reads to the end.
    let whole = Env::new();
    whole.ok(&[
        "fetch",
        "--mbox",
        fixture("mail/sample.mbox").to_str().unwrap(),
    ]);
    let count = |e: &Env| {
        e.json(&["search", "from:example"])
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(count(&env), count(&whole));
    assert!(count(&whole) > 1);
}
