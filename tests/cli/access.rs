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
    env.ok_as("anna", &["link", &o.info, &o.member]);
    // A link does not name the hidden ticket either.
    let shown = env.json(&["--as", "ben", "show", &o.info, "--json"]);
    assert_eq!(shown["links"], serde_json::json!([]));
    let shown = env.json(&["--as", "anna", "show", &o.info, "--json"]);
    assert_eq!(shown["links"][0]["ticket"], o.member.as_str());
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

/// `psql` as `role` on the test store: the one value `sql` gives.
fn psql(env: &Env, role: &str, sql: &str) -> String {
    let url = env
        .db
        .to_str()
        .unwrap()
        .replacen("://tix@", &format!("://{role}@"), 1);
    let out = std::process::Command::new("psql")
        .args([url.as_str(), "-At", "-c", sql])
        .output()
        .expect("psql is installed with PostgreSQL");
    assert!(
        out.status.success(),
        "psql as {role}: {sql}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// On PostgreSQL the database itself keeps the queues apart: an agent
/// connected as its own role sees with plain psql no more than with tix,
/// whatever name it gives tix. On SQLite there are no roles to make.
#[test]
fn database_roles_hide_other_queues_from_psql_too() {
    let o = office();
    let env = &o.env;
    let table = env.ok_as("anna", &["store", "roles"]);
    assert!(
        table
            .lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>()
                == [
                    "ben",
                    "tix_ben",
                    "Mitglieder,",
                    "Mitglieder::Austritte",
                    "-"
                ]),
        "{table}"
    );
    let r = env.run_as("anna", &["store", "roles", "--sync"]);
    if test_server().is_none() {
        assert_eq!(r.code, 2);
        assert!(r.stderr.contains("need a PostgreSQL store"), "{}", r.stderr);
        return;
    }
    assert_eq!(r.code, 0, "{}", r.stderr);
    let secret = "position('Schwerbehindertenausweis'::bytea IN bytes) > 0";
    // Ben's role: the open queue's one ticket, its one article and mail.
    for (sql, want) in [
        ("SELECT count(*) FROM tickets", "1"),
        ("SELECT count(*) FROM articles", "1"),
        ("SELECT count(*) FROM articles_fts", "1"),
        (
            "SELECT count(*) FROM history WHERE ticket_id IN (SELECT id FROM tickets)",
            "1",
        ),
        ("SELECT count(DISTINCT ticket_id) FROM history", "1"),
        (
            &format!("SELECT count(*) FROM raw_messages WHERE {secret}"),
            "0",
        ),
        ("SELECT count(*) FROM raw_messages", "1"),
    ] {
        assert_eq!(psql(env, "tix_ben", sql), want, "tix_ben: {sql}");
    }
    assert_eq!(
        psql(
            env,
            "tix_ben",
            "UPDATE tickets SET queue = 'Info' WHERE queue LIKE 'Mitglieder%' RETURNING id"
        ),
        "UPDATE 0"
    );
    // Anna's role sees all three; Carla's reads the queue but changes nothing in it.
    assert_eq!(psql(env, "tix_anna", "SELECT count(*) FROM tickets"), "3");
    assert_eq!(
        psql(
            env,
            "tix_anna",
            &format!("SELECT count(*) FROM raw_messages WHERE {secret}")
        ),
        "1"
    );
    assert_eq!(psql(env, "tix_carla", "SELECT count(*) FROM tickets"), "3");
    assert_eq!(
        psql(
            env,
            "tix_carla",
            "UPDATE tickets SET priority = 1 WHERE queue = 'Mitglieder' RETURNING id"
        ),
        "UPDATE 0"
    );
    // tix connected as Ben's role shows no more, whoever it says acts.
    let as_role = |role: &str, args: &[&str]| {
        let url = env
            .db
            .to_str()
            .unwrap()
            .replacen("://tix@", &format!("://{role}@"), 1);
        let out = env.cmd().env("TIX_DB", url).args(args).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, out, err) = as_role("tix_ben", &["--as", "anna", "list", "--json"]);
    assert_eq!(code, 0, "{err}");
    let listed: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(listed.len(), 1, "{out}");
    assert_eq!(listed[0]["number"], o.info.as_str());
    // An agent's own role writes as tix does (no COPY under row security).
    let (code, _, err) = as_role(
        "tix_anna",
        &[
            "--as",
            "anna",
            "note",
            &o.member,
            "-m",
            "Rückruf vereinbart",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = as_role(
        "tix_anna",
        &["--as", "anna", "search", "vereinbart", "--json"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&o.member), "{out}");
}
