//! Time acting on tickets: `tix maintain` (reminders, auto-close,
//! escalations in working hours, retention, absences) and `tix dashboard`,
//! with the clock moved by TIX_NOW and mail sent to a real SMTP server.

use crate::common::*;
use crate::smtp::{header, SmtpServer};

/// A queue that escalates in office hours (Berlin), statuses that act by
/// themselves, two agents.
const OFFICE: &str = "calendars:
  - name: office
    zone: Europe/Berlin
    hours: { mon-fri: \"09:00-17:00\" }
    holidays: [2026-12-24, 12-25, 12-26]
queues:
  - name: Presse
    addresses: [presse@verein.example]
    escalation: { first_response: 4h, update: 16h, calendar: office, warn_at: 75% }
    delete_closed_after: 365d
    purge_after: 30d
  - name: Presse::Anfragen
  - name: Kasse
    addresses: [kasse@verein.example]
agents:
  - name: anna
    email: anna@verein.example
    subscribe: [Presse]
    notify: [responsible, reminder, escalation]
  - name: ben
    email: ben@verein.example
    notify: [responsible, reminder, escalation]
  - name: carl
    email: carl@verein.example
    subscribe: [Presse]
statuses:
  - { name: new, type: new }
  - { name: open, type: open }
  - { name: waiting for customer, type: pending-reminder, on_due: open }
  - { name: waiting internal, type: pending-reminder }
  - { name: pending auto close, type: pending-auto-close, closes_to: closed unsuccessful }
  - { name: closing with a word, type: pending-auto-close, answer: abschluss }
  - { name: closed successful, type: closed }
  - { name: closed unsuccessful, type: closed }
  - { name: merged, type: merged }
  - { name: deleted, type: removed }
snippets:
  - name: abschluss
    text: \"Wir schließen Ticket {{ ticket_number }}, da wir nichts mehr von Ihnen hörten.\"
";

struct Office {
    env: Env,
    server: Option<SmtpServer>,
}

impl Office {
    fn new(with_mail: bool) -> Office {
        let server = with_mail.then(|| SmtpServer::start(false, false));
        let smtp = server
            .as_ref()
            .map_or(String::new(), |s| s.yaml("info@verein.example"));
        Office {
            env: Env::with_config(&format!("{OFFICE}{smtp}")),
            server,
        }
    }

    /// Runs tix at `now` (RFC 3339) in Berlin time; insists on exit 0.
    fn at(&self, now: &str, args: &[&str]) -> String {
        let r = self.run_at(now, args, None);
        assert_eq!(r.0, 0, "tix {args:?} at {now}: {}", r.2);
        r.1
    }

    fn run_at(&self, now: &str, args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
        let mut c = self.env.cmd();
        c.env("TIX_NOW", now).env("TZ", "Europe/Berlin").args(args);
        c.write_stdin(stdin.unwrap_or(b"").to_vec());
        let out = c.output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// A customer's mail arriving at `now`; the ticket's number.
    fn mail_at(&self, now: &str, to: &str, subject: &str) -> String {
        let id = format!("{}.{}", subject.replace(' ', "-"), now.replace(':', ""));
        let message = format!(
            "From: Erika <erika@kunde.example>\nTo: {to}\nSubject: {subject}\nMessage-ID: <{id}@kunde.example>\n\nHallo\n"
        );
        let (code, out, err) = self.run_at(now, &["ingest", "-v"], Some(message.as_bytes()));
        assert_eq!(code, 0, "{err}");
        out.split_whitespace().last().unwrap().to_string()
    }

    /// Ticket `n` set (at `now`, by ben) to close by itself on 8 December
    /// with the closing answer.
    fn closes_with_a_word_on_8_december(&self, now: &str, n: &str) {
        self.at(
            now,
            &[
                "--as",
                "ben",
                "state",
                n,
                "closing with a word",
                "--until",
                "2026-12-08",
            ],
        );
    }

    /// A "thanks" set to close by itself on `until`, on 1 December.
    fn thanks_pending_until(&self, until: &str) -> String {
        let n = self.mail_at("2026-12-01T10:00:00+01:00", "kasse@verein.example", "Danke");
        let state = [
            "--as",
            "ben",
            "state",
            &n,
            "pending auto close",
            "--until",
            until,
        ];
        self.at("2026-12-01T10:05:00+01:00", &state);
        n
    }

    /// anna logs a call to the customer of `ticket`: an answer.
    fn phoned_back(&self, ticket: &str, now: &str, text: &str) {
        let note = [
            "--as",
            "anna",
            "note",
            ticket,
            "--channel",
            "phone-out",
            "-m",
            text,
        ];
        self.at(now, &note);
    }

    fn maintain(&self, now: &str) -> serde_json::Value {
        serde_json::from_str(&self.at(now, &["maintain", "--json"])).unwrap()
    }

    fn show(&self, now: &str, n: &str) -> serde_json::Value {
        serde_json::from_str(&self.at(now, &["show", n, "--json"])).unwrap()
    }

    /// (recipient, subject) of every message the server took, in order.
    fn mail_sent(&self) -> Vec<(String, String)> {
        let server = self.server.as_ref().expect("a server");
        let mut got: Vec<(String, String)> = server
            .received()
            .iter()
            .map(|m| {
                (
                    header(m, "X-Test-Envelope-To").unwrap(),
                    header(m, "Subject").unwrap(),
                )
            })
            .collect();
        got.sort();
        got
    }
}

fn steps(outcome: &serde_json::Value) -> Vec<(String, String)> {
    outcome["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["step"].as_str().unwrap().to_string(),
                a["ticket"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn history_actions(office: &Office, now: &str, n: &str) -> Vec<String> {
    let h: serde_json::Value =
        serde_json::from_str(&office.at(now, &["history", n, "--json"])).unwrap();
    h.as_array()
        .unwrap()
        .iter()
        .map(|r| r["action"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_due_reminder_is_told_once_and_sets_the_ticket_back_to_open() {
    let office = Office::new(true);
    let n = office.mail_at(
        "2026-12-01T10:00:00+01:00",
        "kasse@verein.example",
        "Beitrag",
    );
    let m = office.mail_at(
        "2026-12-01T10:00:00+01:00",
        "kasse@verein.example",
        "Spende",
    );
    office.at(
        "2026-12-01T11:00:00+01:00",
        &["--as", "ben", "assign", &n, "ben"],
    );
    office.at(
        "2026-12-01T11:00:00+01:00",
        &[
            "--as",
            "ben",
            "state",
            &n,
            "waiting for customer",
            "--until",
            "2026-12-03 09:00",
        ],
    );
    office.at(
        "2026-12-01T11:00:00+01:00",
        &[
            "--as",
            "ben",
            "state",
            &m,
            "waiting internal",
            "--until",
            "2026-12-03 09:00",
        ],
    );
    // Not yet due.
    assert!(steps(&office.maintain("2026-12-03T08:59:00+01:00")).is_empty());
    let due = office.maintain("2026-12-03T09:00:00+01:00");
    assert_eq!(
        steps(&due),
        [
            ("reminder".into(), n.clone()),
            ("reminder".into(), m.clone())
        ]
    );
    assert_eq!(due["actions"][0]["notified"], serde_json::json!(["ben"]));
    // Nobody owns the second: the queue has no subscribers, so no one hears.
    assert_eq!(due["actions"][1]["notified"], serde_json::json!([]));
    assert_eq!(
        office.show("2026-12-03T09:00:00+01:00", &n)["state"],
        "open"
    );
    // waiting internal has no on_due: it stays pending, and is due.
    let due_list = office.at(
        "2026-12-03T09:01:00+01:00",
        &["list", "is:reminder-due", "--json"],
    );
    assert!(
        due_list.contains(&m) && !due_list.contains(&n),
        "{due_list}"
    );

    // Once per date: the next runs tell nobody again.
    assert!(steps(&office.maintain("2026-12-03T09:05:00+01:00")).is_empty());
    assert!(steps(&office.maintain("2026-12-04T09:05:00+01:00")).is_empty());
    let sent = office.mail_sent();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].0, "ben@verein.example");
    assert!(sent[0].1.contains("Reminder due"), "{sent:?}");
    assert!(history_actions(&office, "2026-12-04T10:00:00+01:00", &n)
        .contains(&"reminder due".to_string()));

    // A new date is a new reminder.
    office.at(
        "2026-12-04T10:00:00+01:00",
        &[
            "--as",
            "ben",
            "state",
            &m,
            "waiting internal",
            "--until",
            "2026-12-07 09:00",
        ],
    );
    assert_eq!(
        steps(&office.maintain("2026-12-07T09:30:00+01:00")),
        [("reminder".into(), m.clone())]
    );
    // Due reminders come first in the owner's own list.
    office.at(
        "2026-12-07T09:30:00+01:00",
        &["--as", "ben", "assign", &m, "ben"],
    );
    let third = office.mail_at("2026-11-30T10:00:00+01:00", "kasse@verein.example", "Alt");
    office.at(
        "2026-12-07T09:30:00+01:00",
        &["--as", "ben", "assign", &third, "ben"],
    );
    let mine: serde_json::Value = serde_json::from_str(&office.at(
        "2026-12-07T09:31:00+01:00",
        &["--as", "ben", "list", "--owner", "me", "--json"],
    ))
    .unwrap();
    assert_eq!(mine[0]["number"], m.as_str(), "{mine}");
}

#[test]
fn a_pending_auto_close_ticket_closes_with_its_status_and_history() {
    let office = Office::new(false);
    let n = office.thanks_pending_until("2026-12-08");
    let dry = office.at("2026-12-08T00:01:00+01:00", &["maintain", "--dry-run"]);
    assert!(
        dry.contains(&format!(
            "would: {n}: closed by date: pending auto close → closed unsuccessful"
        )),
        "{dry}"
    );
    assert_eq!(
        office.show("2026-12-08T00:01:00+01:00", &n)["state"],
        "pending auto close",
        "--dry-run changed nothing"
    );
    assert_eq!(
        steps(&office.maintain("2026-12-08T00:01:00+01:00")),
        [("auto-close".into(), n.clone())]
    );
    let shown = office.show("2026-12-08T00:02:00+01:00", &n);
    assert_eq!(shown["state"], "closed unsuccessful");
    let h: serde_json::Value =
        serde_json::from_str(&office.at("2026-12-08T00:02:00+01:00", &["history", &n, "--json"]))
            .unwrap();
    let last = h.as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["actor"].as_str(), last["new"].as_str()),
        (Some("tix"), Some("closed unsuccessful")),
        "{last}"
    );
}

#[test]
fn escalation_counts_office_hours_across_a_weekend_and_a_holiday() {
    let office = Office::new(true);
    office.at("2026-12-01T00:00:00+01:00", &["agent", "list"]);
    // Wednesday 23 December, 15:00: two hours left that day, then the
    // 24th to 26th are holidays and the 27th a Sunday: the four hours of
    // first response run out on Monday 28th at 11:00; the warning (75%, 3h)
    // comes at 10:00.
    let n = office.mail_at(
        "2026-12-23T15:00:00+01:00",
        "presse@verein.example",
        "Interview",
    );
    office.at(
        "2026-12-23T15:00:00+01:00",
        &["--as", "anna", "assign", &n, "anna"],
    );
    let t = &office.show("2026-12-23T15:01:00+01:00", &n);
    assert!(
        n.starts_with("20261223"),
        "numbered by the clock's day: {n}"
    );
    assert_eq!(t["escalation_at"], "2026-12-28T11:00:00+01:00", "{t}");
    assert_eq!(t["escalation_kind"], "first-response");

    let shown = office.at("2026-12-28T09:00:00+01:00", &["show", &n]);
    assert!(
        shown.contains("First response time: escalates at 2026-12-28 11:00, in 2h 0m"),
        "{shown}"
    );
    assert!(steps(&office.maintain("2026-12-28T09:59:00+01:00")).is_empty());
    assert_eq!(
        steps(&office.maintain("2026-12-28T10:00:00+01:00")),
        [("escalation-warning".into(), n.clone())]
    );
    assert!(steps(&office.maintain("2026-12-28T10:30:00+01:00")).is_empty());
    let soon = office.at(
        "2026-12-28T10:30:00+01:00",
        &["list", "escalation:<1h", "--json"],
    );
    assert!(soon.contains(&n), "{soon}");
    let later = office.at(
        "2026-12-28T10:30:00+01:00",
        &["list", "escalation:>1h", "--json"],
    );
    assert!(!later.contains(&n), "{later}");
    assert!(!office
        .at(
            "2026-12-28T10:59:00+01:00",
            &["list", "is:escalated", "--json"]
        )
        .contains(&n));
    assert_eq!(
        steps(&office.maintain("2026-12-28T11:00:00+01:00")),
        [("escalation".into(), n.clone())]
    );
    assert!(office
        .at(
            "2026-12-28T11:00:00+01:00",
            &["list", "is:escalated", "--json"]
        )
        .contains(&n));
    assert!(steps(&office.maintain("2026-12-28T12:00:00+01:00")).is_empty());
    let sent = office.mail_sent();
    let subjects: Vec<&str> = sent.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert!(sent.iter().all(|(to, _)| to == "anna@verein.example"));
    assert!(
        subjects.iter().any(|s| s.contains("Escalates soon")),
        "{subjects:?}"
    );
    assert!(
        subjects.iter().any(|s| s.contains("Escalated")),
        "{subjects:?}"
    );
    let actions = history_actions(&office, "2026-12-28T12:00:00+01:00", &n);
    assert!(
        actions.contains(&"escalation warning".into()) && actions.contains(&"escalated".into()),
        "{actions:?}"
    );
}

#[test]
fn an_answer_ends_the_first_response_time_and_a_new_mail_starts_the_update_time() {
    let office = Office::new(false);
    let n = office.mail_at(
        "2026-12-01T09:00:00+01:00",
        "presse@verein.example",
        "Termin",
    );
    office.phoned_back(&n, "2026-12-01T10:00:00+01:00", "Angerufen, Termin steht");
    // Answered: only the update time is left, and the customer has not
    // written since: nothing escalates.
    let t = &office.show("2026-12-01T10:00:00+01:00", &n);
    assert!(t["escalation_at"].is_null(), "{t}");
    let again = format!(
        "From: erika@kunde.example\nTo: presse@verein.example\nSubject: Re: [Ticket#{n}] Termin\nMessage-ID: <again@kunde.example>\n\nNoch eine Frage\n"
    );
    let (code, _, err) = office.run_at(
        "2026-12-01T16:00:00+01:00",
        &["ingest"],
        Some(again.as_bytes()),
    );
    assert_eq!(code, 0, "{err}");
    // 16 working hours from Tuesday 16:00: Thursday 16:00.
    let t = &office.show("2026-12-01T16:01:00+01:00", &n);
    assert_eq!(
        (t["escalation_at"].as_str(), t["escalation_kind"].as_str()),
        (Some("2026-12-03T16:00:00+01:00"), Some("update"))
    );
}

#[test]
fn a_pending_status_stops_the_clock() {
    let office = Office::new(false);
    // Monday 09:00; four working hours would end at 13:00.
    let n = office.mail_at("2026-12-07T09:00:00+01:00", "presse@verein.example", "Foto");
    office.at(
        "2026-12-07T10:00:00+01:00",
        &[
            "--as",
            "anna",
            "state",
            &n,
            "waiting internal",
            "--until",
            "2026-12-09 09:00",
        ],
    );
    assert!(office.show("2026-12-07T10:00:00+01:00", &n)["escalation_at"].is_null());
    assert!(
        steps(&office.maintain("2026-12-07T14:00:00+01:00")).is_empty(),
        "stopped"
    );
    // Back to work on Tuesday at 12:00: one hour was used, three are left.
    office.at(
        "2026-12-08T12:00:00+01:00",
        &["--as", "anna", "state", &n, "open"],
    );
    let t = &office.show("2026-12-08T12:00:00+01:00", &n);
    assert_eq!(t["escalation_at"], "2026-12-08T15:00:00+01:00", "{t}");
}

/// A ticket opened by hand (a call, a letter, mail typed in) is on its
/// queue's clock as mail is.
#[test]
fn a_ticket_opened_by_hand_gets_its_escalation_time() {
    let office = Office::new(false);
    for channel in ["phone", "letter", "email"] {
        let n = office.at(
            "2026-12-07T09:00:00+01:00",
            &[
                "--as",
                "anna",
                "new",
                "--channel",
                channel,
                "--queue",
                "Presse",
                "--from",
                "erika@kunde.example",
                "--subject",
                "Anruf",
                "-m",
                "Bitte um Rückruf",
            ],
        );
        let t = office.show("2026-12-07T09:01:00+01:00", n.trim());
        assert_eq!(
            t["escalation_at"], "2026-12-07T13:00:00+01:00",
            "{channel}: {t}"
        );
    }
}

/// A notification speaks the agent's language, and gives its times in the
/// office calendar's zone, named.
#[test]
fn notifications_speak_the_agents_language_with_the_zone() {
    let server = SmtpServer::start(false, false);
    let config = OFFICE.replace(
        "  - name: anna\n    email: anna@verein.example\n",
        "  - name: anna\n    email: anna@verein.example\n    language: de\n",
    );
    let office = Office {
        env: Env::with_config(&format!("{config}{}", server.yaml("info@verein.example"))),
        server: Some(server),
    };
    let n = office.mail_at(
        "2026-12-28T09:00:00+01:00",
        "presse@verein.example",
        "Anfrage",
    );
    office.maintain("2026-12-28T15:00:00+01:00");
    let sent = office.server.as_ref().unwrap().received();
    let to_anna: Vec<&Vec<u8>> = sent
        .iter()
        .filter(|m| header(m, "X-Test-Envelope-To").as_deref() == Some("anna@verein.example"))
        .collect();
    assert_eq!(to_anna.len(), 1, "{}", sent.len());
    let subject = header(to_anna[0], "Subject").unwrap();
    assert!(
        subject.contains(&format!("[Ticket#{n}] Eskaliert")),
        "{subject}"
    );
    let text = String::from_utf8_lossy(to_anna[0]).replace("=\r\n", "");
    assert!(
        text.contains(
            "Die Erstreaktionszeit dieses Tickets ist am 2026-12-28 13:00 CET abgelaufen."
        ),
        "{text}"
    );
    assert!(text.contains("Titel:"), "{text}");
}

/// An agent who takes a daily digest gets no single notifications: the
/// first maintain run of their day (their zone) sends one mail listing the
/// day before, times in their zone; an answer keeping one line is filed on
/// that ticket.
#[test]
fn a_daily_digest_lists_yesterday_in_the_agents_zone_and_answers_find_their_ticket() {
    let server = SmtpServer::start(false, false);
    let config = OFFICE.replace(
        "  - name: anna\n    email: anna@verein.example\n",
        "  - name: anna\n    email: anna@verein.example\n    language: en\n    zone: America/New_York\n    digest: daily\n",
    );
    let office = Office {
        env: Env::with_config(&format!("{config}{}", server.yaml("info@verein.example"))),
        server: Some(server),
    };
    let to_anna = |office: &Office| -> Vec<Vec<u8>> {
        let server = office.server.as_ref().unwrap();
        server
            .received()
            .into_iter()
            .filter(|m| header(m, "X-Test-Envelope-To").as_deref() == Some("anna@verein.example"))
            .collect()
    };
    let first = office.mail_at(
        "2026-12-28T09:00:00+01:00",
        "presse@verein.example",
        "Anfrage",
    );
    let second = office.mail_at(
        "2026-12-28T10:00:00+01:00",
        "presse@verein.example",
        "Termin",
    );
    let run = office.maintain("2026-12-28T15:00:00+01:00");
    assert_eq!(
        steps(&run).iter().filter(|s| s.0 == "escalation").count(),
        2,
        "{run}"
    );
    assert!(to_anna(&office).is_empty(), "kept for the digest");
    // 05:00 in Berlin is still the 28th in New York: nothing yet.
    let early = office.maintain("2026-12-29T05:00:00+01:00");
    assert!(!steps(&early).iter().any(|s| s.0 == "digest"), "{early}");
    assert!(to_anna(&office).is_empty());
    let morning = office.maintain("2026-12-29T07:00:00+01:00");
    assert!(steps(&morning).iter().any(|s| s.0 == "digest"), "{morning}");
    let digests = to_anna(&office);
    assert_eq!(digests.len(), 1);
    assert_eq!(
        header(&digests[0], "Subject").unwrap(),
        "tix: daily digest (2)"
    );
    let text = String::from_utf8_lossy(&digests[0])
        .replace("=\r\n", "")
        .replace("\r\n", "\n");
    for n in [&first, &second] {
        assert!(
            text.contains(&format!("[Ticket#{n}] Escalated: ")),
            "{text}"
        );
    }
    // Noted at 15:00 in Berlin, 09:00 in New York; ran out at 13:00 CET.
    assert!(text.contains("2026-12-28 09:00 EST  [Ticket#"), "{text}");
    assert!(
        text.contains("The first response time of this ticket ran out at 2026-12-28 07:00 EST."),
        "{text}"
    );
    // Once a day: a later run that morning sends nothing more.
    office.maintain("2026-12-29T08:00:00+01:00");
    assert_eq!(to_anna(&office).len(), 1);

    // anna answers, keeping the line of the second ticket.
    let answer = format!(
        "From: anna@verein.example\nTo: info@verein.example\nSubject: Re: tix: daily digest (2)\nMessage-ID: <digest-answer@verein.example>\n\nI called them back.\n\n> 2026-12-28 09:00 EST  [Ticket#{second}] Escalated: Termin\n"
    );
    let (code, _, err) = office.run_at(
        "2026-12-29T09:00:00+01:00",
        &["ingest"],
        Some(answer.as_bytes()),
    );
    assert_eq!(code, 0, "{err}");
    let t = office.show("2026-12-29T09:05:00+01:00", &second);
    assert_eq!(article_kinds(&t), ["email-in", "note"]);
    assert_eq!(
        article_kinds(&office.show("2026-12-29T09:05:00+01:00", &first)),
        ["email-in"]
    );
}

#[test]
fn retention_deletes_old_closed_tickets_and_later_purges_them() {
    let office = Office::new(false);
    let n = office.mail_at("2026-01-05T10:00:00+01:00", "presse@verein.example", "Alt");
    let kept = office.mail_at(
        "2026-01-05T10:00:00+01:00",
        "kasse@verein.example",
        "Kasse alt",
    );
    // A nested queue follows its parent's rules.
    let nested = office.mail_at(
        "2026-01-05T10:00:00+01:00",
        "presse@verein.example",
        "Anfrage",
    );
    office.at(
        "2026-01-05T11:00:00+01:00",
        &["--as", "anna", "move", &nested, "Presse::Anfragen"],
    );
    for t in [&n, &kept, &nested] {
        office.at("2026-01-06T10:00:00+01:00", &["--as", "anna", "close", t]);
    }
    assert!(steps(&office.maintain("2027-01-06T09:59:00+01:00")).is_empty());
    let dry = office.at("2027-01-06T10:00:00+01:00", &["maintain", "--dry-run"]);
    assert!(
        dry.contains(&format!("would: {n}: deleted by the retention rule")),
        "{dry}"
    );
    let deleted = office.maintain("2027-01-06T10:00:00+01:00");
    let mut got = steps(&deleted);
    got.sort();
    let mut want = vec![
        ("delete".to_string(), n.clone()),
        ("delete".to_string(), nested.clone()),
    ];
    want.sort();
    assert_eq!(got, want);
    assert_eq!(
        office.show("2027-01-06T10:01:00+01:00", &n)["state"],
        "deleted"
    );
    assert!(!office
        .at("2027-01-06T10:01:00+01:00", &["list", "--all", "--json"])
        .contains(&n));
    assert_eq!(
        office.show("2027-01-06T10:01:00+01:00", &kept)["state"],
        "closed successful"
    );
    assert!(steps(&office.maintain("2027-02-05T09:59:00+01:00")).is_empty());
    let purged = office.maintain("2027-02-05T10:00:00+01:00");
    assert_eq!(purged["actions"].as_array().unwrap().len(), 2, "{purged}");
    assert!(purged["actions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["step"] == "purge"));
    let (_, _, err) = office.run_at("2027-02-05T10:01:00+01:00", &["history", &n], None);
    assert!(err.contains("no ticket"), "{err}");
}

/// delete_closed_after counts from the last change, as documented: a note
/// added after closing keeps the ticket that much longer.
#[test]
fn retention_counts_from_the_last_change_not_the_closing() {
    let office = Office::new(false);
    let n = office.mail_at("2026-01-05T10:00:00+01:00", "presse@verein.example", "Alt");
    office.at("2026-01-06T10:00:00+01:00", &["--as", "anna", "close", &n]);
    office.at(
        "2026-01-08T10:00:00+01:00",
        &["--as", "anna", "note", &n, "-m", "Rechnung nachgereicht"],
    );
    assert!(steps(&office.maintain("2027-01-06T10:00:00+01:00")).is_empty());
    assert_eq!(
        steps(&office.maintain("2027-01-08T10:00:00+01:00")),
        [("delete".to_string(), n)]
    );
}

/// A run in which a ticket could not be acted on never sums itself up as
/// "nothing due", and names the ticket once.
#[test]
fn a_run_with_a_failure_says_so_in_its_summary() {
    let env = Env::with_config(
        "agents:\n  - name: anna\nstatuses:\n  - { name: new, type: new }\n  - { name: open, type: open }\n  - { name: auto, type: pending-auto-close, next: [open] }\n  - { name: closed, type: closed }\n  - { name: merged, type: merged }\n  - { name: deleted, type: removed }\n",
    );
    let n = env.mail("From: a@b.example\nSubject: s\nMessage-ID: <fail@x>", "x");
    env.ok_as("anna", &["state", &n, "auto", "--until", "1h"]);
    let later = (chrono::Utc::now().timestamp() + 7200).to_string();
    let mut c = env.cmd();
    let out = c
        .env("TIX_NOW", &later)
        .args(["maintain", "-v"])
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stdout.trim(), "maintain: failed 1");
    assert_eq!(
        stderr.matches(&format!("ticket {n}")).count(),
        1,
        "{stderr}"
    );
}

#[test]
fn an_absent_agents_notifications_go_to_the_substitute_or_the_subscribers() {
    let office = Office::new(true);
    let n = office.mail_at(
        "2026-12-07T09:00:00+01:00",
        "presse@verein.example",
        "Presseanfrage",
    );
    office.at(
        "2026-12-07T09:00:00+01:00",
        &["--as", "anna", "assign", &n, "anna"],
    );
    office.at(
        "2026-12-07T09:01:00+01:00",
        &[
            "--as",
            "anna",
            "agent",
            "away",
            "anna",
            "--until",
            "2026-12-24",
            "--substitute",
            "ben",
        ],
    );
    let told = office.maintain("2026-12-07T13:00:00+01:00");
    assert_eq!(told["actions"][0]["step"], "escalation");
    assert_eq!(told["actions"][0]["notified"], serde_json::json!(["ben"]));
    let sent = office.mail_sent();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].0, "ben@verein.example");
    // The dashboard says who is away.
    let board: serde_json::Value = serde_json::from_str(&office.at(
        "2026-12-07T13:01:00+01:00",
        &["--as", "ben", "dashboard", "--json"],
    ))
    .unwrap();
    assert_eq!(board["away"][0]["agent"], "anna");
    assert_eq!(board["away"][0]["substitute"], "ben");
    let listed = office.at("2026-12-07T13:01:00+01:00", &["agent", "list"]);
    assert!(listed.contains("away until 2026-12-24 00:00"), "{listed}");
    // Back: a past date is refused, `back` ends it.
    let (code, _, err) = office.run_at(
        "2026-12-07T13:02:00+01:00",
        &[
            "--as",
            "anna",
            "agent",
            "away",
            "anna",
            "--until",
            "2026-12-01",
        ],
        None,
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not in the future"), "{err}");
    office.at(
        "2026-12-07T13:02:00+01:00",
        &["--as", "anna", "agent", "back", "anna"],
    );
    assert!(!office
        .at("2026-12-07T13:03:00+01:00", &["agent", "list"])
        .contains("away until"));
}

#[test]
fn a_second_maintain_leaves_while_one_is_at_work_and_dry_run_changes_nothing() {
    let office = Office::new(false);
    let n = office.thanks_pending_until("2026-12-02");
    let held = office.env.hold_job_lock("maintain");
    let (code, out, err) = office.run_at("2026-12-03T10:00:00+01:00", &["maintain", "-v"], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("another tix maintain"), "{err}");
    assert_eq!(
        office.show("2026-12-03T10:00:00+01:00", &n)["state"],
        "pending auto close"
    );
    drop(held);
    for _ in 0..2 {
        let dry: serde_json::Value = serde_json::from_str(&office.at(
            "2026-12-03T10:00:00+01:00",
            &["maintain", "--dry-run", "--json"],
        ))
        .unwrap();
        assert_eq!(dry["dry_run"], true);
        assert_eq!(steps(&dry), [("auto-close".to_string(), n.clone())]);
    }
    assert_eq!(
        office.show("2026-12-03T10:00:00+01:00", &n)["state"],
        "pending auto close"
    );
    let quiet = office.at("2026-12-03T10:00:00+01:00", &["maintain"]);
    assert!(quiet.is_empty(), "quiet in cron: {quiet}");
    assert_eq!(
        office.show("2026-12-03T10:00:00+01:00", &n)["state"],
        "closed unsuccessful"
    );
}

#[test]
fn escalation_rules_added_later_apply_to_the_open_tickets_at_once() {
    let env =
        Env::with_config("queues:\n  - name: Presse\n    addresses: [presse@verein.example]\n");
    let run = |now: &str, args: &[&str], stdin: Option<&[u8]>| {
        let mut c = env.cmd();
        c.env("TIX_NOW", now).env("TZ", "UTC").args(args);
        c.write_stdin(stdin.unwrap_or(b"").to_vec());
        let out = c.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    run(
        "2026-12-01T10:00:00Z",
        &["ingest"],
        Some(b"From: a@kunde.example\nTo: presse@verein.example\nSubject: Frage\nMessage-ID: <q1@k>\n\nHallo\n"),
    );
    assert_eq!(
        run(
            "2026-12-02T10:00:00Z",
            &["list", "is:escalated", "--json"],
            None
        )
        .trim(),
        "[]"
    );
    std::fs::write(
        env.config.join("tix.yaml"),
        "queues:\n  - name: Presse\n    addresses: [presse@verein.example]\n    escalation: { solution: 1d }\n",
    )
    .unwrap();
    let escalated = run(
        "2026-12-02T10:00:00Z",
        &["list", "is:escalated", "--json"],
        None,
    );
    assert!(
        escalated.contains("\"escalation_kind\": \"solution\""),
        "{escalated}"
    );
    // And taken away again.
    std::fs::write(env.config.join("tix.yaml"), "queues:\n  - name: Presse\n").unwrap();
    assert_eq!(
        run(
            "2026-12-02T10:00:00Z",
            &["list", "is:escalated", "--json"],
            None
        )
        .trim(),
        "[]"
    );
}

#[test]
fn time_mistakes_in_the_config_are_located() {
    let cases = [
        (
            "queues:\n  - name: Presse\n    escalation: { first_response: 4h, calendar: buero }\n",
            "tix.yaml:3:",
            "calendar \"buero\" is not defined",
        ),
        (
            "queues:\n  - name: Presse\n    escalation: { first_response: soon }\n",
            "tix.yaml:3:",
            "first_response:",
        ),
        (
            "queues:\n  - name: Presse\n    escalation: { warn_at: 80% }\n",
            "tix.yaml:3:",
            "at least one of first_response",
        ),
        (
            "statuses:\n  - { name: new, type: new }\n  - { name: open, type: open }\n  - { name: zu, type: closed }\n  - { name: m, type: merged }\n  - { name: d, type: removed }\n  - { name: auto, type: pending-auto-close, closes_to: open }\n",
            "tix.yaml:7:",
            "closes_to \"open\" is a status of type open, not closed",
        ),
        (
            "calendars:\n  - name: office\n    zone: Europe/Berln\n    hours: { mon-fri: \"09:00-17:00\" }\n",
            "tix.yaml:3:",
            "not a time zone",
        ),
        (
            "agents:\n  - name: anna\n    email: anna@verein.example\n    zone: Berlin\n",
            "tix.yaml:4:",
            "\"Berlin\" is not a time zone (write e.g. Europe/Berlin)",
        ),
        (
            "agents:\n  - name: anna\n    digest: weekly\n",
            "tix.yaml:3:",
            "digest",
        ),
        (
            "calendars:\n  - name: office\n    zone: Europe/Berlin\n    hours: { mon-fri: \"9-17\" }\n",
            "tix.yaml:4:",
            "not a time of day",
        ),
        (
            "queues:\n  - name: Presse\n    delete_closed_after: forever\n",
            "tix.yaml:3:",
            "delete_closed_after:",
        ),
    ];
    for (yaml, place, words) in cases {
        let env = Env::with_config(yaml);
        let r = env.run(&["config", "check"]);
        assert_eq!(r.code, 2, "{yaml}: {}", r.stderr);
        assert!(
            r.stderr.contains(place) && r.stderr.contains(words),
            "{yaml}\n{}",
            r.stderr
        );
    }
}

#[test]
fn the_dashboard_shows_queues_my_tickets_escalations_and_two_weeks() {
    let office = Office::new(false);
    let a = office.mail_at(
        "2026-12-01T10:00:00+01:00",
        "presse@verein.example",
        "Interview",
    );
    let b = office.mail_at("2026-12-02T10:00:00+01:00", "presse@verein.example", "Foto");
    let c = office.mail_at(
        "2026-12-03T10:00:00+01:00",
        "kasse@verein.example",
        "Beitrag",
    );
    office.at(
        "2026-12-03T11:00:00+01:00",
        &["--as", "anna", "move", &b, "Presse::Anfragen"],
    );
    office.at(
        "2026-12-03T11:00:00+01:00",
        &["--as", "anna", "assign", &a, "anna"],
    );
    office.at("2026-12-03T11:00:00+01:00", &["--as", "anna", "close", &c]);
    office.phoned_back(&a, "2026-12-01T12:00:00+01:00", "Rückruf");
    let d = office.mail_at(
        "2026-12-04T11:00:00+01:00",
        "presse@verein.example",
        "Termin",
    );
    let now = "2026-12-04T12:00:00+01:00";
    let text = office.at(now, &["--as", "anna", "dashboard"]);
    let expected = format!(
        "Queues
 Queue       New  Open  Pending  Escalated  Reminders due
 Kasse       0    0     0        0          0
 Presse      3    0     0        1          0
   Anfragen  1    0     0        1          0

My tickets (anna): 1 owned, 0 responsible (0 with new mail), 0 locked
 Number            Title      State  Queue   Why
 {a}  Interview  new    Presse  owner

Escalations: 1 escalated
 Number            Title   Queue             Time            Due               Left
 {b}  Foto    Presse::Anfragen  first response  2026-12-02 14:00  overdue 1d 22h
 {d}  Termin  Presse            first response  2026-12-04 15:00  3h 0m left

The last 14 days: created │ closed
 Sat 2026-11-21      0                          │     0
 Sun 2026-11-22      0                          │     0
 Mon 2026-11-23      0                          │     0
 Tue 2026-11-24      0                          │     0
 Wed 2026-11-25      0                          │     0
 Thu 2026-11-26      0                          │     0
 Fri 2026-11-27      0                          │     0
 Sat 2026-11-28      0                          │     0
 Sun 2026-11-29      0                          │     0
 Mon 2026-11-30      0                          │     0
 Tue 2026-12-01      1 ████████████████████████ │     0
 Wed 2026-12-02      1 ████████████████████████ │     0
 Thu 2026-12-03      1 ████████████████████████ │     1 ████████████████████████
 Fri 2026-12-04      1 ████████████████████████ │     0
 Median first response: Presse 2h 0m (1 ticket)
"
    );
    assert_eq!(text, expected, "\n{text}");

    let json: serde_json::Value = serde_json::from_str(&office.at(
        now,
        &["--as", "anna", "dashboard", "--json", "--queue", "Presse"],
    ))
    .unwrap();
    assert_eq!(json["queue"], "Presse");
    let names: Vec<&str> = json["queues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Presse", "Presse::Anfragen"]);
    assert_eq!(json["queues"][0]["new"], 3, "rolled up from below");
    assert_eq!(json["escalated"], 1);
    assert_eq!(json["escalations"][0]["number"], b.as_str());
    assert_eq!(json["escalations"][0]["seconds_left"], -46 * 3600, "{json}");
    assert_eq!(json["escalations"][1]["number"], d.as_str());
    assert_eq!(json["escalations"][1]["seconds_left"], 3 * 3600);
    assert_eq!(json["days"].as_array().unwrap().len(), 14);
    assert_eq!(
        json["days"][12]["closed"], 0,
        "the Kasse queue is not in view"
    );
    assert_eq!(json["first_response"][0]["median_seconds"], 7200);
    assert_eq!(json["mine"]["owned"][0]["number"], a.as_str());
}

#[test]
fn working_hours_across_the_daylight_saving_changes_count_as_the_clocks_go() {
    // Sunday night shifts, 00:00–06:00 Berlin time: five real hours on the
    // last Sunday of March, seven on the last Sunday of October.
    let env = Env::with_config(
        "calendars:
  - name: nights
    zone: Europe/Berlin
    hours: { sun: \"00:00-06:00\" }
queues:
  - name: Nacht
    escalation: { solution: 5h, calendar: nights }
  - name: Lang
    addresses: [lang@verein.example]
    escalation: { solution: 7h, calendar: nights }
",
    );
    let at = |now: &str, args: &[&str], stdin: Option<&str>| {
        let mut c = env.cmd();
        c.env("TIX_NOW", now).env("TZ", "UTC").args(args);
        c.write_stdin(stdin.unwrap_or("").as_bytes().to_vec());
        let out = c.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let mail = |to: &str, id: &str| {
        format!("From: a@kunde.example\nTo: {to}\nSubject: Nacht\nMessage-ID: <{id}@k>\n\nHallo\n")
    };
    // 29 March 2026, 00:00 CET = 28 March 23:00 UTC.
    // The first queue has no address: mail to no queue's address lands there.
    at(
        "2026-03-28T23:00:00Z",
        &["ingest"],
        Some(&mail("nacht@verein.example", "m")),
    );
    let t: serde_json::Value =
        serde_json::from_str(&at("2026-03-28T23:00:00Z", &["list", "--json"], None)).unwrap();
    assert_eq!(
        t[0]["escalation_at"], "2026-03-29T04:00:00+00:00",
        "06:00 CEST: {t}"
    );
    // 25 October 2026, 00:00 CEST = 24 October 22:00 UTC.
    at(
        "2026-10-24T22:00:00Z",
        &["ingest"],
        Some(&mail("lang@verein.example", "o")),
    );
    let t: serde_json::Value = serde_json::from_str(&at(
        "2026-10-24T22:00:00Z",
        &["list", "queue:Lang", "--json"],
        None,
    ))
    .unwrap();
    assert_eq!(
        t[0]["escalation_at"], "2026-10-25T05:00:00+00:00",
        "06:00 CET: {t}"
    );
}

#[test]
fn mail_to_a_pending_ticket_opens_it_and_its_clock_runs_again() {
    let office = Office::new(false);
    let n = office.mail_at(
        "2026-12-07T09:00:00+01:00",
        "presse@verein.example",
        "Termin",
    );
    office.phoned_back(&n, "2026-12-07T09:30:00+01:00", "Rückfrage gestellt");
    let wait = [
        "--as",
        "anna",
        "state",
        &n,
        "waiting for customer",
        "--until",
        "2026-12-14",
    ];
    office.at("2026-12-07T09:31:00+01:00", &wait);
    let answer = format!(
        "From: erika@kunde.example\nTo: presse@verein.example\nSubject: Re: [Ticket#{n}] Termin\nMessage-ID: <antwort@kunde.example>\n\nHier die Antwort\n"
    );
    let (code, _, err) = office.run_at(
        "2026-12-08T10:00:00+01:00",
        &["ingest"],
        Some(answer.as_bytes()),
    );
    assert_eq!(code, 0, "{err}");
    let t = office.show("2026-12-08T10:00:00+01:00", &n);
    assert_eq!(t["state"], "open");
    assert!(t["pending_until"].is_null(), "{t}");
    // 16 working hours from Tuesday 10:00: Thursday 10:00.
    assert_eq!(
        (t["escalation_at"].as_str(), t["escalation_kind"].as_str()),
        (Some("2026-12-10T10:00:00+01:00"), Some("update"))
    );
    // No reminder is due for a ticket that no longer waits; its update
    // time ran out meanwhile.
    assert_eq!(
        steps(&office.maintain("2026-12-14T09:00:00+01:00")),
        [("escalation".to_string(), n.clone())]
    );
    let h: serde_json::Value =
        serde_json::from_str(&office.at("2026-12-08T10:01:00+01:00", &["history", &n, "--json"]))
            .unwrap();
    let opened = h
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["action"] == "state" && r["actor"] == "tix")
        .expect("a state change by tix");
    assert_eq!(opened["detail"], "the customer wrote while it was pending");
    assert_eq!(opened["new"], "open");
}

/// The answer when a ticket closes by date passes the auto-responder's
/// checks: no robot, list, bounce, out-of-office or address of our own
/// gets it.
#[test]
fn the_closing_answer_goes_to_people_only() {
    let office = Office::new(true);
    let senders = [
        ("MAILER-DAEMON@mx.example", ""),
        ("noreply@shop.example", ""),
        ("owner-liste@lists.example", ""),
        ("kasse@verein.example", ""),
        ("otto@kunde.example", "Auto-Submitted: auto-replied\n"),
        ("news@kunde.example", "List-Id: <news.kunde.example>\n"),
        ("erika@kunde.example", ""),
    ];
    let mut numbers = Vec::new();
    for (i, (from, extra)) in senders.iter().enumerate() {
        let message = format!(
            "From: {from}\nTo: kasse@verein.example\nSubject: Frage {i}\nMessage-ID: <close{i}@x.example>\n{extra}\nHallo\n"
        );
        let (code, out, err) = office.run_at(
            "2026-12-01T10:00:00+01:00",
            &["ingest", "-v"],
            Some(message.as_bytes()),
        );
        assert_eq!(code, 0, "{err}");
        let n = out.split_whitespace().last().unwrap().to_string();
        office.closes_with_a_word_on_8_december("2026-12-01T10:06:00+01:00", &n);
        numbers.push(n);
    }
    let done = office.maintain("2026-12-08T00:01:00+01:00");
    assert_eq!(steps(&done).len(), senders.len(), "{done}");
    let sent = office.mail_sent();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].0, "erika@kunde.example");
    for n in &numbers[..numbers.len() - 1] {
        let history = office.at("2026-12-08T00:02:00+01:00", &["history", n, "--json"]);
        assert!(history.contains("no auto-reply"), "{n}: {history}");
    }
}

/// No closing answer to an address that bounced for good since the
/// customer last wrote.
#[test]
fn no_closing_answer_to_an_address_that_bounced_for_good() {
    let office = Office::new(true);
    let n = office.mail_at("2026-12-01T10:00:00+01:00", "kasse@verein.example", "Frage");
    office.at(
        "2026-12-01T10:05:00+01:00",
        &["--as", "ben", "reply", &n, "-m", "Antwort"],
    );
    let sent = office.server.as_ref().unwrap().received();
    let id = header(&sent[0], "Message-ID").unwrap();
    let returned =
        format!("From: kasse@verein.example\nTo: erika@kunde.example\nMessage-ID: {id}\n");
    let report = delivery_report("gone", "erika@kunde.example", &returned);
    let (code, _, err) = office.run_at(
        "2026-12-01T10:10:00+01:00",
        &["ingest"],
        Some(report.as_bytes()),
    );
    assert_eq!(code, 0, "{err}");
    office.closes_with_a_word_on_8_december("2026-12-01T10:15:00+01:00", &n);
    office.maintain("2026-12-08T00:01:00+01:00");
    assert_eq!(office.mail_sent().len(), 1, "the reply only");
    let history = office.at("2026-12-08T00:02:00+01:00", &["history", &n, "--json"]);
    assert!(history.contains("bounced for good (5.1.1)"), "{history}");
}

#[test]
fn a_status_may_ask_for_an_answer_to_the_customer_when_it_closes_by_date() {
    let office = Office::new(true);
    let quiet = office.thanks_pending_until("2026-12-08");
    let n = office.mail_at("2026-12-01T10:00:00+01:00", "kasse@verein.example", "Frage");
    let state = [
        "--as",
        "ben",
        "state",
        &n,
        "closing with a word",
        "--until",
        "2026-12-08",
    ];
    office.at("2026-12-01T10:06:00+01:00", &state);
    let done = office.maintain("2026-12-08T00:01:00+01:00");
    let mut got = steps(&done);
    got.sort();
    let mut want = vec![
        ("auto-close".to_string(), n.clone()),
        ("auto-close".to_string(), quiet.clone()),
    ];
    want.sort();
    assert_eq!(got, want);
    // Only the status that asks for it answers; it closes to the first closed status.
    assert_eq!(
        office.show("2026-12-08T00:02:00+01:00", &n)["state"],
        "closed successful"
    );
    let server = office.server.as_ref().unwrap();
    let sent = server.received();
    assert_eq!(sent.len(), 1, "{:?}", office.mail_sent());
    assert_eq!(
        header(&sent[0], "X-Test-Envelope-To").unwrap(),
        "erika@kunde.example"
    );
    assert_eq!(
        header(&sent[0], "Auto-Submitted").unwrap(),
        "auto-generated"
    );
    assert!(header(&sent[0], "Subject").unwrap().contains(&n));
    let text = String::from_utf8_lossy(&sent[0]).replace("=\r\n", "");
    assert!(text.contains("nichts mehr von Ihnen"), "{text}");
    let shown = office.show("2026-12-08T00:02:00+01:00", &n);
    let kinds: Vec<&str> = shown["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["email-in", "email-out"],
        "the answer is on the ticket"
    );
    // A status that does not close by date cannot ask for one.
    let env = Env::with_config(&OFFICE.replace(
        "{ name: waiting internal, type: pending-reminder }",
        "{ name: waiting internal, type: pending-reminder, answer: abschluss }",
    ));
    let r = env.run(&["config", "check"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("answer goes with statuses of type pending-auto-close"),
        "{}",
        r.stderr
    );
}

/// Reads never write: after the escalation rules changed, `list`, `search`,
/// `history` and `dashboard` show the times the new rules give but leave
/// the store as they found it (on a shared store every machine's read
/// would otherwise rewrite the times with its own config); the next
/// command that writes stores them.
#[test]
fn a_change_of_the_rules_is_seen_by_a_read_and_stored_by_a_write() {
    let office = Office::new(false);
    let n = office.mail_at(
        "2026-12-01T09:00:00+01:00",
        "presse@verein.example",
        "Anfrage",
    );
    let t = &office.show("2026-12-01T09:01:00+01:00", &n);
    assert_eq!(t["escalation_at"], "2026-12-01T13:00:00+01:00", "{t}");
    let yaml = office.env.config.join("tix.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(
        &yaml,
        text.replace("first_response: 4h", "first_response: 2h"),
    )
    .unwrap();
    let store_bytes = || {
        ["", "-wal"].map(|end| {
            let path = format!("{}{end}", office.env.db.display());
            std::fs::read(path).map(|b| sha256_hex(&b)).ok()
        })
    };
    let before = store_bytes();
    for read in [
        vec!["list", "escalation:<3h", "--json"],
        vec!["search", "Anfrage", "--json"],
        vec!["history", &n],
        vec!["dashboard"],
    ] {
        let out = office.at("2026-12-01T09:02:00+01:00", &read);
        if read[0] == "list" {
            assert!(out.contains(&n), "the new rules unseen by list: {out}");
            assert!(out.contains("2026-12-01T11:00:00+01:00"), "{out}");
        }
        if sqlite_only() {
            assert_eq!(store_bytes(), before, "tix {read:?} wrote to the store");
        }
    }
    office.at("2026-12-01T09:03:00+01:00", &["maintain"]);
    if sqlite_only() {
        assert_ne!(store_bytes(), before, "maintain stored the new times");
    }
    let t = &office.show("2026-12-01T09:04:00+01:00", &n);
    assert_eq!(t["escalation_at"], "2026-12-01T11:00:00+01:00", "{t}");
}
