//! A person's right to their data: `tix person export` hands over exactly
//! what the store holds about them; `tix person erase` (then `tix store
//! compact`) leaves none of their words or addresses in the store.

use crate::common::*;

const CONFIG: &str = "queues:
  - name: Mitglieder
    addresses: [mitglieder@verein.example]
agents:
  - name: anna
    email: anna@verein.example
contacts:
  - id: \"4711\"
    name: Erika Musterfrau
    addresses: [erika@kunde.example, e.musterfrau@privat.example]
";

/// A store with Erika's data in it, and other people's:
/// - her own ticket (her words "Zahnarzttermin Quittungsbeleg", a PDF), and
///   a second one from her private address;
/// - Paul's ticket, his mail copied to her (Cc) with his own words;
/// - a note in Paul's ticket naming her address;
/// - a delivery report about her address (the bounce record).
struct Store {
    env: Env,
    hers: String,
    private: String,
    pauls: String,
    report: String,
}

fn store() -> Store {
    let env = Env::with_config(CONFIG);
    env.ok_as("anna", &["config", "apply"]);
    let hers = env.mail(
        "From: Erika Musterfrau <Erika@Kunde.example>\nTo: mitglieder@verein.example\nSubject: Beitrag und Zahnarzttermin\nMessage-ID: <e1@kunde.example>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"X\"",
        "--X\nContent-Type: text/plain; charset=utf-8\n\nIch habe den Quittungsbeleg angehängt.\nErika Musterfrau\n--X\nContent-Type: application/pdf; name=\"beleg.pdf\"\nContent-Disposition: attachment; filename=\"beleg.pdf\"\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQKJcTl8uXrCg==\n--X--",
    );
    let private = env.mail(
        "From: e.musterfrau@privat.example\nTo: mitglieder@verein.example\nSubject: Adresse\nMessage-ID: <e2@privat.example>",
        "Meine neue Adresse ist Sonnenweg 5.",
    );
    let pauls = env.mail(
        "From: Paul Peters <paul@kunde.example>\nTo: mitglieder@verein.example\nCc: erika@kunde.example\nSubject: Fahrgemeinschaft\nMessage-ID: <p1@kunde.example>",
        "Wir fahren gemeinsam zur Versammlung. Treffpunkt Rathausplatz.",
    );
    env.ok_as(
        "anna",
        &[
            "note",
            &pauls,
            "-m",
            "Rückfrage bei erika@kunde.example wegen der Fahrt",
        ],
    );
    let dsn = delivery_report(
        "dsn-erika",
        "erika@kunde.example",
        "From: mitglieder@verein.example\nTo: erika@kunde.example\nSubject: Rundbrief\nMessage-ID: <r1@verein.example>\n",
    );
    let filed = env.ingest(dsn.as_bytes());
    assert_eq!(filed.code, 0, "{}", filed.stderr);
    let report = filed.stdout.split_whitespace().last().unwrap().to_string();
    Store {
        env,
        hers,
        private,
        pauls,
        report,
    }
}

