//! The treasurer's round over months: the bounce record keeps every verdict
//! per address, scores it by the policy (ok → watch → hold → removed),
//! knows members by their VERP return path, writes once more to the
//! addresses on watch (probes through a real SMTP server), and exports what
//! CiviCRM, listmonk and Mailman import.

use crate::common::*;
use crate::smtp::{header, SmtpServer};

const TREASURY: &str = "queues:
  - name: Kasse
    addresses: [kasse@verein.example]
bounce_policy:
  hold_at: 2
  verp: [\"bounces+{member}@verein.example\"]
  probe_from: \"bounces+probe-{token}@verein.example\"
snippets:
  - name: nochmal
    text: \"Bitte bestätigen Sie Ihre Adresse {{ customer_address }}.\"
";

struct Treasury {
    env: Env,
    server: SmtpServer,
}

impl Treasury {
    fn run(&self, now: &str, args: &[&str], stdin: Option<&[u8]>) -> Run {
        self.env.run_at(now, args, stdin)
    }

    fn ok(&self, now: &str, args: &[&str]) -> String {
        self.env.ok_at(now, args)
    }

    /// A delivery report arriving at `now`, sent to `return_path`, about
    /// `recipient` (action failed or delayed, with its status and words).
    fn report(
        &self,
        now: &str,
        return_path: &str,
        recipient: &str,
        action: &str,
        status: &str,
        words: &str,
    ) {
        let id = format!("{}.{}", recipient.replace('@', "="), now.replace(':', ""));
        let date = chrono::DateTime::parse_from_rfc3339(now)
            .unwrap()
            .to_rfc2822();
        let message = format!(
            "From: Mail Delivery System <MAILER-DAEMON@mx.verein.example>\nTo: {return_path}\nDelivered-To: {return_path}\nSubject: Undelivered Mail Returned to Sender\nMessage-ID: <{id}@mx.verein.example>\nDate: {date}\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\n{words}\n\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.verein.example\n\nFinal-Recipient: rfc822; {recipient}\nAction: {action}\nStatus: {status}\nDiagnostic-Code: smtp; {words}\n\n--B\nContent-Type: text/rfc822-headers\n\nFrom: kasse@verein.example\nTo: {recipient}\nSubject: Rundbrief\nMessage-ID: <rundbrief.{id}@verein.example>\n\n--B--\n"
        );
        let r = self.run(
            now,
            &["ingest", "--queue", "Kasse"],
            Some(message.as_bytes()),
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
    }

    fn hard(&self, now: &str, return_path: &str, recipient: &str) {
        self.report(now, return_path, recipient, "failed", "5.1.1", "550 5.1.1 <x>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)");
    }

    fn full(&self, now: &str, recipient: &str) {
        self.report(
            now,
            "kasse@verein.example",
            recipient,
            "failed",
            "4.2.2",
            "452 4.2.2 Mailbox full (in reply to RCPT TO command)",
        );
    }

    /// (address, state, score) of the record, in address order.
    fn record(&self, now: &str) -> Vec<(String, String, f64)> {
        let list: serde_json::Value =
            serde_json::from_str(&self.ok(now, &["bounce", "list", "--json"])).unwrap();
        list.as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["address"].as_str().unwrap().to_string(),
                    e["state"].as_str().unwrap().to_string(),
                    e["score"].as_f64().unwrap(),
                )
            })
            .collect()
    }
}

fn treasury() -> Treasury {
    let server = SmtpServer::start(false, false);
    Treasury {
        env: Env::with_config(&format!(
            "{TREASURY}{}",
            server.yaml("Kasse <kasse@verein.example>")
        )),
        server,
    }
}

fn row(a: &str, s: &str, n: f64) -> (String, String, f64) {
    (a.to_string(), s.to_string(), n)
}

