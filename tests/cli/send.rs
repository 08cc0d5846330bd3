//! Replies, forwards, the auto-responder and notifications against a real
//! SMTP server on loopback.

use crate::common::*;
use crate::smtp::{header, SmtpServer};

const QUEUES: &str = "queues:
  - name: Presse
    addresses: [presse@verein.example]
    salutation: anrede
    signature: gruss
agents:
  - name: anna
    email: anna@verein.example
    full_name: Anna Adler
snippets:
  - name: anrede
    kind: salutation
    text: \"Hallo {{ customer_name }},\"
  - name: gruss
    kind: signature
    text: \"Viele Grüße\\n{{ agent_name }}\"
  - name: eingang
    text: \"Ihre Nachricht ist als Ticket {{ ticket_number }} eingegangen: {{ title }}\"
";

fn customer_mail(id: &str, from: &str, subject: &str, extra: &str) -> String {
    format!(
        "From: Erika Muster <{from}>\nTo: presse@verein.example\nSubject: {subject}\nMessage-ID: <{id}>\nDate: {}\n{extra}",
        chrono::Utc::now().to_rfc2822()
    )
}

/// A customer's question by mail; its ticket number.
fn ask(env: &Env, id: &str, from: &str, subject: &str) -> String {
    env.mail(&customer_mail(id, from, subject, ""), "Text")
}

fn body_of(message: &[u8]) -> String {
    let parsed = mail_parser::MessageParser::default()
        .parse(message)
        .expect("a message");
    parsed
        .body_text(0)
        .map(|b| b.replace("\r\n", "\n"))
        .unwrap_or_default()
}

