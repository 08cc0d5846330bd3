//! Routing rules and snippets, end to end.

use crate::common::*;

const QUEUES: &str = "queues:\n  - name: Inbox\n    addresses: [info@example.org]\n  - name: Presse\n  - name: Spam\nagents:\n  - name: anna\n  - name: ben\n";

fn with_rules(rules: &str) -> Env {
    Env::with_config(&format!("{QUEUES}rules:\n{rules}"))
}

fn with_rules_no_store(rules: &str) -> Env {
    let env = Env::without_store();
    std::fs::write(
        env.config.join("tix.yaml"),
        format!("{QUEUES}rules:\n{rules}"),
    )
    .unwrap();
    env
}

fn actors(env: &Env, n: &str) -> Vec<(String, String)> {
    env.json(&["history", n])
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["actor"].as_str().unwrap().to_string(),
                h["action"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn every_action_is_applied_and_recorded_under_the_rule() {
    let env = with_rules(
        "  - name: Presse
    if: { subject: 'interview' }
    then: { queue: Presse, priority: very-high, owner: anna, responsible: ben, tags: [presse, Eilig], no_autoreply: true }
",
    );
    let n = env.mail("From: a@zeitung.example\nTo: info@example.org\nSubject: Bitte um ein INTERVIEW\nMessage-ID: <i@x>", "Hallo");
    let t = env.show(&n);
    assert_eq!(t["queue"], "Presse");
    assert_eq!(t["priority"], 5);
    assert_eq!(t["owner"], "anna");
    assert_eq!(t["responsible"], "ben");
    assert_eq!(t["tags"], serde_json::json!(["eilig", "presse"]));
    let no_autoreply: i64 = env.count("SELECT no_autoreply FROM tickets");
    assert_eq!(no_autoreply, 1);
    let h = actors(&env, &n);
    assert_eq!(h[0], ("tix".to_string(), "created".to_string()));
    for action in [
        "queue",
        "priority",
        "owner",
        "responsible",
        "tag",
        "no auto-reply",
    ] {
        assert!(
            h.contains(&("rule:Presse".to_string(), action.to_string())),
            "{action}: {h:?}"
        );
    }
    // A mail the rule does not match is left alone.
    let m = env.mail(
        "From: b@x.example\nTo: info@example.org\nSubject: Frage\nMessage-ID: <j@x>",
        "Hallo",
    );
    assert_eq!(env.show(&m)["queue"], "Inbox");
    assert_eq!(actors(&env, &m).len(), 1);
}

#[test]
fn spam_is_stored_and_closed_never_deleted_and_stop_ends_the_list() {
    let env = with_rules(
        "  - name: Spam
    if: { header: X-Spam-Flag, matches: '^yes' }
    then: { queue: Spam, state: closed spam }
    stop: true
  - name: Alles taggen
    if: { from: '.' }
    then: { tags: [gesehen] }
",
    );
    let spam = env.mail("From: x@spam.example\nTo: info@example.org\nSubject: WIN\nX-Spam-Flag: YES\nMessage-ID: <s@x>", "cheap");
    let t = env.show(&spam);
    assert_eq!(
        (t["state"].as_str(), t["queue"].as_str()),
        (Some("closed spam"), Some("Spam"))
    );
    assert_eq!(
        t["tags"],
        serde_json::json!([]),
        "stop: the second rule must not run"
    );
    assert_eq!(t["articles"].as_array().unwrap().len(), 1);
    let ham = env.mail(
        "From: y@ok.example\nTo: info@example.org\nSubject: Hallo\nMessage-ID: <h@x>",
        "hi",
    );
    assert_eq!(env.show(&ham)["tags"], serde_json::json!(["gesehen"]));
}

#[test]
fn conditions_on_headers_body_attachments_and_mailbox() {
    let env = with_rules(
        r#"  - name: Liste
    if: { header: List-Id, exists: true }
    then: { tags: [liste] }
  - name: Ohne Liste
    if: { not: { header: List-Id, exists: true } }
    then: { tags: [direkt] }
  - name: PDF
    if: { attachment: '\.pdf$' }
    then: { tags: [pdf] }
  - name: Großschreibung
    if: { body: 'IBAN', case_sensitive: true }
    then: { tags: [iban] }
  - name: Archiv
    if: { mailbox: 'altarchiv' }
    then: { tags: [archiv] }
  - name: Beides
    if:
      all:
        - { from: '@verein\.example' }
        - any:
            - { subject: 'beitrag' }
            - { cc: 'kasse@' }
    then: { tags: [kasse] }
"#,
    );
    let list = env.mail("From: l@lists.example\nTo: info@example.org\nList-Id: <news.lists.example>\nSubject: News\nMessage-ID: <l@x>", "iban klein");
    assert_eq!(env.show(&list)["tags"], serde_json::json!(["liste"]));
    let pdf = read("mail/base64-attachment.eml");
    let r = env.ingest(&pdf);
    let n = r.stdout.split_whitespace().last().unwrap().to_string();
    assert_eq!(env.show(&n)["tags"], serde_json::json!(["direkt", "pdf"]));
    let kasse = env.mail("From: Karl <karl@verein.example>\nTo: info@example.org\nCc: kasse@example.org\nSubject: Frage\nMessage-ID: <k@x>", "Meine IBAN ist neu");
    assert_eq!(
        env.show(&kasse)["tags"],
        serde_json::json!(["direkt", "iban", "kasse"])
    );
    let md = env.maildir(
        "altarchiv",
        &[(
            "1",
            b"From: o@x.example\nSubject: alt\nMessage-ID: <o@x>\n\nalt\n".to_vec(),
        )],
    );
    env.ok(&["fetch", "--maildir", md.to_str().unwrap()]);
    let old = env.numbers(&["subject:alt"]);
    assert_eq!(
        env.show(&old[0])["tags"],
        serde_json::json!(["archiv", "direkt"])
    );
}

#[test]
fn follow_up_rules_and_a_thanks_to_a_closed_ticket() {
    let env = with_rules(
        r#"  - name: Neu
    if: { from: '.' }
    then: { tags: [neu] }
  - name: Nachfrage
    followups: both
    if: { subject: '^re:' }
    then: { priority: high }
  - name: Dank
    ticket_closed: true
    if: { body: '^\s*(vielen\s+)?dank' }
    then: { state: closed zombie }
"#,
    );
    let n = env.mail(
        "From: c@x.example\nTo: info@example.org\nSubject: Frage\nMessage-ID: <f1@x>",
        "?",
    );
    env.ok_as("anna", &["tag", &n, "-neu"]);
    env.ingest(
        b"From: c@x.example\nSubject: Re: Frage\nMessage-ID: <f2@x>\nIn-Reply-To: <f1@x>\n\nUnd?\n",
    );
    let t = env.show(&n);
    assert_eq!(t["priority"], 4);
    assert_eq!(
        t["tags"],
        serde_json::json!([]),
        "a new-ticket rule must not touch follow-ups"
    );
    // "Danke" to an open ticket: nothing happens; to a closed one: zombie.
    env.ingest(b"From: c@x.example\nSubject: Re: Frage\nMessage-ID: <f3@x>\nIn-Reply-To: <f1@x>\n\nDanke!\n");
    assert_eq!(env.show(&n)["state"], "new");
    env.ok_as("anna", &["close", &n]);
    env.ingest(b"From: c@x.example\nSubject: Re: Frage\nMessage-ID: <f4@x>\nIn-Reply-To: <f1@x>\n\nVielen Dank nochmal!\n");
    assert_eq!(env.show(&n)["state"], "closed zombie");
    let h = actors(&env, &n);
    assert_eq!(
        h.last().unwrap(),
        &("rule:Dank".to_string(), "state".to_string())
    );
}

#[test]
fn a_refused_action_is_noted_and_the_mail_kept() {
    let env = Env::with_config(
        "agents: [{name: anna}]\nstatuses:\n  - { name: new, type: new, next: [open] }\n  - { name: open, type: open }\n  - { name: closed, type: closed }\n  - { name: merged, type: merged }\n  - { name: deleted, type: removed }\nrules:\n  - name: Zu\n    if: { subject: 'zu' }\n    then: { state: closed }\n",
    );
    let n = env.mail(
        "From: a@b.example\nSubject: gleich zu\nMessage-ID: <z@x>",
        "x",
    );
    let t = env.show(&n);
    assert_eq!(t["state"], "new");
    let h = env.json(&["history", &n]);
    let last = &h.as_array().unwrap()[1];
    assert_eq!(last["action"], "rule refused");
    assert!(
        last["detail"]
            .as_str()
            .unwrap()
            .contains("\"new\" cannot go to \"closed\""),
        "{last}"
    );
}

/// Where `token` stands in `text`, on the first line containing `anchor`.
fn at(text: &str, anchor: &str, token: &str) -> String {
    let (n, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(anchor))
        .unwrap();
    format!("{}:{}", n + 1, line.find(token).unwrap() + 1)
}

#[test]
fn every_way_a_rule_can_be_wrong_is_a_located_config_error() {
    let text = format!(
        "{QUEUES}rules:
  - name: Kaputt
    if: {{ subject: '(unclosed' }}
  - name: Ziel fehlt
    if: {{ subject: x }}
    then: {{ queue: Nirgendwo, owner: zoe, state: schlafend, priority: 9, tags: ['zwei worte'] }}
  - name: Wartend
    if: {{ subject: x }}
    then: {{ state: waiting for customer }}
  - name: Zwei
    if: {{ subject: x, body: y }}
  - name: Kopf
    if: {{ header: X-Foo }}
  - name: Leer
    if: {{ any: [] }}
  - name: Kaputt
    if: {{ from: x }}
"
    );
    let env = Env::with_config(&text);
    let r = env.run(&["config", "check"]);
    assert_eq!(r.code, 2);
    let f = env.config.join("tix.yaml").display().to_string();
    let expect = [
        (
            at(&text, "(unclosed", "'("),
            "invalid regular expression \"(unclosed\": unclosed group",
        ),
        (
            at(&text, "Nirgendwo", "Nirgendwo"),
            "queue \"Nirgendwo\" is not defined",
        ),
        (
            at(&text, "Nirgendwo", "zoe"),
            "agent \"zoe\" is not defined",
        ),
        (
            at(&text, "Nirgendwo", "schlafend"),
            "status \"schlafend\" is not defined",
        ),
        (at(&text, "Nirgendwo", "9"), "priority \"9\" is not 1–5"),
        (
            at(&text, "Nirgendwo", "'zwei"),
            "\"zwei worte\" is not a tag",
        ),
        (
            at(&text, "waiting for", "waiting"),
            "status \"waiting for customer\" is pending and needs a date",
        ),
        (
            at(&text, "body: y", "if"),
            "a condition needs exactly one of",
        ),
        (
            at(&text, "X-Foo", "if"),
            "header needs either matches: REGEX or exists: true/false",
        ),
        (
            at(&text, "any: []", "any"),
            "any needs at least one condition",
        ),
    ];
    for (pos, message) in &expect {
        let e = format!("{f}:{pos}: {message}");
        assert!(
            r.stderr.lines().any(|l| l.starts_with(&e)),
            "missing {e:?} in:\n{}",
            r.stderr
        );
    }
    let first = text
        .lines()
        .position(|l| l.contains("name: Kaputt"))
        .unwrap()
        + 1;
    let dup = format!(
        "{f}:{}:11: rule \"Kaputt\" is defined already in {f}:{first}",
        text.lines()
            .collect::<Vec<_>>()
            .iter()
            .rposition(|l| l.contains("name: Kaputt"))
            .unwrap()
            + 1
    );
    assert!(
        r.stderr.lines().any(|l| l == dup),
        "missing {dup:?} in:\n{}",
        r.stderr
    );
    // Every command refuses to run on such rules, not only config check;
    // an MTA pipe is told to keep the mail until the config is fixed.
    let r = env.run(&["list"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with(&format!("tix: {f}:")), "{}", r.stderr);
    let r = env.run_with(&["ingest", "-v"], Some(b"From: a@b\nSubject: x\n\nx\n"));
    assert_eq!(r.code, 75);
    assert!(r.stderr.starts_with(&format!("tix: {f}:")), "{}", r.stderr);
}

#[test]
fn an_unknown_condition_field_is_named_with_its_place() {
    let text = format!("{QUEUES}rules:\n  - name: Tippfehler\n    if: {{ subjekt: x }}\n");
    let env = Env::with_config(&text);
    let r = env.run(&["config", "check"]);
    assert_eq!(r.code, 2);
    let f = env.config.join("tix.yaml").display().to_string();
    let e = format!(
        "{f}:{}: rules[0].if: unknown field `subjekt`, expected one of `all`",
        at(&text, "subjekt", "subjekt")
    );
    assert!(r.stderr.starts_with(&e), "{e:?} in:\n{}", r.stderr);
}

#[test]
fn explain_shows_each_rule_and_the_result_writing_nothing() {
    let env = with_rules_no_store(
        r#"  - name: Presse
    if: { subject: 'interview' }
    then: { queue: Presse, priority: 4 }
  - name: Spam
    if: { header: X-Spam-Flag, matches: 'yes' }
    then: { state: closed spam }
  - name: Alle
    if: { all: [ { from: 'zeitung' }, { body: 'dringend' } ] }
    then: { tags: [eilig] }
"#,
    );
    let file = env.path("m.eml");
    std::fs::write(&file, "From: Eva <eva@zeitung.example>\nTo: info@example.org\nSubject: Interview morgen?\nMessage-ID: <e@x>\n\nNicht eilig.\n").unwrap();
    let out = env.ok(&["route", "--explain", file.to_str().unwrap()]);
    assert_eq!(
        out,
        "as a new ticket:\n\
         ✓ Presse  matched: subject ~ /interview/ (\"Interview\")\n\
         ✗ Spam    no match: header x-spam-flag !~ /yes/\n\
         ✗ Alle    no match: body !~ /dringend/\n\
         result: queue Presse · priority 4 high\n\
         no auto-reply: queue Presse has none\n"
    );
    assert!(!env.db.exists(), "explain must not create a store");
    let json = env.json(&["route", "--explain", file.to_str().unwrap()]);
    assert_eq!(json["result"]["queue"], "Presse");
    assert_eq!(json["rules"][0]["acts"], true);
    // Once the thread is in the store, a reply is explained as a follow-up.
    env.ok(&["init", "--store-only"]);
    env.ingest(&std::fs::read(&file).unwrap());
    let reply = env.path("reply.eml");
    std::fs::write(&reply, "From: eva@zeitung.example\nSubject: Re: Interview morgen?\nMessage-ID: <e2@x>\nIn-Reply-To: <e@x>\n\nUnd?\n").unwrap();
    let out = env.ok(&["route", "--explain", reply.to_str().unwrap()]);
    assert!(out.starts_with("as a follow-up to ticket "), "{out}");
    assert!(
        out.contains("- Presse  matched, but does not apply to this kind of mail"),
        "{out}"
    );
    let r = env.run(&[
        "route",
        "--explain",
        fixture("mail/garbage.bin").to_str().unwrap(),
    ]);
    assert_eq!(r.code, 65);
    assert!(
        r.stderr.contains("would be quarantined: binary data"),
        "{}",
        r.stderr
    );
}

#[test]
fn apply_reruns_the_rules_on_stored_tickets() {
    let env = Env::with_config(QUEUES);
    let a = env.mail(
        "From: p@zeitung.example\nTo: info@example.org\nSubject: Interview\nMessage-ID: <a@x>",
        "x",
    );
    let b = env.mail(
        "From: q@x.example\nTo: info@example.org\nSubject: Anderes\nMessage-ID: <b@x>",
        "x",
    );
    std::fs::write(
        env.config.join("rules.yaml"),
        "rules:\n  - name: Presse\n    if: { subject: interview }\n    then: { queue: Presse }\n",
    )
    .unwrap();
    let dry = env.ok_as(
        "anna",
        &["route", "--apply", "--where", "queue:Inbox", "--dry-run"],
    );
    assert_eq!(
        dry,
        format!("would change {a}: queue Inbox → Presse\ndry run: nothing changed\n")
    );
    assert_eq!(env.show(&a)["queue"], "Inbox");
    env.ok_as("anna", &["route", "--apply", "--where", "queue:Inbox"]);
    assert_eq!(env.show(&a)["queue"], "Presse");
    assert_eq!(env.show(&b)["queue"], "Inbox");
    assert_eq!(actors(&env, &a).last().unwrap().0, "rule:Presse");
    let r = env.run_as("anna", &["route"]);
    assert_eq!(r.code, 2);
}

#[test]
fn snippets_list_show_and_render_for_a_ticket() {
    let env = Env::with_fixture_config();
    let n = env.mail("From: Jürgen Weiß <j@x.example>\nTo: mitglieder@example.org\nSubject: Adresse\nMessage-ID: <sn@x>", "neu");
    let list = env.json(&["snippet", "list"]);
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "ahoi",
            "sgdh",
            "lv-signatur",
            "eingang",
            "austritt-bestaetigt"
        ]
    );
    assert_eq!(list[1]["queues"], serde_json::json!(["Presse"]));
    assert_eq!(
        env.ok(&["snippet", "show", "ahoi"]),
        "Ahoi {{ customer_name }},\n"
    );
    assert_eq!(
        env.ok(&["--as", "anna", "snippet", "render", "ahoi", "--ticket", &n]),
        "Ahoi Jürgen Weiß,\n"
    );
    let sig = env.ok(&[
        "--as",
        "anna",
        "snippet",
        "render",
        "lv-signatur",
        "--ticket",
        &n,
    ]);
    assert_eq!(
        sig,
        "Viele Grüße\nAnna Beispiel\nLandesverband – Geschäftsstelle\nanna@example.org\n"
    );
    let body = env.ok(&["snippet", "render", "eingang", "--ticket", &n]);
    assert!(
        body.contains(&format!("unter der\nNummer {n} erfasst")),
        "{body}"
    );
    let r = env.run(&["snippet", "show", "nope"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("tix: unknown snippet \"nope\"; snippets: ahoi, sgdh"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_snippet_with_an_unknown_variable_is_a_config_error() {
    let env = Env::with_config(
        "queues:\n  - name: Inbox\n    salutation: hallo\n    signature: fehlt\nsnippets:\n  - name: hallo\n    kind: salutation\n    text: \"Hallo {{ kunde }},\"\n  - name: gruss\n    kind: signature\n    text: \"Gruß\"\n",
    );
    let r = env.run(&["config", "check"]);
    assert_eq!(r.code, 2);
    let f = env.config.join("tix.yaml").display().to_string();
    assert!(
        r.stderr.contains(&format!(
            "{f}:8:11: snippet \"hallo\" uses unknown variable \"kunde\"; variables: ticket_number"
        )),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains(&format!("{f}:4:16: snippet \"fehlt\" is not defined")),
        "{}",
        r.stderr
    );
    std::fs::write(
        env.config.join("tix.yaml"),
        "queues:\n  - name: Inbox\n    salutation: gruss\nsnippets:\n  - name: gruss\n    kind: signature\n    text: \"Gruß\"\n",
    )
    .unwrap();
    let r = env.run(&["config", "check"]);
    assert!(
        r.stderr.contains(&format!(
            "{f}:3:17: snippet \"gruss\" is a signature, not a salutation"
        )),
        "{}",
        r.stderr
    );
}