#[test]
fn two_mailings_a_round_of_probes_and_a_third_mailing_end_with_the_right_members_held_and_removed()
{
    let t = treasury();
    // The first newsletter. Anna's address is gone, Bert's mailbox full,
    // Carla's delivery only delayed; Dora's mail went to her old address
    // forwarded elsewhere, and the VERP return path names her member id.
    let m1 = "2026-11-02T10:00:00+01:00";
    t.hard(m1, "kasse@verein.example", "anna@mitglied.example");
    t.full(m1, "bert@mitglied.example");
    t.report(
        m1,
        "kasse@verein.example",
        "carla@mitglied.example",
        "delayed",
        "4.4.1",
        "Connection timed out",
    );
    t.hard(m1, "bounces+1004@verein.example", "dora.neu@anders.example");
    // The same report read twice counts once.
    t.hard(m1, "kasse@verein.example", "anna@mitglied.example");
    assert_eq!(
        t.record("2026-11-03T10:00:00+01:00"),
        [
            row("anna@mitglied.example", "watch", 1.0),
            row("bert@mitglied.example", "ok", 0.5),
            row("carla@mitglied.example", "ok", 0.0),
            row("dora.neu@anders.example", "watch", 1.0),
        ]
    );
    // The second newsletter: Bert's mailbox is full again.
    let m2 = "2026-12-01T10:00:00+01:00";
    t.full(m2, "bert@mitglied.example");
    let watched = t.ok(
        "2026-12-02T10:00:00+01:00",
        &[
            "bounce",
            "list",
            "--state",
            "watch",
            "--format",
            "addresses",
        ],
    );
    assert_eq!(
        watched,
        "anna@mitglied.example\nbert@mitglied.example\ndora.neu@anders.example\n"
    );

    // The round: one probe each, under a return path of its own.
    let dry = t.ok(
        "2026-12-03T10:00:00+01:00",
        &[
            "bounce",
            "round",
            "--snippet",
            "nochmal",
            "--subject",
            "Ihre Adresse",
            "--dry-run",
        ],
    );
    assert!(dry.ends_with("bounce round: 3 to write to\n"), "{dry}");
    assert!(t.server.received().is_empty(), "a dry run sends nothing");
    let round = t.ok(
        "2026-12-03T10:00:00+01:00",
        &[
            "bounce",
            "round",
            "--snippet",
            "nochmal",
            "--subject",
            "Ihre Adresse",
        ],
    );
    assert!(round.contains("written to 3, sent 3"), "{round}");
    let probes = t.server.received();
    assert_eq!(probes.len(), 3);
    let to_anna = probes
        .iter()
        .find(|m| header(m, "X-Test-Envelope-To").as_deref() == Some("anna@mitglied.example"))
        .unwrap();
    let return_path = header(to_anna, "X-Test-Envelope-From").unwrap();
    assert!(
        return_path.starts_with("bounces+probe-") && return_path.ends_with("@verein.example"),
        "{return_path}"
    );
    assert!(
        String::from_utf8_lossy(to_anna).contains("Bitte best"),
        "the snippet"
    );
    // A second round the same week writes to no one again: their probes
    // are still being waited on.
    let again = t.ok(
        "2026-12-04T09:00:00+01:00",
        &[
            "bounce",
            "round",
            "--snippet",
            "nochmal",
            "--subject",
            "Ihre Adresse",
            "--dry-run",
        ],
    );
    assert!(again.ends_with("bounce round: 0 to write to\n"), "{again}");
    // Anna's probe bounces (her mail server now says so in other words):
    // held, whatever the score.
    t.report(
        "2026-12-03T10:05:00+01:00",
        &return_path,
        "anna@mitglied.example",
        "failed",
        "5.1.1",
        "No such user",
    );
    let after_round = t.record("2026-12-04T10:00:00+01:00");
    assert_eq!(after_round[0], row("anna@mitglied.example", "hold", 2.0));

    // The member list: Anna and her partner share the address; Dora is
    // found by her member id although the report named her forward.
    let members = t.env.path("mitglieder.csv");
    std::fs::write(
        &members,
        "Mitgliedsnummer;Name;E-Mail\n1001;Anna Adler;anna@mitglied.example\n1002;Bert Bär;bert@mitglied.example\n1003;Carla Chor;carla@mitglied.example\n1004;Dora Dach;dora@mitglied.example\n1006;Arne Adler;ANNA@mitglied.example\n".replace(';', ","),
    )
    .unwrap();
    let joined: serde_json::Value = serde_json::from_str(&t.ok(
        "2026-12-04T10:00:00+01:00",
        &[
            "bounce",
            "list",
            "--members",
            members.to_str().unwrap(),
            "--map",
            "id=Mitgliedsnummer,name=Name,email=E-Mail",
            "--json",
        ],
    ))
    .unwrap();
    let per_member: Vec<(String, String, String, bool)> = joined
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["member"].as_str().unwrap().to_string(),
                r["address"].as_str().unwrap().to_string(),
                r["state"].as_str().unwrap().to_string(),
                r["reach_by_post"].as_bool().unwrap(),
            )
        })
        .collect();
    let expect =
        |m: &str, a: &str, s: &str, post: bool| (m.to_string(), a.to_string(), s.to_string(), post);
    assert_eq!(
        per_member,
        [
            expect("1001", "anna@mitglied.example", "hold", true),
            expect("1002", "bert@mitglied.example", "watch", false),
            expect("1004", "dora.neu@anders.example", "watch", false),
            expect("1006", "anna@mitglied.example", "hold", true),
        ]
    );
    let table = t.ok(
        "2026-12-04T10:00:00+01:00",
        &[
            "bounce",
            "list",
            "--members",
            members.to_str().unwrap(),
            "--map",
            "id=Mitgliedsnummer,name=Name,email=E-Mail",
        ],
    );
    assert!(table.contains("reach by post"), "{table}");

    // The treasurer takes Anna off the list; Dora confirmed by phone.
    t.ok(
        "2026-12-05T10:00:00+01:00",
        &[
            "--as",
            "tester",
            "bounce",
            "remove",
            "anna@mitglied.example",
        ],
    );
    t.ok(
        "2026-12-05T10:00:00+01:00",
        &[
            "--as",
            "tester",
            "bounce",
            "clear",
            "dora.neu@anders.example",
        ],
    );
    // The third newsletter: Bert's address is now unknown.
    t.hard(
        "2027-01-04T10:00:00+01:00",
        "kasse@verein.example",
        "bert@mitglied.example",
    );
    assert_eq!(
        t.record("2027-01-05T10:00:00+01:00"),
        [
            row("anna@mitglied.example", "removed", 2.0),
            row("bert@mitglied.example", "hold", 2.0),
            row("carla@mitglied.example", "ok", 0.0),
            row("dora.neu@anders.example", "ok", 0.0),
        ]
    );

    // Why Anna is removed: every verdict, and the mail of each.
    let shown: serde_json::Value = serde_json::from_str(&t.ok(
        "2027-01-05T10:00:00+01:00",
        &["bounce", "show", "anna@mitglied.example", "--json"],
    ))
    .unwrap();
    let kinds: Vec<&str> = shown["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["failure", "probe", "removed"]);
    assert_eq!(shown["events"][0]["reason"], "userunknown");
    let raw = t.ok(
        "2027-01-05T10:00:00+01:00",
        &["bounce", "show", "anna@mitglied.example", "--raw", "2"],
    );
    assert!(raw.contains("No such user"), "{raw}");
    let r = t.run(
        "2027-01-05T10:00:00+01:00",
        &["bounce", "show", "nobody@mitglied.example"],
        None,
    );
    assert_eq!(
        (r.code, r.stderr.trim()),
        (
            1,
            "tix: nobody@mitglied.example is not in the bounce record"
        )
    );

    // The exports, read back as each target reads them.
    let civi = t.ok(
        "2027-01-05T10:00:00+01:00",
        &["bounce", "list", "--format", "civicrm"],
    );
    let mut reader = csv::Reader::from_reader(civi.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec!["external_identifier", "email", "on_hold", "hold_date"]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert_eq!(rows.len(), 2, "{civi}");
    assert_eq!(rows[0][1..3], ["anna@mitglied.example", "1"]);
    assert_eq!(rows[1][1..3], ["bert@mitglied.example", "1"]);
    let hooks: serde_json::Value = serde_json::from_str(&t.ok(
        "2027-01-05T10:00:00+01:00",
        &["bounce", "list", "--format", "listmonk"],
    ))
    .unwrap();
    for hook in hooks.as_array().unwrap() {
        assert!(hook["email"].is_string() && hook["source"] == "tix");
        assert!(hook["type"] == "hard" || hook["type"] == "soft");
        // listmonk takes meta as a JSON document in a string.
        let meta: serde_json::Value = serde_json::from_str(hook["meta"].as_str().unwrap()).unwrap();
        assert!(meta["state"].is_string());
    }
    assert_eq!(hooks.as_array().unwrap().len(), 2);
    let mailman = t.ok(
        "2027-01-05T10:00:00+01:00",
        &["bounce", "list", "--format", "mailman"],
    );
    assert_eq!(mailman, "anna@mitglied.example\nbert@mitglied.example\n");

    // Bert writes himself: his address works.
    let r = t.run(
        "2027-01-06T10:00:00+01:00",
        &["ingest"],
        Some(b"From: Bert <bert@mitglied.example>\nTo: kasse@verein.example\nSubject: Meine Adresse\nMessage-ID: <bert-lebt@mitglied.example>\n\nIch bin noch da.\n"),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        t.record("2027-01-07T10:00:00+01:00")[1],
        row("bert@mitglied.example", "ok", 0.0)
    );
}

/// The clean-up closes a delay notice's ticket too (it would escalate for
/// nothing), and bounce-report lists the soft-only addresses to retry.
#[test]
fn delay_notices_are_cleaned_up_and_soft_bounces_listed_to_retry() {
    let t = treasury();
    let m1 = "2026-11-02T10:00:00+01:00";
    t.report(
        m1,
        "kasse@verein.example",
        "carla@mitglied.example",
        "delayed",
        "4.4.1",
        "Connection timed out",
    );
    t.full(m1, "bert@mitglied.example");
    t.hard(m1, "kasse@verein.example", "anna@mitglied.example");
    let soft = t.ok(
        m1,
        &["bounce-report", "from:MAILER-DAEMON", "--format", "soft"],
    );
    assert_eq!(soft, "bert@mitglied.example\n");
    let held = t.ok(
        m1,
        &[
            "bounce-report",
            "from:MAILER-DAEMON",
            "--state",
            "watch",
            "--format",
            "addresses",
        ],
    );
    assert_eq!(held, "anna@mitglied.example\n");
    t.ok(
        m1,
        &[
            "--as",
            "tester",
            "bounce-report",
            "from:MAILER-DAEMON",
            "--merge-oldest",
            "--close",
        ],
    );
    let open = t.ok(m1, &["list", "--json"]);
    let open: serde_json::Value = serde_json::from_str(&open).unwrap();
    // Only the soft bounce's ticket stays open (no --soft).
    assert_eq!(open.as_array().unwrap().len(), 1, "{open}");
    assert!(open[0]["title"].as_str().unwrap().contains("Undelivered"));
}
