//! The one query language, through `tix list`, `tix search` and `--where`.

use crate::common::*;

fn store() -> (Env, Vec<String>) {
    let env = Env::with_config(
        "queues:\n  - name: Inbox\n    addresses: [info@example.org]\n  - name: LV\n  - name: LV::Presse\n    addresses: [presse@example.org]\n  - name: LV::Mitglieder\n    addresses: [mitglieder@example.org]\nagents:\n  - name: anna\n  - name: ben\nsearches:\n  bounces: from:MAILER-DAEMON\n  press: \"queue:LV::Presse -@bounces\"\n",
    );
    let mails = [
        (
            "Petra <petra@zeitung.example>",
            "presse@example.org",
            "Akkreditierung Parteitag",
            "Ich bitte um eine Akkreditierung für den Parteitag.",
        ),
        (
            "MAILER-DAEMON@mx.example.net",
            "presse@example.org",
            "Undelivered Mail Returned to Sender",
            "The mail system: user unknown",
        ),
        (
            "Jürgen <j@mail.example>",
            "mitglieder@example.org",
            "Kündigung",
            "Ich möchte kündigen. Grüße",
        ),
        (
            "Anna Gast <gast@web.example>",
            "info@example.org",
            "Frage zum Parteitag",
            "Wann beginnt der Parteitag?",
        ),
    ];
    let numbers = mails
        .iter()
        .enumerate()
        .map(|(i, (from, to, subject, body))| {
            env.mail(
                &format!("From: {from}\nTo: {to}\nSubject: {subject}\nMessage-ID: <m{i}@x>"),
                body,
            )
        })
        .collect();
    (env, numbers)
}

#[test]
fn words_phrases_and_fields() {
    let (env, n) = store();
    assert_eq!(env.numbers(&["Parteitag"]), [n[0].clone(), n[3].clone()]);
    assert_eq!(env.numbers(&["\"Akkreditierung für\""]), [n[0].as_str()]);
    assert_eq!(
        env.numbers(&["\"für Akkreditierung\""]),
        Vec::<String>::new()
    );
    assert_eq!(env.numbers(&["parteitag", "wann"]), [n[3].as_str()]);
    assert_eq!(env.numbers(&["Akkred*"]), [n[0].as_str()]);
    // Diacritics fold: kundigen finds kündigen.
    assert_eq!(env.numbers(&["kundigen"]), [n[2].as_str()]);
    assert_eq!(env.numbers(&["from:MAILER-DAEMON"]), [n[1].as_str()]);
    assert_eq!(env.numbers(&["from:petra"]), [n[0].as_str()]);
    assert_eq!(env.numbers(&["to:mitglieder@example.org"]), [n[2].as_str()]);
    assert_eq!(env.numbers(&["subject:Kündigung"]), [n[2].as_str()]);
    assert_eq!(env.numbers(&["subject:\"zum Parteitag\""]), [n[3].as_str()]);
    // Queues take their sub-queues.
    assert_eq!(
        env.numbers(&["queue:LV"]),
        [n[0].clone(), n[1].clone(), n[2].clone()]
    );
    assert_eq!(
        env.numbers(&["queue:lv::presse"]),
        [n[0].clone(), n[1].clone()]
    );
}

#[test]
fn not_or_and_parentheses() {
    let (env, n) = store();
    assert_eq!(
        env.numbers(&["queue:LV", "NOT", "from:MAILER-DAEMON"]),
        [n[0].clone(), n[2].clone()]
    );
    // A query term starting with "-" comes after "--", as in any Unix tool.
    let listed = env.json(&["list", "--json", "--", "queue:LV", "-from:MAILER-DAEMON"]);
    let numbers: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, [n[0].as_str(), n[2].as_str()]);
    assert_eq!(
        env.numbers(&["Kündigung", "OR", "Akkreditierung"]),
        [n[0].clone(), n[2].clone()]
    );
    assert_eq!(
        env.numbers(&["(Kündigung OR Akkreditierung) queue:LV::Presse"]),
        [n[0].as_str()]
    );
    assert_eq!(env.numbers(&["Parteitag -(queue:Inbox)"]), [n[0].as_str()]);
}

