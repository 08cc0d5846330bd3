//! Who may see which queue (queues[].access, groups): an agent outside a
//! queue's groups cannot list, search, show, act on, count or report its
//! tickets, and is told "no such ticket" rather than "forbidden"; read
//! access shows without allowing changes.

use crate::common::*;

const CONFIG: &str = "agents:
  - name: anna
  - name: ben
  - name: carla
groups:
  - name: Mitgliederverwaltung
    agents: [anna]
queues:
  - name: Info
    addresses: [info@verein.example]
  - name: Mitglieder
    addresses: [mitglieder@verein.example]
    access: [Mitgliederverwaltung]
    read_access: [carla]
  - name: Mitglieder::Austritte
    addresses: [austritt@verein.example]
";

struct Office {
    env: Env,
    info: String,
    member: String,
    leaving: String,
}

fn office() -> Office {
    let env = Env::with_config(CONFIG);
    let info = env.mail(
        "From: a@kunde.example\nTo: info@verein.example\nSubject: Öffnungszeiten\nMessage-ID: <i1@kunde.example>",
        "Wann haben Sie offen?",
    );
    let member = env.mail(
        "From: b@kunde.example\nTo: mitglieder@verein.example\nSubject: Beitragsermäßigung\nMessage-ID: <m1@kunde.example>",
        "Ich bin arbeitslos geworden, Schwerbehindertenausweis anbei.",
    );
    let leaving = env.mail(
        "From: c@kunde.example\nTo: austritt@verein.example\nSubject: Austritt\nMessage-ID: <m2@kunde.example>",
        "Ich trete aus, wegen der Parteilinie.",
    );
    Office {
        env,
        info,
        member,
        leaving,
    }
}

#[test]
fn an_agent_outside_the_group_finds_no_such_ticket_anywhere() {
    let o = office();
    let env = &o.env;
    // Ben sees the open queue only; the nested queue inherits the access.
    assert_eq!(
        env.tickets(&["--as", "ben"])
            .iter()
            .map(|t| t["number"].as_str().unwrap())
            .collect::<Vec<_>>(),
        [o.info.as_str()]
    );
    let found = env.ok_as("ben", &["search", "Schwerbehindertenausweis", "--json"]);
    assert_eq!(found.trim(), "[]");
    let found = env.ok_as("ben", &["search", "Parteilinie", "--json"]);
    assert_eq!(found.trim(), "[]");
    // Named by number or by tail: no such ticket, as for one that never was.
    for named in [o.member.clone(), o.member[o.member.len() - 4..].to_string()] {
        for args in [
            vec!["show", named.as_str()],
            vec!["history", named.as_str()],
            vec!["close", named.as_str()],
            vec!["note", named.as_str(), "-m", "x"],
        ] {
            let r = env.run_as("ben", &args);
            assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
            assert_eq!(
                r.stderr.trim(),
                format!("tix: no ticket {named}"),
                "{args:?}"
            );
        }
    }
    let r = env.run_as("ben", &["close", "--where", "queue:Mitglieder", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains(&o.member), "{}", r.stdout);
    // Counted nowhere either.
    let dashboard = env.json(&["--as", "ben", "dashboard", "--json"]);
    let queues: Vec<&str> = dashboard["queues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["name"].as_str().unwrap())
        .collect();
    assert_eq!(queues, ["Info"]);
    let report = env.json(&[
        "--as",
        "ben",
        "report",
        "--from",
        "2000-01-01",
        "--to",
        "2100-01-01",
        "--json",
    ]);
    assert_eq!(report["total"]["created"], 1);
    // Moving a ticket into the queue needs write access there.
    let r = env.run_as("ben", &["move", &o.info, "Mitglieder"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("ben may not change tickets in queue Mitglieder"),
        "{}",
        r.stderr
    );
    // Anna, in the group, sees and does all of it.
    assert_eq!(env.tickets(&["--as", "anna"]).len(), 3);
    let report = env.json(&[
        "--as",
        "anna",
        "report",
        "--from",
        "2000-01-01",
        "--to",
        "2100-01-01",
        "--json",
    ]);
    assert_eq!(report["total"]["created"], 3);
    env.ok_as("anna", &["close", &o.leaving]);
    env.ok_as("anna", &["move", &o.info, "Mitglieder"]);
    assert!(env.tickets(&["--as", "ben"]).is_empty());
}

#[test]
fn read_access_shows_but_does_not_change() {
    let o = office();
    let env = &o.env;
    assert_eq!(env.tickets(&["--as", "carla"]).len(), 3);
    let shown = env.ok_as("carla", &["show", &o.member]);
    assert!(shown.contains("Schwerbehindertenausweis"), "{shown}");
    for args in [
        vec!["close", o.member.as_str()],
        vec!["assign", o.member.as_str(), "carla"],
        vec!["move", o.leaving.as_str(), "Info"],
    ] {
        let r = env.run_as("carla", &args);
        assert_eq!(r.code, 1, "{args:?}");
        assert!(
            r.stderr
                .contains("carla may not change tickets in queue Mitglieder"),
            "{args:?}: {}",
            r.stderr
        );
    }
    // Nothing changed.
    assert_eq!(
        env.json(&["--as", "anna", "show", &o.member, "--json"])["state"],
        "new"
    );
}

#[test]
fn config_check_says_the_file_is_the_boundary_on_sqlite() {
    let o = office();
    let r = o.env.run(&["config", "check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    if test_server().is_none() {
        assert!(
            r.stderr.contains("its file permissions are the boundary"),
            "{}",
            r.stderr
        );
    }
}
