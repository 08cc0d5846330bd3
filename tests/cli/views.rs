//! What people and scripts read back: list, show, history; decoding and
//! attachments exactly as sent.

use crate::common::*;

fn sample(env: &Env) {
    env.ok(&[
        "fetch",
        "--mbox",
        fixture("mail/sample.mbox").to_str().unwrap(),
    ]);
}

fn find(env: &Env, needle: &str) -> String {
    env.tickets(&["--all"])
        .into_iter()
        .find(|t| t["title"].as_str().unwrap().contains(needle))
        .unwrap_or_else(|| panic!("no ticket {needle}"))["number"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn charsets_and_transfer_encodings_are_decoded() {
    let env = Env::new();
    sample(&env);
    // ISO-8859-1, quoted-printable body, RFC 2047 Q-encoded name and subject.
    let t = env.show(&find(&env, "Kündigung"));
    assert_eq!(t["title"], "Kündigung meiner Mitgliedschaft");
    assert_eq!(t["customer_name"], "Jürgen Weiß");
    let body = t["articles"][0]["body"].as_str().unwrap();
    assert!(
        body.contains("ich möchte meine Mitgliedschaft zum Jahresende kündigen."),
        "{body}"
    );
    assert!(
        body.contains("Mit freundlichen Grüßen\nJürgen Weiß"),
        "{body}"
    );
    // Base64 body and a B-encoded UTF-8 subject with a dash and accents.
    let t = env.show(&find(&env, "Mitgliedsantrag"));
    assert_eq!(t["title"], "Mitgliedsantrag – Maria López");
    assert!(t["articles"][0]["body"]
        .as_str()
        .unwrap()
        .starts_with("Anbei mein ausgefüllter Antrag.\nMaría López"));
    // HTML only: readable text, no markup, no style sheet.
    let t = env.show(&find(&env, "Raumanfrage"));
    // &nbsp; comes through as U+00A0.
    let body = t["articles"][0]["body"]
        .as_str()
        .unwrap()
        .replace('\u{a0}', " ");
    assert!(
        body.contains("der Saal 2 ist am 20. November frei."),
        "{body}"
    );
    assert!(
        body.contains("Beamer") && body.contains("40 Plätze"),
        "{body}"
    );
    assert!(!body.contains('<') && !body.contains("color:red"), "{body}");
}

#[test]
fn attachments_come_back_byte_for_byte() {
    let env = Env::new();
    sample(&env);
    let number = find(&env, "Mitgliedsantrag");
    let t = env.show(&number);
    let att = &t["articles"][0]["attachments"][0];
    let pdf = read("mail/antrag.pdf");
    assert_eq!(att["filename"], "Antrag_López.pdf");
    assert_eq!(att["content_type"], "application/pdf");
    assert_eq!(att["size"], pdf.len());
    assert_eq!(att["sha256"], sha256_hex(&pdf));
    let out = env.path("out");
    env.ok(&["show", &number, "--save-attachments", out.to_str().unwrap()]);
    let saved = std::fs::read(out.join("1-Antrag_López.pdf")).unwrap();
    assert_eq!(sha256_hex(&saved), sha256_hex(&pdf));
}

/// A mail of many parts: every attachment saved, each with its own bytes,
/// from one reading of the message (the speed is in BENCHMARKS.md).
#[test]
fn many_attachments_are_saved_each_with_its_own_bytes() {
    let env = Env::new();
    let parts: String = (0..300)
        .map(|i| format!("--B\nContent-Type: text/plain; name=\"f{i}.txt\"\nContent-Disposition: attachment; filename=\"f{i}.txt\"\n\ninhalt {i}\n"))
        .collect();
    env.ingest(format!("From: a@x.example\nSubject: Viele\nMessage-ID: <many@x>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\nText\n{parts}--B--\n").as_bytes());
    let number = find(&env, "Viele");
    let out = env.path("out");
    env.ok(&["show", &number, "--save-attachments", out.to_str().unwrap()]);
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 300);
    for i in [0, 150, 299] {
        let saved = std::fs::read_to_string(out.join(format!("1-f{i}.txt"))).unwrap();
        assert_eq!(saved.trim_end(), format!("inhalt {i}"));
    }
}

#[test]
fn show_raw_prints_the_original_bytes() {
    let env = Env::new();
    let original = read("mail/latin1-qp.eml");
    env.ingest(&original);
    let number = env.tickets(&[])[0]["number"].as_str().unwrap().to_string();
    let r = env.run(&["show", &number, "--raw", "1"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout_bytes == original);
    let r = env.run(&["show", &number, "--raw", "2"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr.trim(),
        format!("tix: ticket {number} has 1 article(s); there is no article 2")
    );
}

#[test]
fn show_prints_the_thread_for_people() {
    let env = Env::new();
    sample(&env);
    let number = find(&env, "Landesparteitag");
    let text = env.ok(&["show", &number]);
    assert!(
        text.starts_with(&format!("Ticket {number}  Anfrage zum Landesparteitag\n")),
        "{text}"
    );
    assert_eq!(text.matches("── ").count(), 3);
    let first = text.find("hätte ich").unwrap();
    let last = text.find("ab wann ist Einlass").unwrap();
    assert!(first < last);
    let text = env.ok(&["show", &find(&env, "Mitgliedsantrag")]);
    assert!(
        text.contains("Attachment: Antrag_López.pdf (application/pdf, 381 bytes)"),
        "{text}"
    );
}

#[test]
fn tickets_are_named_by_a_tail_of_their_number() {
    let env = Env::new();
    sample(&env);
    let number = find(&env, "Raumanfrage");
    let tail = &number[number.len() - 4..];
    assert_eq!(env.show(tail)["number"], number.as_str());
    // A tail, not a prefix: the date at the front names nothing.
    let r = env.run(&["show", &number[..8]]);
    assert_eq!(
        (r.code, r.stderr.trim()),
        (1, format!("tix: no ticket {}", &number[..8]).as_str())
    );
    let r = env.run(&["show", "99999999"]);
    assert_eq!((r.code, r.stderr.trim()), (1, "tix: no ticket 99999999"));
    let r = env.run(&["show", "abc"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("\"abc\" is not a ticket number"));
}

#[test]
fn an_ambiguous_tail_lists_the_candidates() {
    let env = Env::new();
    for i in 0..12 {
        env.ingest(
            format!("From: a@b.example\nSubject: s{i}\nMessage-ID: <amb{i}@x>\n\nx\n").as_bytes(),
        );
    }
    let numbers: Vec<String> = env
        .tickets(&["--sort", "number"])
        .iter()
        .map(|t| t["number"].as_str().unwrap().to_string())
        .collect();
    // Twelve numbers, ten possible last digits: some last digit is shared.
    let shared = (b'0'..=b'9')
        .map(|d| d as char)
        .find(|d| numbers.iter().filter(|n| n.ends_with(*d)).count() >= 2)
        .unwrap();
    let r = env.run(&["show", &shared.to_string()]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with(&format!("tix: ticket {shared} is ambiguous: ")),
        "{}",
        r.stderr
    );
    for n in numbers.iter().filter(|n| n.ends_with(shared)) {
        assert!(
            r.stderr.contains(n.as_str()),
            "{n} not listed: {}",
            r.stderr
        );
    }
}

#[test]
fn list_filters_and_formats() {
    let env = Env::with_fixture_queues();
    sample(&env);
    assert_eq!(env.tickets(&[]).len(), 6);
    // --queue takes the sub-queues too.
    assert_eq!(env.tickets(&["--queue", "LV"]).len(), 2);
    assert_eq!(env.tickets(&["--queue", "lv::mitgliederdaten"]).len(), 2);
    assert_eq!(env.tickets(&["--queue", "Presse"]).len(), 1);
    assert_eq!(env.tickets(&["--state", "new"]).len(), 6);
    assert_eq!(env.tickets(&["--state", "open"]).len(), 0);
    assert_eq!(env.tickets(&["--limit", "2"]).len(), 2);
    assert_eq!(env.tickets(&["--owner", "none"]).len(), 6);
    assert_eq!(env.tickets(&["--owner", "anna"]).len(), 0);
    let r = env.run(&["list", "--queue", "Nope"]);
    assert_eq!(
        (r.code, r.stderr.trim()),
        (2, "tix: unknown queue \"Nope\"")
    );
    let r = env.run(&["list", "--state", "sleepy"]);
    assert_eq!(r.code, 2);
    assert!(r
        .stderr
        .contains("unknown state \"sleepy\"; statuses: new, open"));

    // Oldest first by default; --reverse turns it round.
    let by_age: Vec<String> = env
        .tickets(&[])
        .iter()
        .map(|t| t["number"].to_string())
        .collect();
    let mut reversed: Vec<String> = env
        .tickets(&["--reverse"])
        .iter()
        .map(|t| t["number"].to_string())
        .collect();
    reversed.reverse();
    assert_eq!(by_age, reversed);

    // Closed and merged are hidden unless --all; removed never shows.
    let presse = find(&env, "Landesparteitag");
    env.alter(
        "UPDATE tickets SET state='closed spam', state_type='closed' WHERE number=?1",
        &presse,
    );
    let raum = find(&env, "Raumanfrage");
    env.alter(
        "UPDATE tickets SET state='deleted', state_type='removed' WHERE number=?1",
        &raum,
    );
    assert_eq!(env.tickets(&[]).len(), 4);
    assert_eq!(env.tickets(&["--all"]).len(), 5);
    assert_eq!(env.tickets(&["--state", "closed"]).len(), 1);
    assert_eq!(env.tickets(&["--state", "closed-spam"]).len(), 1);

    let csv = env.ok(&["list", "--csv", "--queue", "LV"]);
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let headers = rows.headers().unwrap().clone();
    assert_eq!(&headers[0], "number");
    let recs: Vec<csv::StringRecord> = rows.records().map(|r| r.unwrap()).collect();
    assert_eq!(recs.len(), 2);
    assert!(recs
        .iter()
        .any(|r| &r[3] == "Kündigung meiner Mitgliedschaft"
            && &r[2] == "Jürgen Weiß <j.weiss@mail.example>"));

    let table = env.ok(&["list"]);
    let header = table.lines().next().unwrap();
    for col in [
        "Number", "Age", "From", "Subject", "State", "Queue", "Owner",
    ] {
        assert!(header.contains(col), "{header}");
    }
    assert_eq!(table.lines().count(), 5);
}

/// A subject or name a spreadsheet would run as a formula is written with
/// a leading apostrophe in every CSV tix prints.
#[test]
fn csv_cells_never_start_a_formula() {
    let env = Env::new();
    env.ingest(
        b"From: \"=HYPERLINK(1)\" <f@x.example>\nSubject: =1+2\nMessage-ID: <f1@x>\n\nText\n",
    );
    env.ingest(b"From: \"@SUM(A1)\" <g@x.example>\nSubject: -2+3\nMessage-ID: <f2@x>\n\nText\n");
    env.ingest(b"From: Plain <h@x.example>\nSubject: +49 30 1234\nMessage-ID: <f3@x>\n\nText\n");
    let csv = env.ok(&["list", "--csv"]);
    let mut cells: Vec<String> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .flat_map(|r| {
            let r = r.unwrap();
            [r[2].to_string(), r[3].to_string()]
        })
        .collect();
    cells.sort();
    assert_eq!(
        cells,
        [
            "'+49 30 1234",
            "'-2+3",
            "'=1+2",
            "'=HYPERLINK(1) <f@x.example>",
            "'@SUM(A1) <g@x.example>",
            "Plain <h@x.example>",
        ]
    );
}

#[test]
fn terminal_control_sequences_from_mail_never_reach_the_screen() {
    let env = Env::new();
    env.ingest(b"From: \"Evil\x1b]0;pwned\x07\" <e@x.example>\nSubject: hi \x1b[2J\x1b[31mred\nMessage-ID: <esc@x>\n\nbody \x1b[5m blink \x9b\n");
    let number = env.tickets(&[])[0]["number"].as_str().unwrap().to_string();
    for out in [
        env.ok(&["list"]),
        env.ok(&["show", &number]),
        env.ok(&["history", &number]),
    ] {
        assert!(!out.contains('\x1b'), "{out:?}");
        assert!(!out.contains('\x07'), "{out:?}");
    }
    assert!(env.ok(&["list"]).contains("hi \u{fffd}[2J\u{fffd}[31mred"));
}

#[test]
fn history_records_who_did_what() {
    let env = Env::new();
    env.ingest(&read("mail/thread-1.eml"));
    env.ingest(&read("mail/thread-2.eml"));
    let number = env.tickets(&[])[0]["number"].as_str().unwrap().to_string();
    let h = env.json(&["history", &number]);
    let rows = h.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["actor"], "tix");
    assert_eq!(rows[0]["action"], "created");
    assert_eq!(rows[0]["new"], "Inbox");
    assert_eq!(
        rows[0]["detail"],
        "email from Petra Schneider <petra.schneider@zeitung.example>"
    );
    assert_eq!(rows[1]["action"], "follow-up");
    assert!(rows[0]["at"].as_str().unwrap().len() >= 20);
}