#[test]
fn state_owner_tag_priority_age_and_dates() {
    let (env, n) = store();
    env.ok_as("anna", &["assign", &n[0], "anna"]);
    env.ok_as("anna", &["responsible", &n[2], "ben"]);
    env.ok_as("anna", &["tag", &n[1], "+bounce"]);
    env.ok_as("anna", &["priority", &n[3], "high"]);
    env.ok_as("anna", &["close", &n[1], "--reason", "unsuccessful"]);
    // Open tickets by default; a state: term says otherwise.
    assert_eq!(env.numbers(&["tag:bounce"]), Vec::<String>::new());
    assert_eq!(
        env.numbers(&["tag:bounce", "state:closed"]),
        [n[1].as_str()]
    );
    assert_eq!(env.numbers(&["state:closed-unsuccessful"]), [n[1].as_str()]);
    assert_eq!(env.numbers(&["owner:anna"]), [n[0].as_str()]);
    assert_eq!(env.numbers(&["--as", "anna", "owner:me"]), [n[0].as_str()]);
    assert_eq!(env.numbers(&["owner:none"]).len(), 2);
    assert_eq!(env.numbers(&["responsible:ben"]), [n[2].as_str()]);
    assert_eq!(env.numbers(&["priority:>3"]), [n[3].as_str()]);
    assert_eq!(env.numbers(&["priority:normal"]).len(), 2);
    assert_eq!(env.numbers(&["age:>7d"]), Vec::<String>::new());
    assert_eq!(env.numbers(&["age:<7d"]).len(), 3);
    env.alter(
        "UPDATE tickets SET created_at = created_at - 10 * 86400 WHERE number = ?1",
        &n[0],
    );
    assert_eq!(env.numbers(&["age:>7d"]), [n[0].as_str()]);
    let ten_days_ago = (chrono::Local::now() - chrono::Duration::days(9))
        .format("%Y-%m-%d")
        .to_string();
    assert_eq!(
        env.numbers(&[&format!("before:{ten_days_ago}")]),
        [n[0].as_str()]
    );
    assert_eq!(env.numbers(&[&format!("after:{ten_days_ago}")]).len(), 2);
}

#[test]
fn saved_searches_are_used_by_name() {
    let (env, n) = store();
    assert_eq!(env.numbers(&["@bounces"]), [n[1].as_str()]);
    assert_eq!(env.numbers(&["@press"]), [n[0].as_str()]);
    let r = env.run(&["list", "@nope"]);
    assert_eq!(
        (r.code, r.stderr.trim()),
        (2, "tix: query \"@nope\", column 1: no saved search @nope")
    );
    // --where uses the same language.
    env.ok_as("anna", &["tag", "--where", "@bounces", "+bounce"]);
    assert_eq!(env.numbers(&["tag:bounce"]), [n[1].as_str()]);
}