#[test]
fn export_holds_exactly_the_persons_data() {
    let s = store();
    let dir = s.env.path("auskunft");
    let out = s.env.ok_as(
        "anna",
        &["person", "export", "4711", "--to", dir.to_str().unwrap()],
    );
    assert!(out.contains("2 ticket(s), 3 article(s) elsewhere"), "{out}");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("person.json")).unwrap()).unwrap();
    assert_eq!(
        doc["addresses"],
        serde_json::json!(["e.musterfrau@privat.example", "erika@kunde.example"])
    );
    assert_eq!(doc["contacts"][0]["id"], "4711");
    let numbers: Vec<&str> = doc["tickets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, [s.hers.as_str(), s.private.as_str()]);
    // Paul's mail (she was copied), the note naming her, the report about her.
    let elsewhere: Vec<(&str, &str)> = doc["articles_elsewhere"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["ticket"].as_str().unwrap(), a["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        elsewhere,
        [
            (s.pauls.as_str(), "email-in"),
            (s.pauls.as_str(), "note"),
            (s.report.as_str(), "email-in")
        ]
    );
    assert_eq!(doc["bounce_record"][0]["address"], "erika@kunde.example");
    assert_eq!(
        doc["bounce_record"][0]["events"].as_array().unwrap().len(),
        1
    );
    // The mbox: her two mails, Paul's and the report, byte for byte.
    let mbox = std::fs::read(dir.join("mail.mbox")).unwrap();
    let text = String::from_utf8_lossy(&mbox);
    assert_eq!(
        text.matches("\nFrom tix@localhost ").count() + 1,
        4,
        "{text}"
    );
    for id in [
        "<e1@kunde.example>",
        "<e2@privat.example>",
        "<p1@kunde.example>",
        "<dsn-erika@",
    ] {
        assert!(text.contains(id), "{id} in the mbox");
    }
    assert_eq!(
        std::fs::read(
            dir.join("attachments")
                .join(format!("{}-1-beleg.pdf", s.hers))
        )
        .unwrap(),
        b"%PDF-1.4\n%\xc4\xe5\xf2\xe5\xeb\n"
    );
    // Logged, without the data; and never overwritten.
    let history = s.env.json(&["history", &s.hers, "--json"]);
    assert!(
        history
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["action"] == "data protection" && h["new"] == "export"),
        "{history:#}"
    );
    let again = s.env.run_as(
        "anna",
        &["person", "export", "4711", "--to", dir.to_str().unwrap()],
    );
    assert_eq!(again.code, 1, "{}", again.stderr);
    assert!(again.stderr.contains("mail.mbox"), "{}", again.stderr);
}

/// Every text the store holds, on either database: what a search of the
/// store's own tables could find.
fn occurrences(env: &Env, needle: &str) -> i64 {
    let like = needle.to_lowercase().replace('\'', "''");
    let texts = [
        "SELECT count(*) FROM tickets WHERE lower(title || ' ' || coalesce(customer_address, '') || ' ' || coalesce(customer_name, '')) LIKE '%{}%'",
        "SELECT count(*) FROM articles WHERE lower(coalesce(from_name, '') || coalesce(from_addr, '') || coalesce(to_addrs, '') || coalesce(cc_addrs, '') || subject || body) LIKE '%{}%'",
        "SELECT count(*) FROM history WHERE lower(coalesce(old_value, '') || coalesce(new_value, '') || coalesce(detail, '')) LIKE '%{}%'",
        "SELECT count(*) FROM contact_addresses WHERE lower(address) LIKE '%{}%'",
        "SELECT count(*) FROM contacts WHERE lower(name) LIKE '%{}%'",
        "SELECT count(*) FROM bounce_events WHERE lower(address) LIKE '%{}%'",
        "SELECT count(*) FROM outbox WHERE lower(recipient) LIKE '%{}%'",
        "SELECT count(*) FROM config_versions WHERE lower(files) LIKE '%{}%'",
    ];
    let mut n: i64 = texts
        .iter()
        .map(|q| env.count(&q.replace("{}", &like)))
        .sum();
    n += env.count(&if test_server().is_some() {
        format!(
            "SELECT count(*) FROM raw_messages WHERE position('{}'::bytea IN bytes) > 0",
            needle.replace('\'', "''")
        )
    } else {
        format!(
            "SELECT count(*) FROM raw_messages WHERE instr(bytes, CAST('{}' AS BLOB)) > 0",
            needle.replace('\'', "''")
        )
    });
    n
}

