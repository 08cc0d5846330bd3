//! How tickets relate: a mail that raised two topics split in two, a wrong
//! merge undone, and tickets linked as parent, child or related.

use crate::common::*;

const QUEUES: &str = "queues:
  - name: Mitglieder
    addresses: [mitglieder@verein.example]
    escalation: { first_response: 8h }
  - name: Kasse
    addresses: [kasse@verein.example]
agents:
  - name: anna
";

/// A message with a PDF attached.
fn with_attachment(headers: &str, text: &str, file: &str) -> String {
    format!(
        "{headers}\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"X\"\n\n--X\nContent-Type: text/plain; charset=utf-8\n\n{text}\n--X\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"{file}\"\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n--X--\n"
    )
}

fn ingest(env: &Env, message: &str) -> String {
    let r = env.ingest(message.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout.trim().to_string()
}

#[test]
fn a_split_article_takes_its_mail_attachments_and_answers_to_a_new_ticket() {
    let env = Env::with_config(QUEUES);
    let n = env.mail(
        "From: Erika Muster <erika@kunde.example>\nTo: mitglieder@verein.example\nSubject: Beitrag\nMessage-ID: <e1@kunde.example>",
        "Wie hoch ist der Beitrag?",
    );
    // Her second mail raises another topic, with a form attached.
    let second = with_attachment(
        "From: Erika Muster <erika@kunde.example>\nTo: mitglieder@verein.example\nSubject: Re: Beitrag - und meine neue Adresse\nMessage-ID: <e2@kunde.example>\nIn-Reply-To: <e1@kunde.example>",
        "Anbei meine Umzugsmeldung.",
        "umzug.pdf",
    );
    assert_eq!(ingest(&env, &second), format!("follow-up on ticket {n}"));
    let r = env.run_as(
        "anna",
        &[
            "split",
            &n,
            "--article",
            "2",
            "--queue",
            "Kasse",
            "--title",
            "Neue Adresse",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let split = r.stdout.trim().to_string();
    assert_ne!(split, n);

    let old = env.show(&n);
    assert_eq!(article_kinds(&old), ["email-in"]);
    let new = env.show(&split);
    assert_eq!(article_kinds(&new), ["email-in"]);
    assert_eq!(
        (
            new["queue"].as_str(),
            new["title"].as_str(),
            new["customer_address"].as_str()
        ),
        (
            Some("Kasse"),
            Some("Neue Adresse"),
            Some("erika@kunde.example")
        )
    );
    assert_eq!(
        new["articles"][0]["attachments"][0]["filename"],
        "umzug.pdf"
    );
    assert_eq!(
        new["articles"][0]["from_name"], "Erika Muster",
        "the original sender kept"
    );
    let raw = env.ok(&["show", &split, "--raw", "1"]);
    assert!(raw.contains("Message-ID: <e2@kunde.example>"), "{raw}");
    // The search finds the words where they are now.
    assert_eq!(env.numbers(&["Umzugsmeldung"]), [split.as_str()]);
    // Linked both ways, and the history says so on both.
    assert_eq!(old["links"][0]["ticket"], split.as_str());
    assert_eq!(new["links"][0]["kind"], "related");
    let history = env.json(&["history", &n]).to_string();
    assert!(history.contains("split"), "{history}");
    let history = env.json(&["history", &split]).to_string();
    assert!(history.contains("split from"), "{history}");
    // An answer to the split mail follows it.
    let answer = "From: erika@kunde.example\nTo: kasse@verein.example\nSubject: Re: Re: Beitrag - und meine neue Adresse\nMessage-ID: <e3@kunde.example>\nIn-Reply-To: <e2@kunde.example>\n\nNoch eine Frage zur Adresse.\n";
    assert_eq!(ingest(&env, answer), format!("follow-up on ticket {split}"));

    // What cannot be split says so.
    let r = env.run_as("anna", &["split", &n, "--article", "1"]);
    assert_eq!(
        (r.code, r.stderr.trim()),
        (
            1,
            format!("tix: ticket {n} has one article only; nothing would stay").as_str()
        )
    );
    let r = env.run_as("anna", &["split", &split, "--article", "7"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("has no article 7"), "{}", r.stderr);
}

#[test]
fn a_split_off_ticket_escalates_from_when_the_member_wrote() {
    let env = Env::with_config(QUEUES);
    let n = env.mail(
        "From: erika@kunde.example\nTo: mitglieder@verein.example\nSubject: Eins\nMessage-ID: <s1@kunde.example>",
        "Erstens.",
    );
    env.mail(
        "From: erika@kunde.example\nTo: mitglieder@verein.example\nSubject: Zwei\nMessage-ID: <s2@kunde.example>\nIn-Reply-To: <s1@kunde.example>",
        "Zweitens.",
    );
    let split = env
        .ok_as("anna", &["split", &n, "--article", "2"])
        .trim()
        .to_string();
    let t = env.show(&split);
    assert_eq!(t["title"], "Zwei");
    assert_eq!(t["state"], "new");
    assert_eq!(t["escalation_kind"], "first-response", "{t}");
}

#[test]
fn an_unmerge_gives_a_merged_ticket_back_its_articles_and_status() {
    let env = Env::with_config(QUEUES);
    let a = env.mail(
        "From: erika@kunde.example\nTo: mitglieder@verein.example\nSubject: Beitrag\nMessage-ID: <a1@kunde.example>",
        "Frage zum Beitrag.",
    );
    let b_mail = with_attachment(
        "From: max@kunde.example\nTo: kasse@verein.example\nSubject: Spendenquittung\nMessage-ID: <b1@kunde.example>",
        "Bitte eine Quittung, Spendenbescheinigung anbei.",
        "quittung.pdf",
    );
    let b = ingest(&env, &b_mail)
        .split_whitespace()
        .last()
        .unwrap()
        .to_string();
    env.ok_as(
        "anna",
        &["state", &b, "waiting-for-customer", "--until", "2030-01-15"],
    );
    // Merged by mistake: two people, two topics.
    env.ok_as("anna", &["merge", &b, "--into", &a]);
    assert_eq!(article_kinds(&env.show(&a)), ["email-in", "email-in"]);
    assert_eq!(env.numbers(&["Spendenbescheinigung"]), [a.as_str()]);

    env.ok_as("anna", &["unmerge", &b]);
    let tb = env.show(&b);
    assert_eq!(tb["state"], "waiting for customer", "the status it had");
    assert!(
        tb["pending_until"]
            .as_str()
            .unwrap()
            .starts_with("2030-01-15T00:00:00"),
        "and its date: {tb}"
    );
    assert_eq!(tb["merged_into"], serde_json::Value::Null);
    assert_eq!(article_kinds(&tb), ["email-in"]);
    assert_eq!(
        tb["articles"][0]["attachments"][0]["filename"],
        "quittung.pdf"
    );
    assert!(env
        .ok(&["show", &b, "--raw", "1"])
        .contains("<b1@kunde.example>"));
    let ta = env.show(&a);
    assert_eq!(article_kinds(&ta), ["email-in"]);
    assert_eq!(ta["articles"][0]["subject"], "Beitrag");
    assert_eq!(
        env.numbers(&["--all", "Spendenbescheinigung"]),
        [b.as_str()]
    );
    let history = env.json(&["history", &b]).to_string();
    assert!(history.contains("unmerged"), "{history}");
    // Max's answer finds his own ticket again.
    let answer = "From: max@kunde.example\nTo: kasse@verein.example\nSubject: Re: Spendenquittung\nMessage-ID: <b2@kunde.example>\nIn-Reply-To: <b1@kunde.example>\n\nDanke.\n";
    assert_eq!(ingest(&env, answer), format!("follow-up on ticket {b}"));

    let r = env.run_as("anna", &["unmerge", &a]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains(&format!("ticket {a} is not merged")),
        "{}",
        r.stderr
    );
}

#[test]
fn linked_tickets_show_both_ways_are_found_by_query_and_a_parent_closes_last() {
    let env = Env::with_config(QUEUES);
    let ask = |id: &str, subject: &str| {
        env.mail(
            &format!("From: vorstand@verein.example\nTo: mitglieder@verein.example\nSubject: {subject}\nMessage-ID: <{id}@verein.example>"),
            "Text",
        )
    };
    let task = ask("p", "Sommerfest");
    let tent = ask("c1", "Zelt mieten");
    let food = ask("c2", "Essen bestellen");
    let other = ask("r", "Winterfest");
    env.ok_as("anna", &["link", &tent, &food, &task, "--child"]);
    env.ok_as("anna", &["link", &other, &task]);

    let t = env.show(&task);
    let links: Vec<(String, String)> = t["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["ticket"].as_str().unwrap().to_string(),
                l["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expect = [(&tent, "parent"), (&food, "parent"), (&other, "related")]
        .map(|(n, k)| (n.clone(), k.to_string()));
    assert_eq!(links, expect);
    assert_eq!(env.show(&tent)["links"][0]["kind"], "child");
    assert!(env
        .ok(&["show", &task])
        .contains(&format!("Parent of {tent}\n")));

    assert_eq!(env.numbers(&["is:parent"]), [task.as_str()]);
    assert_eq!(env.numbers(&["is:child"]), [tent.as_str(), food.as_str()]);
    assert_eq!(
        env.numbers(&[&format!("link:{task}")]),
        [tent.as_str(), food.as_str(), other.as_str()]
    );

    // The parent waits for its children.
    let r = env.run_as("anna", &["close", &task]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "ticket {task} has open child tickets ({tent}, {food})"
        )),
        "{}",
        r.stderr
    );
    env.ok_as(
        "anna",
        &["close", "--where", &format!("link:{task} is:child")],
    );
    env.ok_as("anna", &["close", &task]);
    assert_eq!(env.show(&task)["state_type"], "closed");

    env.ok_as("anna", &["unlink", &other, &task]);
    assert_eq!(env.show(&other)["links"], serde_json::json!([]));
    let r = env.run_as("anna", &["link", &task, &task]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}