#[test]
fn errors_point_at_the_column() {
    let (env, _) = store();
    let cases = [
        ("Parteitag foo:bar", "column 11: unknown field \"foo:\""),
        ("a \"open phrase", "column 3: unterminated quote"),
        ("(a OR b", "column 1: unmatched ("),
        ("a OR", "column 5: expected a search term"),
        ("a )", "column 3: unmatched )"),
        ("queue:Nowhere", "column 1: unknown queue \"Nowhere\""),
        ("x state:sleepy", "column 3: unknown state \"sleepy\""),
        ("priority:>9", "column 1: priority \"9\" is not 1–5"),
        ("age:>soon", "column 1: age \"soon\" is not a duration"),
        ("is:shiny", "column 1: is:shiny is not known"),
        ("subject:", "column 1: subject: needs a value"),
    ];
    for (q, expect) in cases {
        let r = env.run(&["list", q]);
        assert_eq!(r.code, 2, "{q}: {}", r.stderr);
        assert!(
            r.stderr.starts_with(&format!("tix: query {q:?}, {expect}")),
            "{q}: {}",
            r.stderr
        );
        let r = env.run(&["search", q]);
        assert_eq!(r.code, 2, "search {q}");
        let r = env.run_as("anna", &["close", "--where", q]);
        assert_eq!(r.code, 2, "--where {q}");
    }
    let bad = Env::with_config("searches:\n  loop: \"@loop\"\n  broken: \"(x\"\n");
    let r = bad.run(&["config", "check"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("saved search \"broken\""), "{}", r.stderr);
    assert!(r.stderr.contains("saved search \"loop\""), "{}", r.stderr);
}

#[test]
fn search_covers_every_state_newest_first() {
    let (env, n) = store();
    env.ok_as("anna", &["close", &n[0]]);
    assert_eq!(env.numbers(&["Parteitag"]), [n[3].as_str()]);
    let numbers = |args: &[&str]| -> Vec<String> {
        env.json(args)
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["number"].as_str().unwrap().to_string())
            .collect()
    };
    // The newest matching mail first, closed tickets included.
    assert_eq!(
        numbers(&["search", "Parteitag"]),
        [n[3].as_str(), n[0].as_str()]
    );
    assert_eq!(
        numbers(&["search", "Parteitag", "--limit", "1"]),
        [n[3].as_str()]
    );
    assert_eq!(
        numbers(&["search", "Parteitag", "state:closed"]),
        [n[0].as_str()]
    );
    // A newer note makes its ticket the newest match.
    env.ok_as(
        "anna",
        &["note", &n[0], "-m", "Parteitag: Akkreditierung erteilt"],
    );
    assert_eq!(
        numbers(&["search", "Parteitag"]),
        [n[0].as_str(), n[3].as_str()]
    );
    // Without words: the most recently changed first.
    env.alter(
        "UPDATE tickets SET updated_at = updated_at - 60 WHERE number = ?1",
        &n[1],
    );
    assert_eq!(numbers(&["search", "queue:LV::Presse"])[0], n[0]);
    let table = env.ok(&["search", "Parteitag"]);
    assert!(table.contains("closed successful"), "{table}");
}

#[test]
fn words_of_a_search_may_stand_in_different_mails_of_a_ticket() {
    let env = Env::new();
    let n = env.mail(
        "From: erika@kunde.example\nSubject: Frage\nMessage-ID: <w1@x>",
        "Wo steht das in der Satzung?",
    );
    env.mail(
        &format!("From: erika@kunde.example\nSubject: Re: [Ticket#{n}] Frage\nMessage-ID: <w2@x>"),
        "Und wohin geht meine Spende?",
    );
    env.mail(
        "From: jens@kunde.example\nSubject: Satzung\nMessage-ID: <w3@x>",
        "Nur die Satzung, bitte.",
    );
    let found = env.json(&["search", "Satzung", "Spende"]);
    let numbers: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, [n.as_str()]);
    // The same with a field term and a negation beside the words.
    let found = env.json(&[
        "search",
        "Satzung",
        "NOT",
        "Spende",
        "from:jens@kunde.example",
    ]);
    assert_eq!(found.as_array().unwrap().len(), 1);
}