#[test]
fn erase_leaves_none_of_the_persons_words_or_addresses() {
    let s = store();
    let secrets = [
        "erika@kunde.example",
        "e.musterfrau@privat.example",
        "Musterfrau",
        "Zahnarzttermin",
        "Quittungsbeleg",
        "Sonnenweg",
    ];
    for word in secrets {
        assert!(
            occurrences(&s.env, word) > 0,
            "{word} is in the store before"
        );
    }
    // The dry run says exactly what would go, and changes nothing.
    let plan = s.env.ok_as(
        "anna",
        &["person", "erase", "erika@kunde.example", "--dry-run"],
    );
    let expected = format!(
        "person: erika@kunde.example, e.musterfrau@privat.example
names: Erika Musterfrau
ticket {} (1 article(s)): deleted with its mail, attachments and history
ticket {} (1 article(s)): deleted with its mail, attachments and history
ticket {} article 1: addresses and names blanked out, original mail and attachments deleted
ticket {} article 2: addresses and names blanked out, original mail and attachments deleted
ticket {} article 1: addresses and names blanked out, original mail and attachments deleted
bounce record: 1 event(s)
contact 4711: deleted
",
        s.hers, s.private, s.pauls, s.pauls, s.report
    );
    assert_eq!(plan, expected);
    assert!(occurrences(&s.env, "Zahnarzttermin") > 0);

    let run = s
        .env
        .run_as("anna", &["person", "erase", "erika@kunde.example"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("2 ticket(s) deleted"), "{}", run.stdout);
    // Her contact comes from the config: said, so it is removed there too.
    assert!(
        run.stderr.contains("contact 4711 comes from the config"),
        "{}",
        run.stderr
    );
    s.env.ok_as("anna", &["store", "compact"]);

    for word in secrets {
        assert_eq!(
            occurrences(&s.env, word),
            0,
            "{word} is gone from the tables"
        );
        let found = s.env.ok_as("anna", &["search", word, "--json"]);
        assert_eq!(found.trim(), "[]", "search {word}");
    }
    if test_server().is_none() {
        // The bytes themselves: nowhere in the file or its write-ahead log,
        // the full-text index's segments included.
        let mut bytes = std::fs::read(&s.env.db).unwrap();
        let mut wal = s.env.db.as_os_str().to_owned();
        wal.push("-wal");
        bytes.extend(std::fs::read(std::path::PathBuf::from(wal)).unwrap_or_default());
        for word in secrets {
            let folded = word.to_lowercase();
            for needle in [word.as_bytes(), folded.as_bytes()] {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle),
                    "{word} is gone from the file"
                );
            }
        }
    }
    // Paul's ticket stays with his words; her part in it is blanked out.
    let pauls = s.env.show(&s.pauls);
    assert_eq!(pauls["articles"][0]["cc"], "erased@erased.invalid");
    assert!(pauls["articles"][0]["body"]
        .as_str()
        .unwrap()
        .contains("Rathausplatz"));
    assert_eq!(
        pauls["articles"][1]["body"],
        "Rückfrage bei erased@erased.invalid wegen der Fahrt"
    );
    let found = s.env.ok_as("anna", &["search", "Rathausplatz", "--json"]);
    assert!(found.contains(&s.pauls), "{found}");
    // Her tickets are gone; the erasure is in the history, without her.
    let gone = s.env.run_as("anna", &["show", &s.hers]);
    assert_eq!(gone.code, 1);
    let history = s.env.json(&["history", &s.pauls, "--json"]);
    assert!(history
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["action"] == "data protection" && h["new"] == "erase" && h["actor"] == "anna"));
}

#[test]
fn anonymised_tickets_stay_for_the_figures() {
    let s = store();
    s.env
        .ok_as("anna", &["person", "erase", "4711", "--anonymise"]);
    s.env.ok_as("anna", &["store", "compact"]);
    let t = s.env.show(&s.hers);
    assert_eq!(t["title"], "[erased]");
    assert_eq!(t["customer_address"], "erased@erased.invalid");
    assert_eq!(t["articles"][0]["body"], "[erased]");
    assert_eq!(t["articles"][0]["attachments"], serde_json::json!([]));
    for word in ["Musterfrau", "Zahnarzttermin", "erika@kunde.example"] {
        assert_eq!(occurrences(&s.env, word), 0, "{word}");
    }
    // Still counted.
    assert_eq!(s.env.numbers(&[]).len(), 4);
}
