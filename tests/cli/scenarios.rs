//! The workflows of real organisations' handbooks, end to end.

use crate::common::*;

/// The same person called, left a voicemail and wrote: three tickets, merged
/// into the oldest, which then carries everything in date order.
#[test]
fn call_voicemail_and_email_from_one_person_merged_into_the_oldest() {
    let env = Env::with_fixture_config();
    let call = env
        .ok_as(
            "anna",
            &[
                "new",
                "--channel",
                "phone",
                "--from",
                "+49 170 5550101",
                "--name",
                "Jana Roth",
                "--subject",
                "Frage zum Beitrag",
                "-m",
                "Ruft wegen Beitragshöhe an.",
            ],
        )
        .trim()
        .to_string();
    let vm = env.path("voicemail.ogg");
    std::fs::write(&vm, b"OggS voicemail").unwrap();
    let voicemail = env
        .ok_as(
            "ben",
            &[
                "new",
                "--channel",
                "phone",
                "--from",
                "+49 170 5550101",
                "--subject",
                "Voicemail",
                "-m",
                "Bitte um Rückruf (Beitrag).",
                "--attach",
                vm.to_str().unwrap(),
            ],
        )
        .trim()
        .to_string();
    let email = env.mail("From: Jana Roth <jana@roth.example>\nTo: mitglieder@example.org\nSubject: Mein Beitrag\nMessage-ID: <jr1@roth.example>", "Ich habe angerufen, wegen meines Beitrags.");
    env.alter(
        "UPDATE tickets SET created_at = created_at - 3600 WHERE number = ?1",
        &call,
    );
    env.ok_as("anna", &["merge", "--oldest", &email, &voicemail, &call]);
    assert_eq!(env.numbers(&["--all"]).len(), 3);
    // The articles moved: the full text finds the one ticket that carries them.
    assert_eq!(env.numbers(&["--all", "Beitrag*"]), [call.as_str()]);
    let t = env.show(&call);
    let kinds: Vec<&str> = t["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["phone-in", "phone-in", "email-in"]);
    assert_eq!(
        t["articles"][1]["attachments"][0]["filename"],
        "voicemail.ogg"
    );
    // Jana answers the email: it lands on the merged ticket.
    let r = env.ingest(b"From: jana@roth.example\nSubject: Re: Mein Beitrag\nMessage-ID: <jr2@roth.example>\nIn-Reply-To: <jr1@roth.example>\n\nNoch eine Frage.\n");
    assert_eq!(r.stdout.trim(), format!("follow-up on ticket {call}"));
}

/// A question reaches the state office, goes to a district, and an agent
/// there is made responsible; they see it marked until they look, and again
/// when the customer writes.
#[test]
fn a_question_moved_to_a_district_and_handed_to_a_responsible() {
    let env = Env::with_fixture_config();
    let n = env.mail("From: Bürger <b@x.example>\nTo: lv@example.org\nSubject: Infostand in Nordstadt?\nMessage-ID: <is1@x>", "Gibt es einen Infostand?");
    assert_eq!(env.show(&n)["queue"], "LV");
    env.ok_as(
        "anna",
        &[
            "move",
            &n,
            "LV::KV-Nord",
            "-m",
            "Zuständig ist der Kreis Nord.",
        ],
    );
    env.ok_as(
        "anna",
        &["responsible", &n, "ben", "-m", "Ben, kannst du antworten?"],
    );
    let mine = env.json(&["--as", "ben", "list", "--responsible", "me"]);
    assert_eq!(mine[0]["number"], n.as_str());
    assert_eq!(mine[0]["unseen"], true);
    assert!(env
        .ok(&["--as", "ben", "list", "--responsible", "me"])
        .contains(&format!("{n}*")));
    assert_eq!(env.numbers(&["--as", "ben", "is:unseen"]), [n.as_str()]);
    env.ok(&["--as", "ben", "show", &n]);
    assert_eq!(
        env.json(&["--as", "ben", "list", "--responsible", "me"])[0]["unseen"],
        false
    );
    // Ben looked a while ago; the customer writes again; someone else looking does not count.
    env.alter(
        "UPDATE tickets SET responsible_seen_at = responsible_seen_at - 60 WHERE number = ?1",
        &n,
    );
    env.ingest(b"From: b@x.example\nSubject: Re: Infostand\nMessage-ID: <is2@x>\nIn-Reply-To: <is1@x>\n\nUnd wann?\n");
    env.ok(&["--as", "anna", "show", &n]);
    assert_eq!(
        env.json(&["--as", "ben", "list", "--responsible", "me"])[0]["unseen"],
        true
    );
    let actions: Vec<String> = env
        .json(&["history", &n])
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        actions,
        [
            // A note that comes with a move or a handover locks nothing.
            "created",
            "queue",
            "note",
            "responsible",
            "note",
            "follow-up"
        ]
    );
}