/// A pasted paragraph is a search of many words; each may stand in any mail
/// of the ticket, and one word missing from every mail leaves it out (on a
/// server the words are asked in one subquery, not one each).
#[test]
fn a_search_of_many_words_finds_the_ticket_holding_them_all() {
    let env = Env::new();
    let words: Vec<String> = (0..150).map(|i| format!("wort{i}")).collect();
    let n = env.mail(
        "From: erika@kunde.example\nSubject: Liste\nMessage-ID: <l1@x>",
        &words[..75].join(" "),
    );
    env.mail(
        &format!("From: erika@kunde.example\nSubject: Re: [Ticket#{n}] Liste\nMessage-ID: <l2@x>"),
        &words[75..].join(" "),
    );
    // Only the first half: no ticket of its own holds every word.
    env.mail(
        "From: jens@kunde.example\nSubject: Halbe Liste\nMessage-ID: <l3@x>",
        &words[..75].join(" "),
    );
    let all = words.join(" ");
    assert_eq!(env.numbers(&[&all]), [n.as_str()]);
    let searched = env.json(&["search", &all]);
    let searched: Vec<&str> = searched
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["number"].as_str().unwrap())
        .collect();
    assert_eq!(searched, [n.as_str()]);
    assert!(env.numbers(&[&format!("{all} fehltwort")]).is_empty());
    assert!(env
        .json(&["search", &format!("{all} fehltwort")])
        .as_array()
        .unwrap()
        .is_empty());
    // Negated, the same set is every other ticket.
    assert_eq!(env.numbers(&[&format!("NOT ({all})")]).len(), 1);
    assert_eq!(
        env.json(&["search", &format!("NOT ({all})")])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn and_is_the_explicit_form_of_writing_terms_side_by_side() {
    let env = Env::new();
    env.ingest(b"From: a@x.example\nSubject: Sommerfest\nMessage-ID: <sf1@x>\n\nWo sind die Parkplaetze?\n");
    env.ingest(
        b"From: b@x.example\nSubject: Sommerfest\nMessage-ID: <sf2@x>\n\nWann beginnt es?\n",
    );
    let both = env.numbers(&["Sommerfest", "Parkplaetze"]);
    assert_eq!(both.len(), 1);
    assert_eq!(env.numbers(&["Sommerfest AND Parkplaetze"]), both);
    assert_eq!(env.numbers(&["Sommerfest", "AND", "Parkplaetze"]), both);
    for wrong in ["AND Sommerfest", "Sommerfest AND", "a AND OR b"] {
        let r = env.run(&["search", wrong]);
        assert_eq!(r.code, 2, "{wrong}: {}", r.stderr);
        assert!(
            r.stderr.contains("AND needs a search term on each side"),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn an_agent_that_does_not_exist_is_an_error_not_an_empty_list() {
    let env = Env::with_config("agents:\n  - { name: anna }\n  - { name: ben }\n");
    env.ingest(b"From: a@x.example\nSubject: Frage\nMessage-ID: <oa1@x>\n\nText\n");
    let r = env.run(&["search", "owner:carla"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("unknown agent \"carla\"; agents: anna, ben"),
        "{}",
        r.stderr
    );
    let r = env.run(&["list", "--owner", "carla"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("unknown agent \"carla\""), "{}", r.stderr);
    // Known names, none and me still work; names compare without case.
    assert_eq!(env.run(&["search", "owner:Anna"]).code, 0);
    assert_eq!(env.run(&["search", "owner:none"]).code, 0);
}

#[test]
fn german_spellings_and_signs_are_found_as_typed() {
    let env = Env::new();
    let a = env.mail(
        "From: =?utf-8?q?J=C3=BCrgen_M=C3=BCller?= <jm@verein.test>\nSubject: Beitrag\nContent-Type: text/plain; charset=utf-8",
        "Sehr geehrter Herr Gäßler, der Beitrag von 24 € für die Straße ist bezahlt.",
    );
    let b = env.mail(
        "From: Anna <anna@verein.test>\nSubject: Frage",
        "Bis wann ist die Anmeldung due? Rabatt 5%.",
    );
    let c = env.mail(
        "From: Ben <ben@verein.test>\nSubject: Hilfe",
        "Kannst du helfen?",
    );
    // Typed without umlauts or ß, as on a keyboard without them.
    assert_eq!(env.numbers(&["Gassler"]), [a.as_str()]);
    assert_eq!(env.numbers(&["Gaessler"]), [a.as_str()]);
    assert_eq!(env.numbers(&["Strasse"]), [a.as_str()]);
    assert_eq!(env.numbers(&["from:Mueller"]), [a.as_str()]);
    assert_eq!(env.numbers(&["from:Muller"]), [a.as_str()]);
    assert_eq!(env.numbers(&["Mue*"]), [a.as_str()]);
    assert_eq!(env.numbers(&["Jürgen"]), [a.as_str()]);
    // Signs are words: with or without the space.
    assert_eq!(env.numbers(&["\"24 €\""]), [a.as_str()]);
    assert_eq!(env.numbers(&["24€"]), [a.as_str()]);
    assert_eq!(env.numbers(&["€"]), [a.as_str()]);
    assert_eq!(env.numbers(&["\"5 %\""]), [b.as_str()]);
    // Short words keep their vowel pairs: "due" is not "du".
    assert_eq!(env.numbers(&["due"]), [b.as_str()]);
    assert_eq!(env.numbers(&["du"]), [c.as_str()]);
    assert_eq!(env.numbers(&["Beitrag", "AND", "Gäßler"]), [a.as_str()]);
}
