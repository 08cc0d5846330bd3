//! Each acting command end to end, with every refusal and its exit code.

use crate::common::*;

/// The fixture config (agents anna, ben, schatz) and three mails in Inbox.
fn office() -> (Env, Vec<String>) {
    let env = Env::with_fixture_config();
    let numbers = (1..=3)
        .map(|i| {
            env.mail(
                &format!("From: Kunde {i} <k{i}@x.example>\nTo: info@example.org\nSubject: Frage {i}\nMessage-ID: <q{i}@x>"),
                &format!("Frage Nummer {i}"),
            )
        })
        .collect();
    (env, numbers)
}

fn history_actions(env: &Env, n: &str) -> Vec<String> {
    env.json(&["history", n])
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn new_opens_a_ticket_by_hand_with_attachments() {
    let env = Env::with_fixture_config();
    let voicemail = env.path("voicemail.wav");
    std::fs::write(&voicemail, b"RIFF\x24\x00\x00\x00WAVEfmt fake audio").unwrap();
    let r = env.run_as(
        "anna",
        &[
            "new",
            "--channel",
            "phone",
            "--from",
            "+49 30 1234567",
            "--name",
            "Frau Özdemir",
            "--subject",
            "Rückruf wegen Beitrag",
            "--queue",
            "LV::Mitgliederdaten",
            "-m",
            "Bittet um Rückruf.",
            "--attach",
            voicemail.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let number = r.stdout.trim().to_string();
    assert!(tix::store::number::is_valid(&number), "{number}");
    let t = env.show(&number);
    assert_eq!(t["queue"], "LV::Mitgliederdaten");
    assert_eq!(t["state"], "new");
    assert_eq!(t["customer_name"], "Frau Özdemir");
    let a = &t["articles"][0];
    assert_eq!(a["kind"], "phone-in");
    assert_eq!(a["created_by"], "anna");
    assert_eq!(a["attachments"][0]["filename"], "voicemail.wav");
    assert_eq!(a["attachments"][0]["content_type"], "audio/wav");
    let out = env.path("out");
    env.ok(&["show", &number, "--save-attachments", out.to_str().unwrap()]);
    assert_eq!(
        std::fs::read(out.join("1-voicemail.wav")).unwrap(),
        std::fs::read(&voicemail).unwrap()
    );
    let h = env.json(&["history", &number]);
    assert_eq!(h[0]["actor"], "anna");
    assert_eq!(h[0]["detail"], "call from the customer from +49 30 1234567");

    // Text from stdin; a letter.
    let r = env.run_with(
        &[
            "--as",
            "ben",
            "new",
            "--channel",
            "letter",
            "--from",
            "Hauptstr. 1, Berlin",
            "--subject",
            "Brief",
        ],
        Some(b"Sehr geehrte Damen und Herren, ..."),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        env.show(r.stdout.trim())["articles"][0]["kind"],
        "letter-in"
    );

    let r = env.run_as(
        "anna",
        &[
            "new",
            "--channel",
            "fax",
            "--from",
            "x",
            "--subject",
            "s",
            "--queue",
            "Nope",
            "-m",
            "t",
        ],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("tix: unknown queue \"Nope\"; queues: Inbox, Presse"),
        "{}",
        r.stderr
    );
    let r = env.run_with(
        &[
            "--as",
            "anna",
            "new",
            "--channel",
            "fax",
            "--from",
            "x",
            "--subject",
            "s",
        ],
        Some(b"  \n"),
    );
    assert_eq!(
        (r.code, r.stderr.trim()),
        (2, "tix: the text is empty; nothing done")
    );
}

#[test]
fn the_actor_must_be_a_configured_agent() {
    let (env, n) = office();
    let r = env.run_as("mallory", &["move", &n[0], "Presse"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr.trim(),
        "tix: \"mallory\" is not a configured agent (set --as or TIX_AGENT); agents: anna, ben, schatz"
    );
    // TIX_AGENT counts as well.
    let out = env
        .cmd()
        .env("TIX_AGENT", "ben")
        .args(["move", &n[0], "Presse"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(env.json(&["history", &n[0]])[1]["actor"], "ben");
}

#[test]
fn move_assign_priority_and_tag_are_audited() {
    let (env, n) = office();
    let out = env.ok_as(
        "anna",
        &[
            "move",
            &n[0],
            &n[1],
            "lv::mitgliederdaten::austritte",
            "-m",
            "Austritt, bitte bearbeiten",
        ],
    );
    assert!(
        out.contains(&format!(
            "{}: queue Inbox → LV::Mitgliederdaten::Austritte",
            n[0]
        )),
        "{out}"
    );
    assert_eq!(env.show(&n[1])["queue"], "LV::Mitgliederdaten::Austritte");
    assert_eq!(env.show(&n[1])["articles"][1]["kind"], "note");
    let r = env.run_as("anna", &["move", &n[0], "Nowhere"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown queue \"Nowhere\""));

    env.ok_as("anna", &["assign", &n[0], "ben"]);
    assert_eq!(env.show(&n[0])["owner"], "ben");
    let r = env.run_as("anna", &["assign", &n[0], "zoe"]);
    assert_eq!(
        (r.code, r.stderr.trim()),
        (2, "tix: unknown agent \"zoe\"; agents: anna, ben, schatz")
    );
    env.ok_as("anna", &["assign", &n[0], "me"]);
    assert_eq!(env.show(&n[0])["owner"], "anna");
    assert_eq!(env.numbers(&["--owner", "anna"]), [n[0].as_str()]);

    env.ok_as("anna", &["priority", &n[2], "very-high"]);
    assert_eq!(env.show(&n[2])["priority"], 5);
    env.ok_as("anna", &["priority", &n[2], "2"]);
    assert_eq!(env.show(&n[2])["priority"], 2);
    let r = env.run_as("anna", &["priority", &n[2], "urgent"]);
    assert_eq!(r.code, 2);

    env.ok_as("anna", &["tag", &n[2], "+Rückruf", "+later"]);
    env.ok_as("anna", &["tag", &n[2], "-later"]);
    assert_eq!(env.show(&n[2])["tags"], serde_json::json!(["rückruf"]));
    let r = env.run_as("anna", &["tag", &n[2], "+x", "--dry-run"]);
    assert_eq!(r.code, 2, "options after tags must not be taken for tags");
    assert_eq!(env.show(&n[2])["tags"], serde_json::json!(["rückruf"]));

    let h = env.json(&["history", &n[2]]);
    let last = &h.as_array().unwrap()[h.as_array().unwrap().len() - 1];
    assert_eq!(
        (
            last["action"].as_str(),
            last["old"].as_str(),
            last["new"].as_str()
        ),
        (Some("tag"), Some("later"), None)
    );
    assert!(history_actions(&env, &n[2]).contains(&"priority".to_string()));
}

#[test]
fn locks_hide_and_protect_tickets() {
    let (env, n) = office();
    env.ok_as("anna", &["lock", &n[0]]);
    let r = env.run_as("ben", &["move", &n[0], "Presse"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .starts_with(&format!("tix: ticket {} is locked by anna until ", n[0])),
        "{}",
        r.stderr
    );
    assert!(r.stderr.trim_end().ends_with("--force acts anyway"));
    assert_eq!(env.show(&n[0])["queue"], "Inbox");
    assert!(!env.numbers(&["--available", "--as", "ben"]).contains(&n[0]));
    assert!(env
        .numbers(&["--available", "--as", "anna"])
        .contains(&n[0]));
    assert_eq!(env.numbers(&["is:locked"]), [n[0].as_str()]);
    let r = env.run_as("ben", &["unlock", &n[0]]);
    assert_eq!(r.code, 1);
    env.ok_as("ben", &["move", &n[0], "Presse", "--force"]);
    assert_eq!(env.show(&n[0])["queue"], "Presse");
    // The lock lapses by itself.
    env.alter(
        "UPDATE tickets SET locked_until = 1 WHERE number = ?1",
        &n[0],
    );
    assert!(env.numbers(&["--available", "--as", "ben"]).contains(&n[0]));
    env.ok_as("ben", &["move", &n[0], "Inbox"]);
    // A note locks to its writer where the config says so (the default).
    env.ok_as("ben", &["note", &n[1], "-m", "Ich kümmere mich."]);
    assert_eq!(env.show(&n[1])["locked_by"], "ben");
    env.ok_as("ben", &["unlock", &n[1]]);
    assert!(env.show(&n[1])["locked_by"].is_null());
}

#[test]
fn states_need_dates_and_follow_configured_transitions() {
    let env = Env::with_config(
        "agents:\n  - name: anna\nstatuses:\n  - { name: new, type: new, next: [open, closed] }\n  - { name: open, type: open }\n  - { name: waiting, type: pending-reminder }\n  - { name: closed, type: closed }\n  - { name: merged, type: merged }\n  - { name: deleted, type: removed }\n",
    );
    let n = env.mail("From: a@b.example\nSubject: s\nMessage-ID: <s@x>", "x");
    let r = env.run_as("anna", &["state", &n, "waiting"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr.trim(),
        format!("tix: ticket {n}: \"new\" cannot go to \"waiting\"; allowed: open, closed")
    );
    let r = env.run_as("anna", &["state", &n, "sleeping"]);
    assert_eq!(r.code, 2);
    assert!(r
        .stderr
        .contains("unknown state \"sleeping\"; statuses: new, open, waiting"));
    env.ok_as("anna", &["state", &n, "open"]);
    let r = env.run_as("anna", &["state", &n, "waiting"]);
    assert_eq!(
        (r.code, r.stderr.trim()),
        (
            2,
            "tix: status \"waiting\" is a pending status and needs a date: --until DATE (or give the status a pending_for)"
        )
    );
    let r = env.run_as("anna", &["state", &n, "waiting", "--until", "someday"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("\"someday\" is not a date"));
    // Dates past year 9999 are refused, not wrapped into the past.
    for far in ["292277000000y", "+3000000d"] {
        let r = env.run_as("anna", &["state", &n, "waiting", "--until", far]);
        assert_eq!(r.code, 2, "{far}: {}", r.stderr);
        assert!(
            r.stderr
                .contains("outside the dates tix keeps (1970 to 9999)"),
            "{}",
            r.stderr
        );
    }
    for clock in ["253402300800", "10000-01-01T00:00:00Z", "gestern"] {
        let mut c = env.cmd();
        let out = c.env("TIX_NOW", clock).arg("list").output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{clock}: {err}");
        assert!(err.starts_with("tix: TIX_NOW"), "{err}");
    }
    env.ok_as(
        "anna",
        &["state", &n, "waiting", "--until", "2030-01-15 09:00"],
    );
    let t = env.show(&n);
    assert_eq!(t["state"], "waiting");
    assert!(t["pending_until"]
        .as_str()
        .unwrap()
        .starts_with("2030-01-15T09:00:00"));
    assert_eq!(env.numbers(&["is:pending"]), [n.as_str()]);
    let r = env.run_as("anna", &["state", &n, "open", "--until", "3d"]);
    assert_eq!(r.code, 2);
}

#[test]
fn notes_log_calls_and_letters_with_attachments() {
    let (env, n) = office();
    let scan = env.path("brief.pdf");
    std::fs::write(&scan, b"%PDF-1.4 scanned").unwrap();
    env.ok_as(
        "anna",
        &[
            "note",
            &n[0],
            "-m",
            "Rief an, will Bescheid.",
            "--channel",
            "phone-in",
        ],
    );
    env.ok_as(
        "anna",
        &[
            "note",
            &n[0],
            "--channel",
            "letter-out",
            "--attach",
            scan.to_str().unwrap(),
            "-m",
            "Antwort per Post",
        ],
    );
    let r = env.run_with(&["--as", "anna", "note", &n[0]], Some(b"Notiz von stdin\n"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let t = env.show(&n[0]);
    assert_eq!(
        article_kinds(&t),
        ["email-in", "phone-in", "letter-out", "note"]
    );
    assert_eq!(
        t["articles"][2]["attachments"][0]["sha256"],
        sha256_hex(b"%PDF-1.4 scanned")
    );
    assert_eq!(t["articles"][3]["body"], "Notiz von stdin\n");
    let r = env.run_with(&["--as", "anna", "note", &n[0]], Some(b""));
    assert_eq!(r.code, 2);
    // Notes are searchable.
    assert_eq!(env.numbers(&["Bescheid"]), [n[0].as_str()]);
}

#[test]
fn merge_moves_articles_and_refuses_loops() {
    let (env, n) = office();
    let out = env.ok_as("anna", &["merge", &n[1], &n[2], "--into", &n[0]]);
    assert!(
        out.contains(&format!("{}: merged into {}", n[1], n[0])),
        "{out}"
    );
    let t = env.show(&n[0]);
    let bodies: Vec<&str> = t["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["body"].as_str().unwrap().trim())
        .collect();
    assert_eq!(
        bodies,
        ["Frage Nummer 1", "Frage Nummer 2", "Frage Nummer 3"]
    );
    let m = env.show(&n[1]);
    assert_eq!(
        (m["state"].as_str(), m["merged_into"].as_str()),
        (Some("merged"), Some(n[0].as_str()))
    );
    assert_eq!(env.numbers(&[]), [n[0].as_str()]);

    let r = env.run_as("anna", &["merge", &n[0], "--into", &n[0]]);
    assert_eq!(
        (r.code, r.stderr.trim()),
        (
            1,
            format!("tix: ticket {} cannot be merged into itself", n[0]).as_str()
        )
    );
    let r = env.run_as("anna", &["merge", &n[0], "--into", &n[1]]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains(&format!(
            "ticket {} is merged into {} itself; merge into that one",
            n[1], n[0]
        )),
        "{}",
        r.stderr
    );
    let r = env.run_as("anna", &["merge", &n[1], "--into", &n[0]]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("is merged into"), "{}", r.stderr);

    // Mail answering a merged ticket lands on the target.
    let r = env.ingest(b"From: k3@x.example\nSubject: Re: Frage 3\nMessage-ID: <r3@x>\nIn-Reply-To: <q3@x>\n\nNoch was.\n");
    assert_eq!(r.stdout.trim(), format!("follow-up on ticket {}", n[0]));
    let tag_reply = format!(
        "From: k2@x.example\nSubject: Re: [Ticket#{}] Frage 2\nMessage-ID: <r2@x>\n\nUnd?\n",
        n[1]
    );
    assert_eq!(
        env.ingest(tag_reply.as_bytes()).stdout.trim(),
        format!("follow-up on ticket {}", n[0])
    );
}

#[test]
fn merge_oldest_picks_the_first_ticket() {
    let (env, n) = office();
    env.ok_as("anna", &["merge", "--oldest", &n[2], &n[1], &n[0]]);
    assert_eq!(env.numbers(&[]), [n[0].as_str()]);
    let r = env.run_as("anna", &["merge", "--oldest", &n[0]]);
    assert_eq!(r.code, 2);
}

#[test]
fn close_reopen_delete_and_purge() {
    let (env, n) = office();
    env.ok_as("anna", &["close", &n[0], "-m", "Erledigt."]);
    env.ok_as("anna", &["close", &n[1], "--reason", "spam"]);
    assert_eq!(env.show(&n[0])["state"], "closed successful");
    assert_eq!(env.show(&n[1])["state"], "closed spam");
    assert_eq!(env.numbers(&[]), [n[2].as_str()]);
    assert_eq!(env.numbers(&["state:closed"]).len(), 2);
    let r = env.run_as("anna", &["reopen", &n[2]]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("is not closed"));
    env.ok_as("anna", &["reopen", &n[0]]);
    assert_eq!(env.show(&n[0])["state"], "open");

    env.ok_as("anna", &["delete", &n[1]]);
    assert_eq!(env.numbers(&["--all"]).len(), 2);
    assert!(env
        .json(&["search", "Frage"])
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["number"] != n[1].as_str()));
    let r = env.run_as("anna", &["move", &n[1], "Presse"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("is deleted"));

    // Purge: only deleted tickets old enough; then they are gone for good.
    let out = env.ok_as("anna", &["purge", "--older-than", "30"]);
    assert_eq!(out.trim(), "nothing to change");
    env.alter(
        "UPDATE tickets SET updated_at = updated_at - 31 * 86400 WHERE number = ?1",
        &n[1],
    );
    let out = env.ok_as("anna", &["purge", "--older-than", "30", "--dry-run"]);
    assert!(
        out.contains(&format!("would change {}: purged", n[1])),
        "{out}"
    );
    env.ok_as("anna", &["purge", "--older-than", "30"]);
    let count = |sql: &str| env.count(sql);
    assert_eq!(count("SELECT count(*) FROM tickets"), 2);
    assert_eq!(count("SELECT count(*) FROM raw_messages"), 2);
    // The full-text index forgot the purged ticket's articles.
    assert_eq!(
        count("SELECT count(*) FROM articles_fts"),
        count("SELECT count(*) FROM articles")
    );
    assert_eq!(
        count("SELECT count(*) FROM history WHERE ticket_id NOT IN (SELECT id FROM tickets)"),
        0
    );
    let r = env.run(&["show", &n[1]]);
    assert_eq!(r.code, 1);
    // The purged mail, met again, is new mail.
    let again = env.mail(
        "From: Kunde 2 <k2@x.example>\nTo: info@example.org\nSubject: Frage 2\nMessage-ID: <q2@x>",
        "Frage Nummer 2",
    );
    assert_ne!(again, n[1]);
}

/// An answer to a ticket nobody sees any more (deleted, or merged into a
/// ticket since purged) opens a new ticket instead of vanishing with it.
#[test]
fn mail_for_a_deleted_or_purged_ticket_opens_a_new_one() {
    let (env, n) = office();
    env.ok_as("anna", &["delete", &n[0]]);
    let answer = env.mail(
        &format!("From: Kunde 1 <k1@x.example>\nTo: info@example.org\nSubject: Re: [Ticket#{}] Frage 1\nMessage-ID: <a1@x>\nIn-Reply-To: <q1@x>", n[0]),
        "Noch da?",
    );
    assert_ne!(answer, n[0]);
    assert!(env.numbers(&[]).contains(&answer));

    env.ok_as("anna", &["merge", &n[1], "--into", &n[2]]);
    env.ok_as("anna", &["delete", &n[2]]);
    let later = (chrono::Utc::now().timestamp() + 31 * 86400).to_string();
    let mut purge = env.cmd();
    purge
        .env("TIX_NOW", &later)
        .args(["--as", "anna", "purge", "--older-than", "30"]);
    assert!(purge.output().unwrap().status.success());
    let answer = env.mail(
        "From: Kunde 2 <k2@x.example>\nTo: info@example.org\nSubject: Re: Frage 2\nMessage-ID: <a2@x>\nIn-Reply-To: <q2@x>",
        "Und jetzt?",
    );
    assert_ne!(answer, n[1]);
    assert!(env.numbers(&[]).contains(&answer), "{answer}");
}

/// An automatic answer (an out-of-office by its header or its subject, a
/// delivery report) joins its ticket and changes nothing: a ticket waiting
/// for the customer keeps waiting, until the same date; a closed one stays
/// closed. The customer's own answer still reopens it.
#[test]
fn automatic_answers_join_their_ticket_and_change_nothing() {
    let (env, n) = office();
    env.ok_as(
        "anna",
        &[
            "state",
            &n[0],
            "waiting-for-customer",
            "--until",
            "2030-01-15 09:00",
        ],
    );
    env.ok_as("anna", &["close", &n[1]]);
    let before = env.show(&n[0]);
    let answers = [
        (0, "Auto-Submitted: auto-replied\n", "Re: Frage 1"),
        (0, "", "Abwesenheitsnotiz: Re: Frage 1"),
        (0, "X-Autoreply: yes\n", "Re: Frage 1"),
        (
            1,
            "Auto-Submitted: auto-replied\n",
            "Out of Office: Re: Frage 2",
        ),
    ];
    for (i, (t, extra, subject)) in answers.iter().enumerate() {
        let number = env.mail(
            &format!(
                "From: Kunde <k{t}@x.example>\nTo: info@example.org\nSubject: {subject}\nMessage-ID: <auto{i}@x>\nIn-Reply-To: <q{}@x>\n{extra}",
                t + 1
            ),
            "Ich bin bis Montag nicht im Büro.",
        );
        assert_eq!(number, n[*t], "{subject}: joins its ticket");
    }
    let after = env.show(&n[0]);
    assert_eq!(after["state"], "waiting for customer");
    assert_eq!(after["pending_until"], before["pending_until"]);
    assert_eq!(after["articles"].as_array().unwrap().len(), 4);
    assert_eq!(env.show(&n[1])["state"], "closed successful");
    let history = env.json(&["history", &n[0]]).to_string();
    assert!(
        history.contains("automatic (Auto-Submitted: auto-replied)"),
        "{history}"
    );
    // The customer's own answer is a follow-up as ever.
    env.mail(
        "From: Kunde <k0@x.example>\nTo: info@example.org\nSubject: Re: Frage 1\nMessage-ID: <human@x>\nIn-Reply-To: <q1@x>",
        "Hier die Antwort.",
    );
    assert_eq!(env.show(&n[0])["state"], "open");
}

/// --where acts on the tickets tix list shows for the query: open ones
/// unless it names a state or --all is given; a merged ticket is never
/// acted on (skipped and counted, no abort).
#[test]
fn where_acts_on_what_list_shows() {
    let (env, n) = office();
    let spam = env.mail(
        "From: s@x.example\nTo: info@example.org\nSubject: Spam\nMessage-ID: <spam@x>",
        "kaufen",
    );
    env.ok_as("anna", &["close", &spam, "--reason", "spam"]);
    env.ok_as("anna", &["merge", &n[2], "--into", &n[1]]);
    let listed = env.numbers(&["queue:Inbox"]);
    assert_eq!(listed, [n[0].as_str(), n[1].as_str()]);
    let out = env.ok_as("anna", &["close", "--where", "queue:Inbox", "--dry-run"]);
    assert_eq!(out.matches("would change").count(), listed.len(), "{out}");
    assert!(!out.contains(&spam) && !out.contains(&n[2]), "{out}");
    // --all takes the closed one too, and leaves the merged one alone.
    let r = env.run_as(
        "anna",
        &["assign", "--where", "queue:Inbox", "--all", "ben"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("1 merged ticket(s)"), "{}", r.stderr);
    assert_eq!(env.show(&spam)["owner"], "ben");
    assert_eq!(env.show(&spam)["state"], "closed spam");
    assert!(env.show(&n[2])["owner"].is_null());
    // A query that names a state acts on that state.
    let out = env.ok_as(
        "anna",
        &["priority", "--where", "queue:Inbox state:closed", "high"],
    );
    assert!(out.contains(&spam) && !out.contains(&n[0]), "{out}");
}

#[test]
fn a_bulk_action_is_all_or_nothing_and_dry_run_changes_nothing() {
    let (env, n) = office();
    let before = env.json(&["list"]);
    let out = env.ok_as(
        "anna",
        &["move", "--where", "queue:Inbox", "Presse", "--dry-run"],
    );
    assert_eq!(out.matches("would change").count(), 3, "{out}");
    assert!(out.ends_with("dry run: nothing changed\n"));
    assert_eq!(env.json(&["list"]), before);
    assert_eq!(env.json(&["history", &n[0]]).as_array().unwrap().len(), 1);
    let json = env.json(&[
        "--as",
        "anna",
        "move",
        "--where",
        "queue:Inbox",
        "Presse",
        "--dry-run",
    ]);
    assert_eq!(json["dry_run"], true);
    assert_eq!(json["changes"].as_array().unwrap().len(), 3);

    // One ticket locked by someone else: the whole bulk action is refused.
    env.ok_as("ben", &["lock", &n[1]]);
    let r = env.run_as("anna", &["move", "--where", "queue:Inbox", "Presse"]);
    assert_eq!(r.code, 1);
    assert_eq!(env.numbers(&["queue:Presse"]).len(), 0);
    env.ok_as(
        "anna",
        &["move", "--where", "queue:Inbox", "Presse", "--force"],
    );
    assert_eq!(env.numbers(&["queue:Presse"]).len(), 3);
    // Nothing left to act on is no failure (set -e scripts go on).
    let r = env.run_as("anna", &["move", "--where", "queue:Inbox", "Presse"]);
    assert_eq!(
        (r.code, r.stderr.trim(), r.stdout.trim()),
        (
            0,
            "tix: no ticket matches \"queue:Inbox\"",
            "nothing to change"
        )
    );
    let r = env.run_as("anna", &["move", "Presse"]);
    assert_eq!(
        (r.code, r.stderr.trim()),
        (2, "tix: name one or more tickets, or --where QUERY")
    );
}

#[test]
fn a_ticket_with_its_value_forgotten_says_what_is_missing() {
    let env = Env::with_config("queues:\n  - name: Inbox\n  - name: Presse\n");
    env.ingest(b"From: a@x.example\nSubject: Frage\nMessage-ID: <vf1@x>\n\nText\n");
    let n = env.numbers(&[]).remove(0);
    let tail = &n[n.len() - 3..];
    for (verb, what) in [
        ("move", "queue"),
        ("state", "status"),
        ("assign", "agent"),
        ("priority", "priority"),
    ] {
        let r = env.run(&[verb, tail]);
        assert_eq!(r.code, 2, "{verb}: {}", r.stderr);
        assert_eq!(
            r.stderr.trim(),
            format!("tix: the {what} is missing: name the tickets, then the {what}"),
            "{verb}"
        );
    }
}

#[test]
fn a_note_with_a_bulk_action_locks_nothing_and_is_not_tripled_by_a_merge() {
    let env = Env::with_config(
        "queues:\n  - name: Inbox\n  - name: Presse\nagents:\n  - { name: anna }\n  - { name: ben }\n",
    );
    for i in 0..3 {
        env.ingest(
            format!("From: a{i}@x.example\nSubject: Anfrage {i}\nMessage-ID: <bn{i}@x>\n\nText\n")
                .as_bytes(),
        );
    }
    let out = env.ok_as(
        "anna",
        &[
            "move",
            "--where",
            "queue:Inbox",
            "Presse",
            "-m",
            "Presseanfragen gesammelt",
        ],
    );
    assert!(out.contains("with a note"), "{out}");
    assert!(!out.contains("note note"), "{out}");
    // Ben can act on each: nothing was locked to Anna.
    let numbers = env.numbers(&["queue:Presse"]);
    assert_eq!(numbers.len(), 3);
    for n in &numbers {
        assert!(
            env.show(n)["ticket"]["locked_by"].is_null(),
            "{n} is locked"
        );
    }
    let mut merge = vec!["merge"];
    merge.extend(numbers.iter().map(String::as_str));
    merge.push("--oldest");
    env.ok_as("ben", &merge);
    let target = env.numbers(&["queue:Presse"]);
    assert_eq!(target.len(), 1);
    let notes = env.show(&target[0])["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "note")
        .count();
    assert_eq!(notes, 1, "the same bulk note once on the merged ticket");
}

#[test]
fn show_spaces_the_customers_name_from_the_address() {
    let env = Env::new();
    env.ingest(
        b"From: Newsdesk <news@zeitung.example>\nSubject: Anfrage\nMessage-ID: <sp1@x>\n\nText\n",
    );
    let n = env.numbers(&[]).remove(0);
    let out = env.ok(&["show", &n]);
    assert!(
        out.contains("Customer Newsdesk <news@zeitung.example>"),
        "{out}"
    );
}