/// Regression: `tix show` by the responsible writes the "seen" mark, and
/// failed with exit 75 while another tix held the store.
#[test]
fn show_works_while_another_tix_writes() {
    if !sqlite_only() {
        return; // the SQLite file itself (see store_server.rs for the server)
    }
    let env = Env::with_fixture_config();
    let n = env.mail(
        "From: b@x.example\nTo: lv@example.org\nSubject: Frage\nMessage-ID: <busy@x>",
        "?",
    );
    env.ok_as("anna", &["responsible", &n, "ben"]);
    let writer = env.sql();
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();
    let r = env.run_as("ben", &["show", &n]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    writer.execute_batch("ROLLBACK").unwrap();
    // The mark could not be written: the ticket still shows as unseen.
    assert_eq!(
        env.json(&["--as", "ben", "list", "--responsible", "me"])[0]["unseen"],
        true
    );
}

/// A "thanks" to a closed ticket, in a queue whose policy reopens, is closed
/// again as a zombie; in a zombie-policy queue it stays closed by itself; in
/// a new-ticket queue (here a queue nested below one, which takes its
/// parent's policy) it opens a new ticket.
#[test]
fn a_thanks_to_a_closed_ticket_is_closed_again_as_zombie() {
    let env = Env::with_config(
        "agents: [{name: anna}]\nqueues:\n  - name: Inbox\n    addresses: [info@example.org]\n  - name: Presse\n    addresses: [presse@example.org]\n    on_closed_followup: zombie\n  - name: Mitglieder\n    addresses: [mitglieder@example.org]\n    on_closed_followup: new-ticket\n  - name: Mitglieder::Austritte\n    addresses: [austritt@example.org]\n",
    );
    let n = env.mail(
        "From: c@x.example\nTo: info@example.org\nSubject: Frage\nMessage-ID: <z1@x>",
        "?",
    );
    env.ok_as("anna", &["close", &n]);
    env.ingest(b"From: c@x.example\nSubject: Re: Frage\nMessage-ID: <z2@x>\nIn-Reply-To: <z1@x>\n\nDanke!\n");
    assert_eq!(env.show(&n)["state"], "open");
    env.ok_as("anna", &["close", &n, "--reason", "zombie"]);
    assert_eq!(env.show(&n)["state"], "closed zombie");
    assert!(env.numbers(&[]).is_empty());

    let p = env.mail(
        "From: d@x.example\nTo: presse@example.org\nSubject: Presse\nMessage-ID: <z3@x>",
        "?",
    );
    env.ok_as("anna", &["close", &p]);
    let r = env.ingest(b"From: d@x.example\nSubject: Re: Presse\nMessage-ID: <z4@x>\nIn-Reply-To: <z3@x>\n\nDanke!\n");
    assert_eq!(r.stdout.trim(), format!("follow-up on ticket {p}"));
    let t = env.show(&p);
    assert_eq!(t["state"], "closed zombie");
    assert_eq!(t["articles"].as_array().unwrap().len(), 2);

    let m = env.mail(
        "From: e@x.example\nTo: austritt@example.org\nSubject: Mitglied\nMessage-ID: <z5@x>",
        "?",
    );
    env.ok_as("anna", &["close", &m]);
    let r = env.ingest(b"From: e@x.example\nSubject: Re: Mitglied\nMessage-ID: <z6@x>\nIn-Reply-To: <z5@x>\n\nNoch was.\n");
    assert!(r.stdout.starts_with("new ticket"), "{}", r.stdout);
    let fresh = r.stdout.split_whitespace().last().unwrap().to_string();
    assert_eq!(env.show(&m)["state"], "closed successful");
    assert!(env.json(&["history", &fresh])[0]["detail"]
        .as_str()
        .unwrap()
        .ends_with(&format!("follow-up to closed ticket {m}")));
}

#[test]
fn spam_is_closed_at_once() {
    let env = Env::with_fixture_config();
    let n = env.mail("From: winner@lottery.example\nTo: info@example.org\nSubject: You won!!!\nMessage-ID: <spam@x>", "Claim your prize");
    env.ok_as("anna", &["close", &n, "--reason", "spam"]);
    assert!(env.numbers(&[]).is_empty());
    assert_eq!(env.numbers(&["state:closed-spam"]), [n]);
}

#[test]
fn a_bulk_move_with_dry_run_then_for_real() {
    let env = Env::with_fixture_config();
    let ns: Vec<String> = (0..5)
        .map(|i| env.mail(&format!("From: m{i}@x.example\nTo: info@example.org\nSubject: Adressänderung {i}\nMessage-ID: <ad{i}@x>"), "Neue Adresse"))
        .collect();
    let other = env.mail(
        "From: o@x.example\nTo: info@example.org\nSubject: Sonstiges\nMessage-ID: <o@x>",
        "x",
    );
    let before = env.json(&["list", "--all"]);
    let dry = env.ok_as(
        "anna",
        &[
            "move",
            "--where",
            "subject:Adressänderung",
            "LV::Mitgliederdaten::Datenänderung",
            "--dry-run",
        ],
    );
    assert_eq!(dry.matches("would change").count(), 5);
    assert_eq!(env.json(&["list", "--all"]), before);
    env.ok_as(
        "anna",
        &[
            "move",
            "--where",
            "subject:Adressänderung",
            "LV::Mitgliederdaten::Datenänderung",
        ],
    );
    let moved = env.numbers(&["--queue", "LV::Mitgliederdaten::Datenänderung"]);
    assert_eq!(moved, ns);
    assert_eq!(env.show(&other)["queue"], "Inbox");
}