#[test]
fn a_reply_reaches_the_customer_and_their_answer_threads_back() {
    let server = SmtpServer::start(false, false);
    let env = Env::with_config(&format!(
        "{QUEUES}{}",
        server.yaml("Verein <info@verein.example>")
    ));
    let n = env.mail(
        &customer_mail(
            "frage1@kunde.example",
            "erika@kunde.example",
            "Frage zur Satzung",
            "",
        ),
        "Wo finde ich die Satzung?",
    );
    let r = env.run_as(
        "anna",
        &[
            "reply",
            &n,
            "-m",
            "Die Satzung hängt an.",
            "--quote",
            "--json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let sent: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let received = server.received();
    assert_eq!(received.len(), 1);
    let m = &received[0];
    assert_eq!(
        header(m, "Subject").unwrap(),
        format!("Re: [Ticket#{n}] Frage zur Satzung")
    );
    assert_eq!(header(m, "From").unwrap(), "presse@verein.example");
    assert!(header(m, "To").unwrap().contains("erika@kunde.example"));
    // The customer's name as they wrote it, as the auto-reply has it.
    assert!(
        header(m, "To").unwrap().contains("Erika Muster"),
        "{:?}",
        header(m, "To")
    );
    assert_eq!(header(m, "In-Reply-To").unwrap(), "<frage1@kunde.example>");
    assert_eq!(header(m, "References").unwrap(), "<frage1@kunde.example>");
    let message_id = header(m, "Message-ID").unwrap();
    assert_eq!(
        message_id,
        format!("<{}>", sent["message_id"].as_str().unwrap())
    );
    assert_eq!(
        header(m, "X-Test-Envelope-To").unwrap(),
        "erika@kunde.example"
    );
    assert_eq!(
        header(m, "Auto-Submitted"),
        None,
        "an agent's reply is not automatic"
    );
    let body = body_of(m);
    assert!(
        body.starts_with("Hallo Erika Muster,\n\nDie Satzung h"),
        "{body}"
    );
    assert!(body.contains("Viele Grüße\nAnna Adler"), "{body}");
    assert!(body.contains("> Wo finde ich die Satzung?"), "{body}");

    // Recorded as sent, the ticket is open now and locked to its writer.
    let shown = env.show(&n);
    let articles = shown["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[1]["kind"], "email-out");
    assert_eq!(
        format!("<{}>", articles[1]["message_id"].as_str().unwrap()),
        message_id
    );
    assert_eq!(shown["state"], "open");
    assert_eq!(shown["locked_by"], "anna");
    let raw = env.run(&["show", &n, "--raw", "2"]);
    let trim = |b: &[u8]| String::from_utf8_lossy(b).trim().to_string();
    assert_eq!(
        trim(&raw.stdout_bytes),
        trim(&m[header_len(m)..]),
        "the stored copy is what was sent"
    );

    // The customer answers without the tag in the subject: In-Reply-To finds the ticket.
    let answer = format!(
        "From: erika@kunde.example\nTo: presse@verein.example\nSubject: Re: Frage zur Satzung\nMessage-ID: <antwort1@kunde.example>\nIn-Reply-To: {message_id}\nDate: {}\n\nDanke!\n",
        chrono::Utc::now().to_rfc2822()
    );
    let r = env.ingest(answer.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.trim(), format!("follow-up on ticket {n}"));
}

/// Length of the test server's own envelope headers in front of a received message.
fn header_len(m: &[u8]) -> usize {
    let text = String::from_utf8_lossy(m);
    text.lines()
        .take_while(|l| l.starts_with("X-Test-Envelope-"))
        .map(|l| l.len() + 2)
        .sum::<usize>()
}

#[test]
fn a_failed_send_records_nothing_and_says_why() {
    let server = SmtpServer::start(false, false);
    let env = Env::with_config(&format!("{QUEUES}{}", server.yaml("info@verein.example")));
    let n = env.mail(
        &customer_mail("frage2@kunde.example", "erika@kunde.example", "Frage", ""),
        "Text",
    );
    let before = env.json(&["history", &n]).as_array().unwrap().len();

    // A recipient the server refuses for good: exit 1.
    let r = env.run_as(
        "anna",
        &[
            "reply",
            &n,
            "-m",
            "Antwort",
            "--to",
            "reject-me@kunde.example",
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("refused the message") && r.stderr.contains("550"),
        "{}",
        r.stderr
    );
    // A server that asks to try later: exit 75.
    let r = env.run_as(
        "anna",
        &[
            "reply",
            &n,
            "-m",
            "Antwort",
            "--to",
            "tempfail@kunde.example",
        ],
    );
    assert_eq!(r.code, 75, "{}", r.stderr);
    // A server that is gone: exit 75, one line.
    drop(server);
    let r = env.run_as("anna", &["reply", &n, "-m", "Antwort"]);
    assert_eq!(r.code, 75, "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("not sent, try again later"),
        "{}",
        r.stderr
    );

    assert_eq!(
        env.show(&n)["articles"].as_array().unwrap().len(),
        1,
        "nothing recorded"
    );
    assert_eq!(env.json(&["history", &n]).as_array().unwrap().len(), before);
    assert_eq!(env.show(&n)["state"], "new");
}

#[test]
fn a_draft_is_written_and_nothing_is_sent_or_recorded() {
    let server = SmtpServer::start(false, false);
    let env = Env::with_config(&format!("{QUEUES}{}", server.yaml("info@verein.example")));
    let n = env.mail(
        &customer_mail("frage3@kunde.example", "erika@kunde.example", "Frage", ""),
        "Text",
    );
    std::fs::write(env.path("anhang.txt"), "Anhang").unwrap();
    let draft = env.path("antwort.eml");
    env.ok_as(
        "anna",
        &[
            "reply",
            &n,
            "--snippet",
            "eingang",
            "--cc",
            "vorstand@verein.example",
            "--bcc",
            "archiv@verein.example",
            "--attach",
            env.path("anhang.txt").to_str().unwrap(),
            "--draft",
            draft.to_str().unwrap(),
        ],
    );
    let eml = std::fs::read(&draft).unwrap();
    assert_eq!(header(&eml, "Cc").unwrap(), "vorstand@verein.example");
    assert_eq!(
        header(&eml, "Bcc").unwrap(),
        "archiv@verein.example",
        "a draft shows its Bcc"
    );
    assert!(String::from_utf8_lossy(&eml).contains("filename=\"anhang.txt\""));
    assert!(body_of(&eml).contains(&format!("als Ticket {n} eingegangen: Frage")));
    assert!(server.received().is_empty());
    assert_eq!(env.show(&n)["articles"].as_array().unwrap().len(), 1);
}

#[test]
fn starttls_with_login_and_a_private_ca() {
    let server = SmtpServer::start(true, true);
    let smtp = format!(
        "smtp:\n  host: 127.0.0.1\n  port: {}\n  tls: starttls\n  user: {}\n  password_env: TIX_TEST_SMTP_PASSWORD\n  ca_file: {}\n  from: info@verein.example\n",
        server.port,
        crate::smtp::USER,
        server.cert().display()
    );
    let env = Env::with_config(&format!("{QUEUES}{smtp}"));
    let n = env.mail(
        &customer_mail("frage4@kunde.example", "erika@kunde.example", "Frage", ""),
        "Text",
    );
    let mut c = env.cmd();
    let out = c
        .env("TIX_TEST_SMTP_PASSWORD", "falsch")
        .args(["--as", "anna", "reply", &n, "-m", "x"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a refused login will not pass by itself: {err}"
    );
    assert!(
        !err.contains("falsch"),
        "the password is never printed: {err}"
    );
    let mut c = env.cmd();
    let out = c
        .env("TIX_TEST_SMTP_PASSWORD", crate::smtp::PASSWORD)
        .args(["--as", "anna", "reply", &n, "-m", "x"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(server.received().len(), 1);

    // Without the private CA the certificate is not trusted: exit 1, and how to fix it.
    let no_ca: String = smtp
        .lines()
        .filter(|l| !l.contains("ca_file"))
        .map(|l| format!("{l}\n"))
        .collect();
    let untrusted = Env::with_config(&format!("{QUEUES}{no_ca}"));
    let n = untrusted.mail(
        &customer_mail("frage4b@kunde.example", "erika@kunde.example", "Frage", ""),
        "Text",
    );
    let mut c = untrusted.cmd();
    let out = c
        .env("TIX_TEST_SMTP_PASSWORD", crate::smtp::PASSWORD)
        .args(["--as", "anna", "reply", &n, "-m", "x"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("TLS failed") && err.contains("ca_file"),
        "{err}"
    );
    assert_eq!(server.received().len(), 1);
}

#[test]
fn forward_attaches_the_original() {
    let server = SmtpServer::start(false, false);
    let env = Env::with_config(&format!("{QUEUES}{}", server.yaml("info@verein.example")));
    let n = env.mail(
        &customer_mail(
            "frage5@kunde.example",
            "erika@kunde.example",
            "Beschwerde",
            "",
        ),
        "Sehr geehrte Damen und Herren",
    );
    env.ok_as(
        "anna",
        &[
            "forward",
            &n,
            "--to",
            "anwalt@kanzlei.example",
            "-m",
            "Zur Kenntnis",
        ],
    );
    let received = server.received();
    assert_eq!(received.len(), 1);
    let m = String::from_utf8_lossy(&received[0]);
    assert_eq!(
        header(&received[0], "Subject").unwrap(),
        format!("Fwd: [Ticket#{n}] Beschwerde")
    );
    assert!(m.contains("Content-Type: message/rfc822"), "{m}");
    assert!(
        m.contains("Message-ID: <frage5@kunde.example>"),
        "the original goes whole: {m}"
    );
    let history = env.json(&["history", &n]);
    assert!(
        history
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["action"] == "forwarded"),
        "{history}"
    );
}

fn auto_reply_env(server_port: u16, limit: u32) -> Env {
    Env::with_config(&format!(
        "{}auto_reply_limit: {limit}\nsmtp:\n  host: 127.0.0.1\n  port: {server_port}\n  tls: none\n  insecure: true\n",
        QUEUES.replace("    signature: gruss\n", "    signature: gruss\n    auto_reply: eingang\n")
    ))
}

#[test]
fn the_auto_responder_answers_people_once_and_never_robots() {
    let server = SmtpServer::start(false, false);
    let env = auto_reply_env(server.port, 1);
    let n = env.mail(
        &customer_mail(
            "neu1@kunde.example",
            "erika@kunde.example",
            "Mitgliedsantrag",
            "",
        ),
        "Anbei mein Antrag",
    );
    let received = server.received();
    assert_eq!(received.len(), 1);
    let m = &received[0];
    assert_eq!(header(m, "Auto-Submitted").unwrap(), "auto-replied");
    assert_eq!(header(m, "X-Loop").unwrap(), "presse@verein.example");
    assert_eq!(
        header(m, "Subject").unwrap(),
        format!("Re: [Ticket#{n}] Mitgliedsantrag")
    );
    assert_eq!(header(m, "In-Reply-To").unwrap(), "<neu1@kunde.example>");
    assert!(body_of(m).contains(&format!("als Ticket {n} eingegangen: Mitgliedsantrag")));
    // Framed like a reply: the queue's salutation first, its signature
    // last, signed by the queue (no agent wrote it).
    assert_eq!(
        body_of(m).trim_end(),
        format!(
            "Hallo Erika Muster,\n\nIhre Nachricht ist als Ticket {n} eingegangen: Mitgliedsantrag\n\nViele Grüße\nPresse"
        )
    );
    let articles = env.show(&n)["articles"].as_array().unwrap().clone();
    assert_eq!(articles.len(), 2, "the auto-reply is on the ticket");

    // The same person again the same day: no second auto-reply (limit 1).
    let n2 = env.mail(
        &customer_mail(
            "neu2@kunde.example",
            "erika@kunde.example",
            "Noch eine Frage",
            "",
        ),
        "Text",
    );
    assert_eq!(server.received().len(), 1);
    let why = env.json(&["history", &n2]);
    assert!(
        why.to_string().contains("had 1 auto-reply in 24 hours"),
        "{why}"
    );

    // Robots of every kind: never answered, and the history says why.
    let robots = [
        (
            "r1",
            "erika2@kunde.example",
            "Auto-Submitted: auto-replied\n",
            "Auto-Submitted",
        ),
        (
            "r2",
            "erika3@kunde.example",
            "Precedence: bulk\n",
            "Precedence: bulk",
        ),
        (
            "r3",
            "erika4@kunde.example",
            "Precedence: list\n",
            "Precedence: list",
        ),
        (
            "r4",
            "erika5@kunde.example",
            "List-Id: <mitglieder.lists.example>\n",
            "mailing list",
        ),
        (
            "r5",
            "erika6@kunde.example",
            "List-Unsubscribe: <mailto:leave@lists.example>\n",
            "mailing list",
        ),
        ("r6", "MAILER-DAEMON@mx.kunde.example", "", "robot sender"),
        ("r7", "noreply@shop.example", "", "robot sender"),
        (
            "r8",
            "erika7@kunde.example",
            "X-Loop: presse@verein.example\n",
            "X-Loop",
        ),
        ("r9", "presse@verein.example", "", "our own address"),
        (
            "r10",
            "erika8@kunde.example",
            "Return-Path: <>\n",
            "Return-Path",
        ),
    ];
    for (id, from, extra, reason) in robots {
        let n = env.mail(
            &customer_mail(
                &format!("{id}@x.example"),
                from,
                "Automatische Nachricht",
                extra,
            ),
            "Text",
        );
        let history = env.json(&["history", &n]).to_string();
        assert!(
            history.contains("no auto-reply") && history.contains(reason),
            "{id}: {history}"
        );
    }
    assert_eq!(server.received().len(), 1, "no robot got an answer");
}

#[test]
fn the_rate_limit_is_configurable_and_archives_get_no_answers() {
    let server = SmtpServer::start(false, false);
    let env = auto_reply_env(server.port, 2);
    for i in 0..3 {
        env.mail(
            &customer_mail(
                &format!("viel{i}@kunde.example"),
                "erika@kunde.example",
                "Frage",
                "",
            ),
            "Text",
        );
    }
    assert_eq!(server.received().len(), 2, "two a day for this sender");
    // An archive import answers nobody, and old mail is not answered either.
    let old = "From: alt@kunde.example\nTo: presse@verein.example\nSubject: Alt\nMessage-ID: <alt@kunde.example>\nDate: Mon, 2 Feb 2026 10:00:00 +0100\n\nAlt\n";
    let md = env.maildir(
        "archiv",
        &[(
            "1",
            (customer_mail("arch@kunde.example", "archiv@kunde.example", "Archiv", "")
                + "\nText\n")
                .into_bytes(),
        )],
    );
    env.ok(&["fetch", "--maildir", md.to_str().unwrap()]);
    let n = env.mail(old, "");
    assert!(env
        .json(&["history", &n])
        .to_string()
        .contains("more than two days back"));
    assert_eq!(server.received().len(), 2);
}

#[test]
fn an_auto_reply_waits_in_the_outbox_while_the_server_is_down() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let env = auto_reply_env(port, 1);
    let r = env.ingest(
        (customer_mail("warten@kunde.example", "erika@kunde.example", "Frage", "") + "\nText\n")
            .as_bytes(),
    );
    assert_eq!(
        r.code, 0,
        "the mail is stored; the answer only waits: {}",
        r.stderr
    );
    assert!(r.stderr.contains("kept in the outbox"), "{}", r.stderr);
    let queued = env.json(&["outbox", "list"]);
    assert_eq!(queued.as_array().unwrap().len(), 1);
    assert_eq!(queued[0]["status"], "queued");
    let r = env.run(&["outbox", "send"]);
    assert_eq!(r.code, 75, "{}", r.stderr);

    let server = SmtpServer::start_on(port);
    let r = env.run(&["outbox", "send"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(server.received().len(), 1);
    assert!(env.json(&["outbox", "list"]).as_array().unwrap().is_empty());
    assert_eq!(env.json(&["outbox", "list", "--all"])[0]["status"], "sent");
    // Sending again sends nothing twice.
    env.ok(&["outbox", "send"]);
    assert_eq!(server.received().len(), 1);
}

/// A run killed while the server takes a message: the server has it, tix
/// never heard so. The next run says so and sends it again under the same
/// Message-ID, so the receiver can tell the copy; the ticket records it once.
#[test]
fn an_outbox_message_interrupted_in_sending_goes_again_with_its_message_id() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let env = auto_reply_env(port, 1);
    let n = ask(
        &env,
        "langsam@kunde.example",
        "slow-erika@kunde.example",
        "Frage",
    );
    assert_eq!(env.json(&["outbox", "list"])[0]["status"], "queued");

    let server = SmtpServer::start_on(port);
    let mut sending = env.spawn(&["outbox", "send"]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while server.received().is_empty() {
        assert!(std::time::Instant::now() < deadline, "nothing arrived");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    sending.kill().unwrap();
    sending.wait().unwrap();
    assert_eq!(env.json(&["outbox", "list"])[0]["status"], "sending");

    let r = env.run(&["outbox", "send"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("a run stopped") && r.stderr.contains("same Message-ID"),
        "{}",
        r.stderr
    );
    let received = server.received();
    assert_eq!(received.len(), 2);
    let first = header(&received[0], "Message-ID").unwrap();
    assert_eq!(header(&received[1], "Message-ID").unwrap(), first);
    assert!(
        r.stderr
            .contains(first.trim_matches(|c| c == '<' || c == '>')),
        "{}",
        r.stderr
    );
    assert_eq!(env.json(&["outbox", "list", "--all"])[0]["status"], "sent");
    let articles = env.show(&n)["articles"].as_array().unwrap().len();
    assert_eq!(articles, 2, "the customer's mail and one auto-reply");
}

/// Another agent merges the ticket while the server takes a reply: the
/// reply is sent, so it is recorded, on the ticket the merge left.
#[test]
fn a_reply_sent_while_its_ticket_is_merged_is_recorded_on_the_target() {
    let server = SmtpServer::start(false, false);
    let env = Env::with_config(&format!("{QUEUES}{}", server.yaml("presse@verein.example")));
    let first = ask(
        &env,
        "m1@kunde.example",
        "slow3-erika@kunde.example",
        "Frage",
    );
    let second = ask(
        &env,
        "m2@kunde.example",
        "slow3-erika@kunde.example",
        "Nochmal",
    );
    let mut reply = env.cmd();
    reply.args([
        "--as",
        "anna",
        "reply",
        &first,
        "-m",
        "Die Antwort auf alles",
    ]);
    let replying = std::thread::spawn(move || reply.output().unwrap());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while server.received().is_empty() {
        assert!(std::time::Instant::now() < deadline, "nothing arrived");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    env.ok(&[
        "--as", "anna", "merge", &first, "--into", &second, "--force",
    ]);
    let out = replying.join().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains(&second), "says where it went: {err}");
    let target = env.show(&second);
    let bodies: Vec<&str> = target["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["body"].as_str())
        .collect();
    assert!(
        bodies.iter().any(|b| b.contains("Die Antwort auf alles")),
        "{bodies:?}"
    );
}

/// Purging a ticket that had automatic mail: the outbox keeps no message
/// of it (what is still queued is never sent), and the purge goes through.
#[test]
fn a_ticket_with_automatic_mail_can_be_purged() {
    let server = SmtpServer::start(false, false);
    let env = auto_reply_env(server.port, 1);
    let answered = ask(&env, "p1@kunde.example", "erika@kunde.example", "Frage");
    let waiting = ask(
        &env,
        "p2@kunde.example",
        "tempfail-otto@kunde.example",
        "Frage",
    );
    assert_eq!(server.received().len(), 1);
    assert_eq!(env.json(&["outbox", "list"])[0]["status"], "queued");
    env.ok_as("anna", &["delete", &answered, &waiting]);
    let later = (chrono::Utc::now().timestamp() + 31 * 86400).to_string();
    let purge = |args: &[&str]| {
        let mut c = env.cmd();
        c.env("TIX_NOW", &later).args(["--as", "anna"]).args(args);
        c.output().unwrap()
    };
    let out = purge(&["purge", "--older-than", "30"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(env.run(&["show", &answered]).code, 1);
    assert_eq!(env.run(&["show", &waiting]).code, 1);
    let outbox = env.json(&["outbox", "list", "--all"]);
    let rows = outbox.as_array().unwrap();
    assert_eq!(
        rows.len(),
        1,
        "the sent one stays for the rate limit: {outbox}"
    );
    assert!(
        rows[0]["ticket"].is_null() && rows[0]["subject"] == "",
        "{outbox}"
    );
    env.ok(&["outbox", "send"]);
    assert_eq!(server.received().len(), 1);
    let out = purge(&["maintain"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn agents_hear_of_what_they_asked_for_and_never_of_their_own_doing() {
    let server = SmtpServer::start(false, false);
    let env = Env::with_config(&format!(
        "{}{}",
        QUEUES.replace(
            "    full_name: Anna Adler\n",
            "    full_name: Anna Adler\n    notify: [responsible, followup]\n  - name: bernd\n    email: bernd@verein.example\n    notify: [new_ticket, responsible]\n    subscribe: [Presse]\n  - name: carla\n    email: carla@verein.example\n"
        ),
        server.yaml("info@verein.example")
    ));
    let n = env.mail(
        &customer_mail("n1@kunde.example", "erika@kunde.example", "Pressefoto", ""),
        "Darf ich das Foto nutzen?",
    );
    let to = |m: &Vec<u8>| header(m, "X-Test-Envelope-To").unwrap();
    let got = server.received();
    assert_eq!(got.len(), 1, "bernd subscribed to Presse");
    assert_eq!(to(&got[0]), "bernd@verein.example");
    assert_eq!(header(&got[0], "Auto-Submitted").unwrap(), "auto-generated");
    assert!(header(&got[0], "Subject").unwrap().contains("New ticket"));

    env.ok_as(
        "bernd",
        &[
            "responsible",
            &n,
            "anna",
            "-m",
            "Bitte klären, ob wir das Foto freigeben",
        ],
    );
    let got = server.received();
    assert_eq!(got.len(), 2);
    assert_eq!(to(&got[1]), "anna@verein.example");
    assert!(
        body_of(&got[1]).contains("Bitte klären, ob wir das Foto freigeben"),
        "{}",
        body_of(&got[1])
    );
    // bernd makes himself responsible: nobody is told.
    env.ok_as("bernd", &["responsible", &n, "bernd"]);
    assert_eq!(server.received().len(), 2);

    env.ok_as("bernd", &["assign", &n, "anna"]);
    let again = format!("From: erika@kunde.example\nTo: presse@verein.example\nSubject: Re: [Ticket#{n}] Pressefoto\nMessage-ID: <n2@kunde.example>\nDate: {}\n\nUnd?\n", chrono::Utc::now().to_rfc2822());
    assert_eq!(env.ingest(again.as_bytes()).code, 0);
    let got = server.received();
    assert_eq!(got.len(), 3);
    assert_eq!(to(&got[2]), "anna@verein.example");
    assert!(header(&got[2], "Subject")
        .unwrap()
        .contains("Customer wrote again"));
    let history = env.json(&["history", &n]).to_string();
    assert!(history.contains("notified"), "{history}");
}

#[test]
fn the_state_after_a_reply_comes_from_the_option_or_the_queue() {
    let server = SmtpServer::start(false, false);
    let env = Env::with_config(&format!(
        "{}{}",
        QUEUES.replace(
            "    signature: gruss\n",
            "    signature: gruss\n    reply_state: closed successful\n"
        ),
        server.yaml("info@verein.example")
    ));
    let a = env.mail(
        &customer_mail("s1@kunde.example", "erika@kunde.example", "Eins", ""),
        "Text",
    );
    let b = env.mail(
        &customer_mail("s2@kunde.example", "erika@kunde.example", "Zwei", ""),
        "Text",
    );
    env.ok_as("anna", &["reply", &a, "-m", "Erledigt"]);
    env.ok_as(
        "anna",
        &["reply", &b, "-m", "Wir melden uns", "--state", "open"],
    );
    assert_eq!(env.show(&a)["state"], "closed successful");
    assert_eq!(env.show(&b)["state"], "open");
    let r = env.run_as("anna", &["reply", &b, "-m", "x", "--state", "verschollen"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(server.received().len(), 2, "nothing sent for a bad --state");
}

#[test]
fn an_auto_reply_template_failing_at_render_time_does_not_stop_the_intake() {
    let server = SmtpServer::start(false, false);
    // Passes the config check (known variables) but fails on a title that is no number.
    let env = Env::with_config(&format!(
        "{}{}",
        QUEUES
            .replace(
                "    signature: gruss\n",
                "    signature: gruss\n    auto_reply: zahl\n"
            )
            .replace(
                "snippets:\n",
                "snippets:\n  - name: zahl\n    text: \"{{ title | int }}\"\n"
            ),
        server.yaml("info@verein.example")
    ));
    assert_eq!(env.run(&["config", "check"]).code, 0);
    let n = env.mail(
        &customer_mail(
            "zahl@kunde.example",
            "erika@kunde.example",
            "Keine Zahl",
            "",
        ),
        "Text",
    );
    let history = env.json(&["history", &n]).to_string();
    assert!(
        history.contains("the auto-reply could not be written"),
        "{history}"
    );
    assert!(server.received().is_empty());
}

#[test]
fn a_plain_answer_snippet_goes_out_as_written() {
    let server = SmtpServer::start(false, false);
    let config = format!(
        "{}smtp:\n  host: 127.0.0.1\n  port: {}\n  tls: none\n  insecure: true\n",
        QUEUES
            .replace(
                "    signature: gruss\n",
                "    signature: gruss\n    auto_reply: eingang\n"
            )
            .replace(
                "  - name: eingang\n",
                "  - name: eingang\n    plain: true\n"
            ),
        server.port
    );
    let env = Env::with_config(&config);
    let n = env.mail(
        &customer_mail("neu2@kunde.example", "erika@kunde.example", "Frage", ""),
        "Text",
    );
    let received = server.received();
    assert_eq!(received.len(), 1);
    assert_eq!(
        body_of(&received[0]).trim_end(),
        format!("Ihre Nachricht ist als Ticket {n} eingegangen: Frage")
    );
}

#[test]
fn the_editor_shows_the_ticket_the_frame_and_the_mail_and_keeps_only_the_text() {
    let env = Env::with_config(QUEUES);
    let n = env.mail(
        &customer_mail(
            "ed1@kunde.example",
            "erika@kunde.example",
            "Frage zur Satzung",
            "",
        ),
        "Wo finde ich die Satzung?",
    );
    // An "editor" that keeps what it was shown and writes a line on top.
    let seen = env.path("seen.txt");
    let editor = env.path("editor.sh");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\ncp \"$1\" {}\n{{ echo 'Gern, hier ist sie.'; cat \"$1\"; }} > \"$1.new\" && mv \"$1.new\" \"$1\"\n",
            seen.display()
        ),
    )
    .unwrap();
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&editor)
        .status()
        .unwrap();
    let draft = env.path("draft.eml");
    // A terminal on stdin, as a person has: `script` provides one.
    let tix = assert_cmd::cargo::cargo_bin("tix");
    let line = format!(
        "{} --as anna reply {n} --draft {}",
        tix.display(),
        draft.display()
    );
    let status = std::process::Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env("TIX_DB", &env.db)
        .env("TIX_CONFIG", &env.config)
        .env("EDITOR", &editor)
        .env_remove("VISUAL")
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let shown = std::fs::read_to_string(&seen).unwrap();
    assert!(
        shown.contains(&format!("Reply to ticket {n}: Frage zur Satzung")),
        "{shown}"
    );
    assert!(
        shown.contains("Hallo Erika Muster,") && shown.contains("Viele Grüße"),
        "{shown}"
    );
    assert!(shown.contains("> Wo finde ich die Satzung?"), "{shown}");
    let body = body_of(&std::fs::read(&draft).unwrap());
    assert_eq!(
        body.trim_end(),
        "Hallo Erika Muster,\n\nGern, hier ist sie.\n\nViele Grüße\nAnna Adler"
    );
}

#[test]
fn an_edited_draft_is_sent_as_it_now_reads_and_only_for_its_ticket() {
    let server = SmtpServer::start(false, false);
    let env = Env::with_config(&format!("{QUEUES}{}", server.yaml("info@verein.example")));
    let n = env.mail(
        &customer_mail("frage7@kunde.example", "erika@kunde.example", "Frage", ""),
        "Text",
    );
    let other = env.mail(
        &customer_mail("frage8@kunde.example", "otto@kunde.example", "Andere", ""),
        "Text",
    );
    std::fs::write(env.path("anhang.txt"), "Anhang").unwrap();
    let draft = env.path("antwort.eml");
    let path = draft.to_str().unwrap();
    env.ok_as(
        "anna",
        &[
            "reply",
            &n,
            "-m",
            "Erste Fassung",
            "--cc",
            "vorstand@verein.example",
            "--attach",
            env.path("anhang.txt").to_str().unwrap(),
            "--draft",
            path,
        ],
    );
    // The agent edits the text in the file.
    let text = std::fs::read_to_string(&draft).unwrap();
    assert!(text.contains("Erste Fassung"), "{text}");
    std::fs::write(&draft, text.replace("Erste Fassung", "Zweite Fassung")).unwrap();
    // A draft answers its own ticket only.
    let r = env.run_as("anna", &["reply", &other, "--send-draft", path]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains(&format!("is a draft for ticket {n}, not {other}")),
        "{}",
        r.stderr
    );
    std::fs::write(env.path("kaputt.eml"), "kein Brief\n").unwrap();
    let r = env.run_as(
        "anna",
        &[
            "reply",
            &n,
            "--send-draft",
            env.path("kaputt.eml").to_str().unwrap(),
        ],
    );
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("kaputt.eml"), "{}", r.stderr);
    assert!(server.received().is_empty());
    // Sent as it now reads.
    env.ok_as("anna", &["reply", &n, "--send-draft", path]);
    let sent = server.received();
    assert_eq!(sent.len(), 1);
    assert!(body_of(&sent[0]).contains("Zweite Fassung"));
    assert!(!body_of(&sent[0]).contains("Erste Fassung"));
    assert_eq!(header(&sent[0], "Cc").unwrap(), "vorstand@verein.example");
    assert!(String::from_utf8_lossy(&sent[0]).contains("filename=\"anhang.txt\""));
    let articles = env.show(&n)["articles"].as_array().unwrap().clone();
    assert_eq!(articles.len(), 2);
    assert!(articles[1]["body"]
        .as_str()
        .unwrap()
        .contains("Zweite Fassung"));
}

/// A draft sent unedited goes out whatever the names look like (a comma,
/// parentheses, a semicolon, an address comment), and a line typed into it
/// reaches the customer as typed: "=48" stays "=48".
#[test]
fn a_draft_keeps_awkward_names_and_typed_equals_signs() {
    let server = SmtpServer::start(false, false);
    let env = Env::with_config(&format!("{QUEUES}{}", server.yaml("info@verein.example")));
    for (i, from) in [
        "\"Müller, Hans\" <hans@kunde.example>",
        "\"Kasse (Verein)\" <kasse@kunde.example>",
        "\"A; B\" <ab@kunde.example>",
        "otto@kunde.example (Otto Normal)",
    ]
    .iter()
    .enumerate()
    {
        let n = env.mail(
            &format!("From: {from}\nTo: presse@verein.example\nSubject: Frage\nMessage-ID: <d{i}@kunde.example>"),
            "Text",
        );
        let draft = env.path(&format!("d{i}.eml"));
        let path = draft.to_str().unwrap();
        env.ok_as(
            "anna",
            &["reply", &n, "-m", "Beitrag 2026 =€", "--draft", path],
        );
        let text = std::fs::read_to_string(&draft).unwrap();
        assert!(text.contains("Beitrag 2026 =€"), "written as typed: {text}");
        std::fs::write(&draft, text.replace("=€", "=48 €")).unwrap();
        let r = env.run_as("anna", &["reply", &n, "--send-draft", path]);
        assert_eq!(r.code, 0, "{from}: {}", r.stderr);
        let sent = server.received();
        assert!(
            body_of(sent.last().unwrap()).contains("Beitrag 2026 =48 €"),
            "{}",
            body_of(sent.last().unwrap())
        );
    }
    assert_eq!(server.received().len(), 4);
}

/// A board member forwards a member's mail: `tix customer` makes the
/// member the ticket's customer (history names the change), and replies go
/// to and greet the member; `reply --to` greets whom it goes to.
#[test]
fn the_customer_can_be_changed_and_the_greeting_follows_the_recipient() {
    let server = SmtpServer::start(false, false);
    let env = Env::with_config(&format!("{QUEUES}{}", server.yaml("presse@verein.example")));
    let n = ask(
        &env,
        "fwd@verein.example",
        "volker@vorstand.example",
        "Fwd: Austritt",
    );
    let r = env.run_as(
        "anna",
        &["customer", &n, "Erika Mitglied <erika@mitglied.example>"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let t = env.show(&n);
    assert_eq!(t["customer_address"], "erika@mitglied.example");
    assert_eq!(t["customer_name"], "Erika Mitglied");
    let history = env.json(&["history", &n]).to_string();
    assert!(history.contains("\"action\":\"customer\""), "{history}");
    env.ok_as("anna", &["reply", &n, "-m", "Wir bestätigen den Austritt."]);
    let sent = server.received();
    assert_eq!(
        header(&sent[0], "X-Test-Envelope-To").unwrap(),
        "erika@mitglied.example"
    );
    assert!(
        body_of(&sent[0]).starts_with("Hallo Erika Mitglied,"),
        "{}",
        body_of(&sent[0])
    );
    env.ok_as(
        "anna",
        &[
            "reply",
            &n,
            "--to",
            "Volker Vorstand <volker@vorstand.example>",
            "-m",
            "Zur Info.",
        ],
    );
    let sent = server.received();
    assert!(
        body_of(&sent[1]).starts_with("Hallo Volker Vorstand,"),
        "{}",
        body_of(&sent[1])
    );
}

/// A nested queue takes every setting it leaves unset from its parent
/// (auto-reply, salutation, signature), and keeps what it sets itself.
#[test]
fn a_nested_queue_inherits_what_it_does_not_set() {
    let server = SmtpServer::start(false, false);
    let config = format!(
        "queues:\n  - name: LV\n    addresses: [lv@verein.example]\n    salutation: anrede\n    signature: gruss\n    auto_reply: eingang\n  - name: Mitglieder\n    parent: LV\n    addresses: [mitglieder@verein.example]\n  - name: Presse\n    parent: LV\n    addresses: [presse@verein.example]\n    salutation: förmlich\n{}{}",
        &QUEUES[QUEUES.find("agents:").unwrap()..],
        server.yaml("lv@verein.example")
    )
    .replace(
        "snippets:\n",
        "snippets:\n  - name: förmlich\n    kind: salutation\n    text: \"Sehr geehrte Damen und Herren,\"\n",
    );
    let env = Env::with_config(&config);
    assert_eq!(
        env.run(&["config", "check"]).code,
        0,
        "{}",
        env.run(&["config", "check"]).stderr
    );
    let n = env.mail(
        "From: Erika <erika@kunde.example>\nTo: mitglieder@verein.example\nSubject: Beitrag\nMessage-ID: <sub1@kunde.example>",
        "Frage",
    );
    let sent = server.received();
    assert_eq!(sent.len(), 1, "the parent's auto-reply");
    // The history and route --explain name the queue whose setting it is.
    let history = env.ok(&["history", &n]);
    assert!(
        history.contains(r#"(auto_reply "eingang" of queue LV)"#),
        "{history}"
    );
    let file = env.path("again.eml");
    std::fs::write(
        &file,
        "From: Ute <ute@kunde.example>\nTo: mitglieder@verein.example\nSubject: Frage\nMessage-ID: <sub3@kunde.example>\n\nHallo\n",
    )
    .unwrap();
    let explained = env.ok(&["route", "--explain", file.to_str().unwrap()]);
    assert!(
        explained.contains("result: queue LV::Mitglieder")
            && explained.contains(r#"auto-reply: auto_reply "eingang" of queue LV"#),
        "{explained}"
    );
    let robot = env.path("robot.eml");
    std::fs::write(
        &robot,
        "From: Ute <ute@kunde.example>\nTo: mitglieder@verein.example\nSubject: Abwesend\nAuto-Submitted: auto-replied\nMessage-ID: <sub4@kunde.example>\n\nBin weg\n",
    )
    .unwrap();
    let explained = env.ok(&["route", "--explain", robot.to_str().unwrap()]);
    assert!(
        explained.contains("no auto-reply: Auto-Submitted: auto-replied"),
        "{explained}"
    );
    assert!(
        body_of(&sent[0]).contains(&format!("als Ticket {n} eingegangen")),
        "{}",
        body_of(&sent[0])
    );
    env.ok_as("anna", &["reply", &n, "-m", "Antwort"]);
    let reply = body_of(&server.received()[1]);
    assert!(
        reply.starts_with("Hallo Erika,") && reply.contains("Viele Grüße"),
        "{reply}"
    );
    let p = env.mail(
        "From: Otto <otto@kunde.example>\nTo: presse@verein.example\nSubject: Presse\nMessage-ID: <sub2@kunde.example>",
        "Frage",
    );
    env.ok_as("anna", &["reply", &p, "-m", "Antwort"]);
    let reply = body_of(server.received().last().unwrap());
    assert!(
        reply.starts_with("Sehr geehrte Damen und Herren,") && reply.contains("Viele Grüße"),
        "{reply}"
    );
}

/// A delivery report for mail tix sent joins the ticket that sent it (by
/// the returned Message-ID, else the ticket tag in the returned subject),
/// changes nothing there, and says which mail came back; it opens no
/// ticket of its own.
#[test]
fn a_bounce_of_our_own_reply_comes_home_to_its_ticket() {
    let server = SmtpServer::start(false, false);
    let env = Env::with_config(&format!("{QUEUES}{}", server.yaml("presse@verein.example")));
    let n = ask(&env, "home@kunde.example", "erika@kunde.example", "Frage");
    env.ok_as(
        "anna",
        &[
            "reply",
            &n,
            "-m",
            "Die Antwort",
            "--state",
            "waiting-for-customer",
            "--until",
            "2030-01-15",
        ],
    );
    let sent = server.received();
    let id = header(&sent[0], "Message-ID").unwrap();
    let subject = header(&sent[0], "Subject").unwrap();
    let by_id = format!("From: presse@verein.example\nTo: erika@kunde.example\nSubject: {subject}\nMessage-ID: {id}\n");
    let r = env.ingest(delivery_report("dsn1", "erika@kunde.example", &by_id).as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    // A report that quotes the subject only (a notification has no article).
    let by_tag =
        format!("From: presse@verein.example\nTo: erika@kunde.example\nSubject: {subject}\n");
    env.ingest(delivery_report("dsn2", "erika@kunde.example", &by_tag).as_bytes());
    assert_eq!(env.tickets(&["--all"]).len(), 1, "no ticket of its own");
    let t = env.show(&n);
    assert_eq!(
        article_kinds(&t),
        ["email-in", "email-out", "email-in", "email-in"]
    );
    assert_eq!(
        t["state"], "waiting for customer",
        "a report changes nothing"
    );
    let history = env.json(&["history", &n]).to_string();
    let bare = id.trim_matches(|c| c == '<' || c == '>');
    assert!(
        history.contains(&format!(
            "the mail <{bare}> sent from this ticket came back"
        )),
        "{history}"
    );
    assert!(
        history.contains("undeliverable for good to erika@kunde.example (5.1.1)"),
        "{history}"
    );
    // Writing there again: the agent is told first.
    let r = env.run_as("anna", &["reply", &n, "-m", "Noch ein Versuch"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("mail to erika@kunde.example bounced for good"),
        "{}",
        r.stderr
    );
    // Erika writes again: her address works, and no warning comes.
    env.mail(
        &customer_mail(
            "home3@kunde.example",
            "erika@kunde.example",
            &format!("Re: {subject}"),
            "",
        ),
        "Ich bin wieder erreichbar.",
    );
    let r = env.run_as("anna", &["reply", &n, "-m", "Schön"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("bounced"), "{}", r.stderr);
}

/// A reply that bounced shows on its ticket: the mail is marked not
/// delivered (show, --json, is:undelivered), the owner is told, and the
/// treasurer's bounce-report leaves the report out unless asked (--own).
#[test]
fn a_reply_that_bounced_is_marked_and_its_owner_told() {
    let server = SmtpServer::start(false, false);
    let queues = QUEUES.replace(
        "agents:\n",
        "agents:\n  - name: ben\n    email: ben@verein.example\n",
    );
    let env = Env::with_config(&format!("{queues}{}", server.yaml("presse@verein.example")));
    let n = ask(&env, "home2@kunde.example", "erika@kunde.example", "Frage");
    env.ok_as("ben", &["assign", &n, "anna"]);
    env.ok_as("ben", &["reply", &n, "-m", "Die Antwort"]);
    let reply = server.received().pop().unwrap();
    let id = header(&reply, "Message-ID").unwrap();
    let subject = header(&reply, "Subject").unwrap();
    // The newsletter's bounce for a member: not tix's mail, a ticket of its own.
    let newsletter = "From: kasse@verein.example\nTo: max@mitglied.example\nSubject: Rundbrief\nMessage-ID: <rundbrief-1@verein.example>\n";
    let r = env.ingest(delivery_report("dsn-n", "max@mitglied.example", newsletter).as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let returned = format!("From: presse@verein.example\nTo: erika@kunde.example\nSubject: {subject}\nMessage-ID: {id}\n");
    let r = env.ingest(delivery_report("dsn-r", "erika@kunde.example", &returned).as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);

    let t = env.show(&n);
    assert_eq!(article_kinds(&t), ["email-in", "email-out", "email-in"]);
    let bare = id.trim_matches(|c| c == '<' || c == '>');
    assert_eq!(t["articles"][0]["undelivered"], serde_json::Value::Null);
    assert_eq!(
        t["articles"][1]["undelivered"],
        "erika@kunde.example (5.1.1)"
    );
    assert_eq!(t["articles"][2]["report_of"], bare);
    let text = env.ok(&["show", &n]);
    assert!(
        text.contains("Not delivered: erika@kunde.example (5.1.1)\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!("Delivery report of <{bare}>\n")),
        "{text}"
    );
    assert_eq!(env.numbers(&["is:undelivered"]), [n.as_str()]);

    // The owner hears of it (the sender was another agent).
    let notices: Vec<Vec<u8>> = server
        .received()
        .into_iter()
        .filter(|m| header(m, "To").is_some_and(|to| to.contains("anna@verein.example")))
        .collect();
    assert_eq!(notices.len(), 1, "one notice to the owner");
    assert!(header(&notices[0], "Subject")
        .unwrap()
        .contains("Not delivered"));
    assert!(
        body_of(&notices[0]).contains("not delivered: erika@kunde.example (5.1.1)"),
        "{}",
        body_of(&notices[0])
    );

    // The member list's clean-up sees the member's bounce, not the reply's.
    let members = env.ok(&[
        "bounce-report",
        "from:MAILER-DAEMON",
        "--format",
        "addresses",
    ]);
    assert_eq!(members, "max@mitglied.example\n");
    let all = env.ok(&[
        "bounce-report",
        "from:MAILER-DAEMON",
        "--own",
        "--format",
        "addresses",
    ]);
    assert_eq!(all, "erika@kunde.example\nmax@mitglied.example\n");
}

/// One snippet that cannot be used (a typo in a variable) disables that
/// snippet, not intake: the mail is stored, its auto-reply is not sent and
/// the ticket says why; config check names the problem.
#[test]
fn a_broken_snippet_disables_itself_not_intake() {
    let server = SmtpServer::start(false, false);
    let env = auto_reply_env(server.port, 1);
    let broken = std::fs::read_to_string(env.config.join("tix.yaml"))
        .unwrap()
        .replace("{{ title }}", "{{ titel }}");
    std::fs::write(env.config.join("tix.yaml"), broken).unwrap();
    let r = env.run(&["config", "check"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("titel"), "{}", r.stderr);
    let r = env.ingest(
        (customer_mail("typo@kunde.example", "erika@kunde.example", "Frage", "") + "\nText\n")
            .as_bytes(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("titel") && r.stderr.contains("left out"),
        "{}",
        r.stderr
    );
    assert!(server.received().is_empty());
    let n = env.tickets(&[])[0]["number"].as_str().unwrap().to_string();
    let history = env.json(&["history", &n]).to_string();
    assert!(
        history.contains("cannot be used (see tix config check)"),
        "{history}"
    );
}

#[test]
fn a_quote_is_introduced_in_the_writers_language_with_the_mails_own_time() {
    let server = SmtpServer::start(false, false);
    let config = format!(
        "{}{}",
        QUEUES
            .replace(
                "    signature: gruss\n",
                "    signature: gruss\n    language: de\n"
            )
            .replace(
                "    full_name: Anna Adler\n",
                "    full_name: Anna Adler\n  - name: ben\n    language: fr\n  - name: carla\n"
            ),
        server.yaml("info@verein.example")
    );
    let env = Env::with_config(&config);
    // Written a week before it is stored.
    let headers = "From: Erika Muster <erika@kunde.example>\nTo: presse@verein.example\nSubject: Frage\nMessage-ID: <zitat@kunde.example>\nDate: Tue, 24 Nov 2026 09:15:00 +0000";
    let n = env.mail(headers, "Wann ist die Sitzung?");
    let draft = |agent: &str| {
        let mut c = env.cmd();
        let out = c
            .env("TZ", "UTC")
            .args([
                "--as",
                agent,
                "reply",
                &n,
                "-m",
                "Am Montag.",
                "--quote",
                "--draft",
                "-",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        body_of(&out.stdout)
    };
    // The queue's language, then the agent's own.
    assert!(
        draft("carla").contains("Am 24.11.2026 um 09:15 schrieb Erika Muster <erika@kunde.example>:\n> Wann ist die Sitzung?"),
        "{}",
        draft("carla")
    );
    assert!(draft("ben")
        .contains("Le 24/11/2026 à 09:15, Erika Muster <erika@kunde.example> a écrit :"));
    // A language tix does not know is a config error at its place.
    let bad = Env::with_config(&QUEUES.replace(
        "    signature: gruss\n",
        "    signature: gruss\n    language: xx\n",
    ));
    let r = bad.run(&["config", "check"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("tix.yaml:6:15: queues[0].language: unknown variant `xx`"),
        "{}",
        r.stderr
    );
}
