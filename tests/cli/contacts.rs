//! Contacts: the member list imported, a member's tickets found by id,
//! address or organisation, and the bounce record read per member.

use crate::common::*;

#[test]
fn imported_members_find_their_tickets_by_id_address_or_organisation() {
    let env = Env::with_config("queues:\n  - name: Kasse\n    addresses: [kasse@verein.example]\nagents:\n  - name: anna\n");
    let file = env.path("mitglieder.csv");
    std::fs::write(
        &file,
        "Mitgliedsnummer,Name,E-Mail,Ortsverband\n1001,Anna Adler,anna@mitglied.example;Anna.Privat@mail.example,OV Nord\n1002,Bert Bär,bert@mitglied.example,OV Süd\n",
    )
    .unwrap();
    let map = "id=Mitgliedsnummer,name=Name,email=E-Mail,org=Ortsverband";
    env.ok(&["contact", "import", file.to_str().unwrap(), "--map", map]);
    // Imported again: replaced, not doubled.
    env.ok(&["contact", "import", file.to_str().unwrap(), "--map", map]);
    let list = env.json(&["contact", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(
        list[0]["addresses"],
        serde_json::json!(["anna.privat@mail.example", "anna@mitglied.example"])
    );

    let mail = |from: &str, id: &str| {
        env.mail(
            &format!("From: {from}\nTo: kasse@verein.example\nSubject: Beitrag {id}\nMessage-ID: <{id}@x>"),
            "Text",
        )
    };
    let first = mail("anna@mitglied.example", "a1");
    let second = mail("Anna <anna.privat@mail.example>", "a2");
    let bert = mail("bert@mitglied.example", "b1");
    env.ok_as("anna", &["close", &first]);

    assert_eq!(
        env.numbers(&["--all", "customer:1001"]),
        [first.as_str(), second.as_str()]
    );
    assert_eq!(
        env.numbers(&["customer:OV-Süd"]).len(),
        0,
        "an organisation is named as written"
    );
    assert_eq!(env.numbers(&["customer:\"OV Süd\""]), [bert.as_str()]);
    assert_eq!(
        env.numbers(&["customer:bert@mitglied.example"]),
        [bert.as_str()]
    );

    // Lists name the member as the member list has it.
    let listed = env.tickets(&["customer:1002"]);
    assert_eq!(
        (
            listed[0]["contact"].as_str(),
            listed[0]["contact_name"].as_str()
        ),
        (Some("1002"), Some("Bert Bär"))
    );
    assert!(env
        .ok(&["list"])
        .contains("Bert Bär <bert@mitglied.example>"));
    assert_eq!(env.show(&first)["contact"], "1001");
    // The contact with every ticket, the open one first.
    let shown = env.json(&["contact", "show", "anna.privat@mail.example", "--json"]);
    assert_eq!(shown[0]["id"], "1001");
    let numbers: Vec<&str> = shown[0]["tickets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, [second.as_str(), first.as_str()]);
    let r = env.run(&["contact", "show", "9999"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no contact \"9999\""), "{}", r.stderr);

    // The bounce record per member, from the contacts.
    let report = "From: MAILER-DAEMON@mx.verein.example\nTo: kasse@verein.example\nSubject: Undelivered Mail\nMessage-ID: <bb@mx>\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\nx\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx\n\nFinal-Recipient: rfc822; bert@mitglied.example\nAction: failed\nStatus: 5.1.1\n\n--B--\n";
    let r = env.ingest(report.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let joined = env.json(&["bounce", "list", "--contacts", "--json"]);
    assert_eq!(joined[0]["member"], "1002");
    assert_eq!(joined[0]["state"], "watch");
    assert_eq!(
        joined[0]["reach_by_post"], false,
        "on watch, not held: still written to"
    );
}

/// contacts.yaml in the config folder: put in the store by `config apply`,
/// a contact the file no longer names removed, one imported from CSV kept.
#[test]
fn contacts_written_in_the_config_follow_the_configuration_in_force() {
    let env = Env::with_config("queues:\n  - name: Kasse\n    addresses: [kasse@verein.example]\nagents:\n  - name: anna\n");
    let contacts = |text: &str| std::fs::write(env.config.join("contacts.yaml"), text).unwrap();
    contacts(
        "contacts:\n  - id: \"1001\"\n    name: Anna Adler\n    org: OV Nord\n    addresses: [Anna@Mitglied.example]\n    inactive: [anna@alt.example]\n    fields: { Beitrag: jährlich }\n  - id: \"1002\"\n    name: Bert Bär\n    addresses: [bert@mitglied.example]\n",
    );
    env.ok_as("anna", &["config", "apply"]);
    let shown = env.json(&["contact", "show", "1001", "--json"]);
    assert_eq!(
        shown[0]["addresses"],
        serde_json::json!(["anna@mitglied.example"])
    );
    assert_eq!(
        shown[0]["inactive"],
        serde_json::json!(["anna@alt.example"])
    );
    assert_eq!(shown[0]["fields"]["Beitrag"], "jährlich");
    // Mail from an inactive address is still the contact's.
    let old = env.mail(
        "From: anna@alt.example\nTo: kasse@verein.example\nSubject: Alte Adresse\nMessage-ID: <alt@x>",
        "Text",
    );
    assert_eq!(env.show(&old)["contact"], "1001");

    let csv = env.path("neu.csv");
    std::fs::write(
        &csv,
        "id,name,email\n2001,Cora Cicek,cora@mitglied.example\n",
    )
    .unwrap();
    env.ok(&["contact", "import", csv.to_str().unwrap()]);
    contacts("contacts:\n  - id: \"1001\"\n    name: Anna Adler\n    addresses: [anna@mitglied.example]\n");
    env.ok_as("anna", &["config", "apply"]);
    let ids: Vec<String> = env
        .json(&["contact", "list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        ids,
        ["1001", "2001"],
        "1002 left the config; the CSV's stays"
    );

    // A mistake is named with its file and line, and nothing is applied.
    contacts("contacts:\n  - id: \"1001\"\n    addresses: [kein-at]\n");
    let r = env.run_as("anna", &["config", "apply"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("contacts.yaml:3:")
            && r.stderr.contains("\"kein-at\" is not a mail address"),
        "{}",
        r.stderr
    );
}

/// The member list's free columns are kept, an inactive column read, and
/// `tix bounce remove` marks the address inactive: a member with nothing
/// left to write to is to be reached by post.
#[test]
fn free_fields_inactive_addresses_and_removal_by_the_bounce_record() {
    let env = Env::with_config("queues:\n  - name: Kasse\n    addresses: [kasse@verein.example]\nagents:\n  - name: anna\n");
    let file = env.path("mitglieder.csv");
    std::fs::write(
        &file,
        "Nr,Name,E-Mail,Alt,Eintritt,Beitrag\n1001,Anna Adler,anna@mitglied.example,anna@alt.example,2019,60\n1002,Bert Bär,bert@mitglied.example,,2021,\n",
    )
    .unwrap();
    env.ok(&[
        "contact",
        "import",
        file.to_str().unwrap(),
        "--map",
        "id=Nr,email=E-Mail,inactive=Alt",
    ]);
    let anna = &env.json(&["contact", "show", "1001", "--json"])[0];
    assert_eq!(anna["inactive"], serde_json::json!(["anna@alt.example"]));
    assert_eq!(
        anna["fields"],
        serde_json::json!({"Eintritt": "2019", "Beitrag": "60"})
    );
    let bert = &env.json(&["contact", "show", "1002", "--json"])[0];
    assert_eq!(bert["fields"], serde_json::json!({"Eintritt": "2021"}));

    env.ok_as("anna", &["bounce", "remove", "bert@mitglied.example"]);
    let bert = &env.json(&["contact", "show", "1002", "--json"])[0];
    assert_eq!(bert["addresses"], serde_json::json!([]));
    assert_eq!(
        bert["inactive"],
        serde_json::json!(["bert@mitglied.example"])
    );
    let joined = env.json(&["bounce", "list", "--contacts", "--json"]);
    let row = joined
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["member"] == "1002")
        .expect("bert listed");
    assert_eq!(
        (row["state"].as_str(), row["reach_by_post"].as_bool()),
        (Some("removed"), Some(true))
    );
    // Cleared: written to again.
    env.ok_as("anna", &["bounce", "clear", "bert@mitglied.example"]);
    let bert = &env.json(&["contact", "show", "1002", "--json"])[0];
    assert_eq!(
        bert["addresses"],
        serde_json::json!(["bert@mitglied.example"])
    );
}
