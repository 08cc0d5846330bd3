//! The same answer to many tickets (paced through the outbox, each recorded
//! once sent), and a member's mail redirected unchanged: through a real
//! SMTP server.

use crate::common::*;
use crate::smtp::{header, SmtpServer};

const KASSE: &str = "queues:
  - name: Kasse
    addresses: [kasse@verein.example]
    salutation: anrede
    signature: gruss
agents:
  - name: anna
    full_name: Anna Adler
snippets:
  - name: anrede
    kind: salutation
    text: \"Hallo {{ customer_name }},\"
  - name: gruss
    kind: signature
    text: \"Viele Grüße\\n{{ agent_name }}\"
  - name: erhalten
    text: \"Ihr Beitrag ist eingegangen (Ticket {{ ticket_number }}).\"
";

fn office() -> (Env, SmtpServer) {
    let server = SmtpServer::start(false, false);
    let env = Env::with_config(&format!(
        "{KASSE}{}",
        server.yaml("Kasse <kasse@verein.example>")
    ));
    (env, server)
}

fn ask(env: &Env, now: &str, name: &str, address: &str) -> String {
    let mail = format!(
        "From: {name} <{address}>\nTo: kasse@verein.example\nSubject: Beitrag überwiesen\nMessage-ID: <{address}>\n\nIch habe überwiesen.\n"
    );
    let r = env.run_at(now, &["ingest"], Some(mail.as_bytes()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let list: serde_json::Value =
        serde_json::from_str(&env.ok_at(now, &["list", "--json"])).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .find(|t| t["customer_address"] == address)
        .unwrap()["number"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn one_answer_to_many_tickets_goes_out_paced_each_greeted_and_recorded_once_sent() {
    let (env, server) = office();
    let t0 = "2026-12-07T10:00:00+01:00";
    let members = [
        ("Erika Muster", "erika@kunde.example"),
        ("Max Meier", "max@kunde.example"),
        ("Olga Ober", "olga@kunde.example"),
    ];
    let numbers: Vec<String> = members.iter().map(|(n, a)| ask(&env, t0, n, a)).collect();
    let bulk = [
        "--as",
        "anna",
        "reply",
        "--where",
        "queue:Kasse",
        "--snippet",
        "erhalten",
        "--state",
        "closed-successful",
        "--rate",
        "2",
    ];
    let dry = env.ok_at(t0, &[&bulk[..], &["--dry-run"]].concat());
    assert!(
        dry.contains("Hallo Erika Muster,\n\nIhr Beitrag ist eingegangen"),
        "{dry}"
    );
    assert!(dry.ends_with("reply: would answer 3 ticket(s)\n"), "{dry}");
    assert!(server.received().is_empty(), "a dry run sends nothing");

    let r = env.run_at(t0, &bulk, None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("3 answer(s) queued, 1 sent now"),
        "{}",
        r.stderr
    );
    let state = |n: &str| env.show(n)["state"].as_str().unwrap().to_string();
    assert_eq!(state(&numbers[0]), "closed successful");
    assert_eq!(state(&numbers[1]), "new", "not recorded before it is sent");
    assert_eq!(article_kinds(&env.show(&numbers[1])), ["email-in"]);
    // Two a minute: the next one 30 seconds on, the last a minute on.
    env.ok_at("2026-12-07T10:00:20+01:00", &["outbox", "send"]);
    assert_eq!(server.received().len(), 1);
    env.ok_at("2026-12-07T10:00:31+01:00", &["outbox", "send"]);
    env.ok_at("2026-12-07T10:01:01+01:00", &["outbox", "send"]);
    let sent = server.received();
    assert_eq!(sent.len(), 3);
    for ((name, address), n) in members.iter().zip(&numbers) {
        let mail = sent
            .iter()
            .find(|m| header(m, "X-Test-Envelope-To").as_deref() == Some(*address))
            .unwrap();
        assert!(header(mail, "Subject")
            .unwrap()
            .contains(&format!("[Ticket#{n}]")));
        let text = String::from_utf8_lossy(mail)
            .replace("=\r\n", "")
            .replace("\r\n", "\n");
        assert!(text.contains(&format!("Hallo {name},")), "{text}");
        assert!(text.contains(&format!("(Ticket {n})")), "{text}");
        let t = env.show(n);
        assert_eq!(t["state"], "closed successful");
        assert_eq!(article_kinds(&t), ["email-in", "email-out"]);
        assert_eq!(t["articles"][1]["created_by"], "anna");
    }
    let r = env.run_as("anna", &["reply", "--where", "queue:Kasse"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("a bulk answer needs its text"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_redirected_mail_goes_out_unchanged_with_resent_fields_and_is_recorded() {
    let (env, server) = office();
    let n = env.mail(
        "From: Erika <erika@kunde.example>\nTo: kasse@verein.example\nSubject: Satzungsfrage\nMessage-ID: <r1@kunde.example>",
        "Originaltext der Frage.",
    );
    env.ok_as(
        "anna",
        &["redirect", &n, "--to", "vorstand@verein.example", "--close"],
    );
    let sent = server.received();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        header(&sent[0], "X-Test-Envelope-To").as_deref(),
        Some("vorstand@verein.example")
    );
    let text = String::from_utf8_lossy(&sent[0]).replace("\r\n", "\n");
    assert!(
        text.contains("Resent-To: vorstand@verein.example\n"),
        "{text}"
    );
    assert!(
        text.contains("Resent-From: kasse@verein.example\n"),
        "{text}"
    );
    assert!(
        text.contains("Message-ID: <r1@kunde.example>\n"),
        "the original's own id: {text}"
    );
    assert!(text.contains("\n\nOriginaltext der Frage.\n"), "{text}");
    let t = env.show(&n);
    assert_eq!(t["state_type"], "closed");
    let history = env.json(&["history", &n]).to_string();
    assert!(
        history.contains("redirected") && history.contains("vorstand@verein.example"),
        "{history}"
    );
}
