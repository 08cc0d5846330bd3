//! A week of an office's mail, end to end: members write to one address or
//! two (each delivered once per address, in either order), agents answer
//! from tix, from their own mail program and by answering notifications,
//! an out-of-office comes back, a reply bounces, a sub-queue answers with
//! its parent's words. The clock is moved with TIX_NOW; mail goes to a real
//! SMTP server.

use crate::common::*;
use crate::smtp::{header, SmtpServer};

const OFFICE: &str = "mail_verified_by: mx.verein.example
calendars:
  - name: office
    zone: Europe/Berlin
    hours: { mon-fri: \"09:00-17:00\" }
queues:
  - name: Info
    addresses: [info@verein.example]
    auto_reply: eingang
    salutation: anrede
    signature: gruss
    escalation: { first_response: 8h, calendar: office }
  - name: Presse
    addresses: [presse@verein.example]
  - name: Mitglieder
    addresses: [mitglieder@verein.example]
    auto_reply: eingang
    salutation: anrede
    signature: gruss
    reply_state: waiting for customer
  - name: Mitglieder::Austritte
    addresses: [austritt@verein.example]
agents:
  - name: anna
    email: anna@verein.example
    also_from: [anna.adler@privat.example]
    notify: [followup, new_ticket, undelivered]
    subscribe: [Mitglieder]
  - name: ben
    email: ben@verein.example
snippets:
  - name: anrede
    kind: salutation
    text: \"Hallo {{ customer_name }},\"
  - name: gruss
    kind: signature
    text: \"Viele Grüße\\n{{ agent_name }}\"
  - name: eingang
    text: \"Ihre Nachricht ist als Ticket {{ ticket_number }} eingegangen.\"
";

struct Week {
    env: Env,
    server: SmtpServer,
}

impl Week {
    fn run(&self, now: &str, args: &[&str], stdin: Option<&[u8]>) -> Run {
        self.env.run_at(now, args, stdin)
    }

    fn ok(&self, now: &str, args: &[&str]) -> String {
        self.env.ok_at(now, args)
    }

    /// A message delivered by the pipe of `queue` at `now`: what ingest said.
    fn deliver(&self, now: &str, queue: &str, message: &str) -> String {
        let r = self.run(
            now,
            &["ingest", "-v", "--queue", queue],
            Some(message.as_bytes()),
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.stdout.trim().to_string()
    }

    fn show(&self, n: &str) -> serde_json::Value {
        let out = self.ok("2026-12-18T17:00:00+01:00", &["show", n, "--json"]);
        serde_json::from_str(&out).unwrap()
    }

    /// The subject of each message the server took for `address`.
    fn mail_to(&self, address: &str) -> Vec<String> {
        self.server
            .received()
            .iter()
            .filter(|m| header(m, "X-Test-Envelope-To").as_deref() == Some(address))
            .map(|m| header(m, "Subject").unwrap())
            .collect()
    }
}

/// A member's mail at `now` (RFC 3339), dated then.
fn mail(now: &str, from: &str, to: &str, cc: &str, subject: &str, id: &str, body: &str) -> String {
    let date = chrono::DateTime::parse_from_rfc3339(now)
        .unwrap()
        .to_rfc2822();
    let cc = if cc.is_empty() {
        String::new()
    } else {
        format!("Cc: {cc}\n")
    };
    format!("From: {from}\nTo: {to}\n{cc}Subject: {subject}\nMessage-ID: <{id}>\nDate: {date}\n\n{body}\n")
}

fn number(said: &str) -> String {
    said.split_whitespace().last().unwrap().to_string()
}

#[test]
fn a_week_of_office_mail_ends_with_every_ticket_where_it_belongs() {
    let server = SmtpServer::start(false, false);
    let week = Week {
        env: Env::with_config(&format!("{OFFICE}{}", server.yaml("info@verein.example"))),
        server,
    };

    // Monday. Erika writes to info@ with presse@ in Cc; the Presse pipe
    // delivers first, then the Info pipe: one ticket, in Info (To first).
    let mon = "2026-12-14T09:00:00+01:00";
    let erika_q = mail(
        mon,
        "Erika Muster <erika@kunde.example>",
        "info@verein.example",
        "presse@verein.example",
        "Interview zum Jubiläum",
        "e1@kunde.example",
        "Hätten Sie Zeit für ein Interview?",
    );
    let erika = number(&week.deliver(mon, "Presse", &erika_q));
    assert!(week.deliver(mon, "Info", &erika_q).starts_with("duplicate"));
    // Olga writes to presse@ with info@ in Cc; this time Info's pipe is first.
    let olga_q = mail(
        mon,
        "Olga <olga@zeitung.example>",
        "presse@verein.example",
        "info@verein.example",
        "Pressefoto",
        "o1@zeitung.example",
        "Haben Sie ein Foto?",
    );
    let olga = number(&week.deliver(mon, "Info", &olga_q));
    week.deliver(mon, "Presse", &olga_q);
    // Max leaves the association: the sub-queue answers with its parent's words.
    let max_q = mail(
        "2026-12-14T09:10:00+01:00",
        "Max Meier <max@mitglied.example>",
        "austritt@verein.example",
        "",
        "Kündigung",
        "m1@mitglied.example",
        "Ich trete zum Jahresende aus.",
    );
    let max = number(&week.deliver("2026-12-14T09:10:00+01:00", "Mitglieder::Austritte", &max_q));
    week.ok(mon, &["--as", "ben", "assign", &erika, "anna"]);
    week.ok(mon, &["--as", "anna", "assign", &olga, "ben"]);

    // anna answers Erika from her private account, the office in Cc; the
    // office's MTA vouches for it (DKIM of her domain).
    let anna_reply = format!(
        "Authentication-Results: mx.verein.example; dkim=pass header.d=privat.example\nReceived: from client by mx.verein.example\n{}",
        mail("2026-12-14T11:00:00+01:00", "Anna Adler <anna.adler@privat.example>", "erika@kunde.example", "info@verein.example", &format!("Re: [Ticket#{erika}] Interview zum Jubiläum"), "a1@privat.example", "Gern, am Dienstag.")
    );
    week.deliver("2026-12-14T11:00:00+01:00", "Info", &anna_reply);

    // Tuesday. ben answers Max and Olga from tix.
    let tue = "2026-12-15T09:00:00+01:00";
    week.ok(
        tue,
        &[
            "--as",
            "ben",
            "reply",
            &max,
            "-m",
            "Schade, wir bestätigen Ihren Austritt.",
            "--until",
            "2026-12-21",
        ],
    );
    week.ok(
        tue,
        &[
            "--as",
            "ben",
            "reply",
            &olga,
            "-m",
            "Anbei kein Foto, aber ein Link.",
        ],
    );
    let sent = week.server.received();
    let to_olga = sent
        .iter()
        .find(|m| {
            header(m, "X-Test-Envelope-To").as_deref() == Some("olga@zeitung.example")
                && header(m, "Auto-Submitted").is_none()
        })
        .expect("ben's reply to Olga");
    let to_max = sent
        .iter()
        .find(|m| {
            header(m, "X-Test-Envelope-To").as_deref() == Some("max@mitglied.example")
                && header(m, "Auto-Submitted").is_none()
        })
        .expect("ben's reply to Max");
    // Max is away: his out-of-office answers, and changes nothing.
    let away = format!(
        "Auto-Submitted: auto-replied\n{}",
        mail(
            "2026-12-15T09:01:00+01:00",
            "Max Meier <max@mitglied.example>",
            "mitglieder@verein.example",
            "",
            &format!("Abwesenheitsnotiz: {}", header(to_max, "Subject").unwrap()),
            "ooo1@mitglied.example",
            "Ich bin bis 4. Januar nicht im Büro."
        )
    );
    week.deliver("2026-12-15T09:01:00+01:00", "Mitglieder", &away);
    // Olga's address is gone: the reply bounces home.
    let returned = format!(
        "From: presse@verein.example\nTo: olga@zeitung.example\nSubject: {}\nMessage-ID: {}\n",
        header(to_olga, "Subject").unwrap(),
        header(to_olga, "Message-ID").unwrap()
    );
    week.deliver(
        "2026-12-15T09:05:00+01:00",
        "Presse",
        &delivery_report("dsn-olga", "olga@zeitung.example", &returned),
    );

    // Wednesday. anna answers the notification of Max's ticket: a note.
    let wed = "2026-12-16T08:30:00+01:00";
    let note = mail(
        wed,
        "anna@verein.example",
        "info@verein.example",
        "",
        &format!("Re: [Ticket#{max}] Neues Ticket: Kündigung"),
        "a2@verein.example",
        "Bitte Beitrag bis Dezember abrechnen.",
    );
    week.deliver(wed, "Info", &note);

    // Thursday. Erika answers anna's mail (threaded by its Message-ID).
    let thu = "2026-12-17T10:00:00+01:00";
    let mut erika_again = mail(
        thu,
        "Erika Muster <erika@kunde.example>",
        "anna.adler@privat.example",
        "info@verein.example",
        "Re: Interview zum Jubiläum",
        "e2@kunde.example",
        "Dienstag passt.",
    );
    erika_again.insert_str(0, "In-Reply-To: <a1@privat.example>\n");
    assert_eq!(
        week.deliver(thu, "Info", &erika_again),
        format!("follow-up on ticket {erika}")
    );
    week.ok("2026-12-18T09:00:00+01:00", &["maintain"]);

    // Three tickets, none in a bounce queue, each where it belongs.
    let all = week.ok("2026-12-18T17:00:00+01:00", &["list", "--all", "--json"]);
    let all: serde_json::Value = serde_json::from_str(&all).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 3, "{all}");

    let t = week.show(&erika);
    assert_eq!(
        (t["queue"].as_str(), t["state"].as_str()),
        (Some("Info"), Some("open"))
    );
    let who: Vec<(String, String)> = t["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["kind"].as_str().unwrap().to_string(),
                a["created_by"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        who,
        [
            ("email-in", "tix"),
            ("email-out", "tix"),
            ("email-out", "anna"),
            ("email-in", "tix")
        ]
        .map(|(k, b)| (k.to_string(), b.to_string())),
        "the auto-reply, then anna's answer"
    );
    assert_eq!(t["articles"][2]["sender_type"], "agent");
    assert_ne!(
        t["escalation_kind"], "first-response",
        "anna's mail answered it: {t}"
    );

    let t = week.show(&max);
    assert_eq!(t["queue"], "Mitglieder::Austritte");
    assert_eq!(
        t["state"], "waiting for customer",
        "the out-of-office changed nothing"
    );
    assert_eq!(t["pending_until"], "2026-12-21T00:00:00+01:00");
    // The auto-reply, ben's answer, the out-of-office, anna's note.
    assert_eq!(
        article_kinds(&t),
        ["email-in", "email-out", "email-out", "email-in", "note"]
    );
    assert_eq!(t["articles"][2]["created_by"], "ben");
    assert_eq!(t["articles"][4]["created_by"], "anna");

    let t = week.show(&olga);
    assert_eq!(t["queue"], "Presse");
    assert_eq!(article_kinds(&t), ["email-in", "email-out", "email-in"]);
    assert_eq!(
        t["articles"][1]["undelivered"],
        "olga@zeitung.example (5.1.1)"
    );

    // What the server carried: one acknowledgement each from the queues
    // that give one (the sub-queue's with its parent's greeting), and
    // notifications only of what each agent asked for.
    let to_erika = week.mail_to("erika@kunde.example");
    assert_eq!(to_erika.len(), 1, "one auto-reply: {to_erika:?}");
    assert!(
        to_erika[0].starts_with(&format!("Re: [Ticket#{erika}] Interview")),
        "{to_erika:?}"
    );
    let ack: Vec<Vec<u8>> = week
        .server
        .received()
        .into_iter()
        .filter(|m| {
            header(m, "X-Test-Envelope-To").as_deref() == Some("max@mitglied.example")
                && header(m, "Auto-Submitted").is_some()
        })
        .collect();
    assert_eq!(ack.len(), 1);
    let text = String::from_utf8_lossy(&ack[0]).replace("=\r\n", "");
    assert!(text.contains("Hallo Max Meier,"), "{text}");
    assert!(
        week.mail_to("olga@zeitung.example").len() == 1,
        "Presse sends no auto-reply"
    );
    let anna_got = week.mail_to("anna@verein.example");
    assert_eq!(anna_got.len(), 2, "{anna_got:?}");
    assert!(
        anna_got
            .iter()
            .any(|s| s.starts_with(&format!("[Ticket#{max}] New ticket"))),
        "{anna_got:?}"
    );
    assert!(
        anna_got
            .iter()
            .any(|s| s.starts_with(&format!("[Ticket#{erika}] Customer wrote again"))),
        "{anna_got:?}"
    );
    let ben_got = week.mail_to("ben@verein.example");
    assert_eq!(
        ben_got,
        [format!("[Ticket#{olga}] Not delivered: Pressefoto")],
        "{ben_got:?}"
    );
}
