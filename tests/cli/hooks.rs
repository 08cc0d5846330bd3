//! Hooks: a program run on events with the event as JSON on stdin, queued
//! with the change (never run for one undone, run once for one kept), run
//! after the commit, tried again with a growing pause when it fails.

use crate::common::*;

fn config(env: &Env, script: &str, extra: &str) -> String {
    let log = env.path("events.log");
    format!(
        "queues:
  - name: Presse
    addresses: [presse@verein.example]
  - name: Kasse
    addresses: [kasse@verein.example]
agents:
  - name: anna
{extra}hooks:
  - on: [created, state]
    where: \"queue:Presse\"
    run: [sh, -c, '{script}', hook, \"{}\"]
",
        log.display()
    )
}

fn events(env: &Env) -> Vec<serde_json::Value> {
    std::fs::read_to_string(env.path("events.log"))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const APPEND: &str = "cat >> \"$1\"; echo >> \"$1\"";

fn mail(env: &Env, now: &str, to: &str, id: &str) -> String {
    let m = format!("From: erika@kunde.example\nTo: {to}\nSubject: Frage {id}\nMessage-ID: <{id}@kunde.example>\n\nText\n");
    let r = env.run_at(now, &["ingest", "-v"], Some(m.as_bytes()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout.split_whitespace().last().unwrap().to_string()
}

#[test]
fn a_hook_gets_the_events_it_asked_for_on_the_tickets_its_query_finds() {
    let env = Env::without_store();
    std::fs::write(env.config.join("tix.yaml"), config(&env, APPEND, "")).unwrap();
    env.ok(&["init", "--store-only"]);
    let t0 = "2026-12-07T10:00:00+01:00";
    let presse = mail(&env, t0, "presse@verein.example", "p1");
    mail(&env, t0, "kasse@verein.example", "k1");
    env.ok_as("anna", &["state", &presse, "open"]);
    let got = events(&env);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(
        (
            got[0]["version"].as_i64(),
            got[0]["event"].as_str(),
            got[0]["ticket"]["number"].as_str()
        ),
        (Some(1), Some("created"), Some(presse.as_str()))
    );
    assert_eq!(got[0]["detail"]["from"], "erika@kunde.example");
    assert_eq!(got[1]["event"], "state");
    assert_eq!(
        (
            got[1]["detail"]["old"].as_str(),
            got[1]["detail"]["new"].as_str()
        ),
        (Some("new"), Some("open"))
    );
}

/// A process that ended after its change was stored and before the hook
/// ran (no time left for sending here, as a kill -9 would leave it): the
/// next run of the outbox runs the hook, once.
#[test]
fn a_hook_queued_with_a_change_runs_once_after_the_process_that_stored_it_ended() {
    let env = Env::without_store();
    std::fs::write(
        env.config.join("tix.yaml"),
        config(&env, APPEND, "outbox_budget_seconds: 0\n"),
    )
    .unwrap();
    env.ok(&["init", "--store-only"]);
    mail(
        &env,
        "2026-12-07T10:00:00+01:00",
        "presse@verein.example",
        "p1",
    );
    assert!(events(&env).is_empty(), "not run yet");
    let queued = env.json(&["outbox", "list", "--json"]);
    assert_eq!(queued[0]["kind"], "hook");
    env.ok(&["outbox", "send"]);
    env.ok(&["outbox", "send"]);
    assert_eq!(events(&env).len(), 1);
}

/// kill -9 of the process (and its hook) after the change was committed,
/// while the hook ran: the next run of the outbox runs it, and it has run
/// to its end once.
#[test]
fn a_hook_cut_off_by_kill_9_runs_once_on_the_next_run() {
    use std::io::Write;
    use std::os::unix::process::CommandExt;
    let env = Env::without_store();
    let slow = "touch \"$1.started\"; sleep 2; cat >> \"$1\"; echo >> \"$1\"";
    std::fs::write(env.config.join("tix.yaml"), config(&env, slow, "")).unwrap();
    env.ok(&["init", "--store-only"]);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("tix"))
        .env("TIX_DB", &env.db)
        .env("TIX_CONFIG", &env.config)
        .env("USER", "tester")
        .env_remove("CI")
        .args(["ingest"])
        .process_group(0)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"From: erika@kunde.example\nTo: presse@verein.example\nSubject: Frage\nMessage-ID: <k9@kunde.example>\n\nText\n")
        .unwrap();
    let started = env.path("events.log.started");
    let waited = std::time::Instant::now();
    while !started.exists() {
        assert!(waited.elapsed().as_secs() < 30, "the hook never started");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // The whole group: tix and the hook it runs.
    let killed = std::process::Command::new("kill")
        .args(["-s", "KILL", "--", &format!("-{}", child.id())])
        .status()
        .unwrap();
    assert!(killed.success());
    let _ = child.wait();
    assert!(
        events(&env).is_empty(),
        "cut off before its end: {:?}",
        std::fs::read_to_string(env.path("events.log"))
    );
    assert_eq!(env.tickets(&[]).len(), 1, "the change was committed");
    let queued = env.json(&["outbox", "list", "--json"]);
    assert_eq!(
        (queued[0]["kind"].as_str(), queued[0]["status"].as_str()),
        (Some("hook"), Some("queued")),
        "still to run"
    );
    env.ok(&["outbox", "send"]);
    env.ok(&["outbox", "send"]);
    let ran = events(&env);
    assert_eq!(ran.len(), 1);
    assert_eq!(ran[0]["event"], "created");
}

#[test]
fn a_failing_hook_is_tried_again_after_a_pause() {
    let env = Env::without_store();
    let marker = env.path("tried");
    let script = format!(
        "[ -e {m} ] || {{ touch {m}; echo busy >&2; exit 3; }}; {APPEND}",
        m = marker.display()
    );
    std::fs::write(env.config.join("tix.yaml"), config(&env, &script, "")).unwrap();
    env.ok(&["init", "--store-only"]);
    let r = env.run_at("2026-12-07T10:00:00+01:00", &["ingest"], Some(b"From: erika@kunde.example\nTo: presse@verein.example\nSubject: Frage\nMessage-ID: <f1@kunde.example>\n\nText\n"));
    assert_eq!(
        r.code, 0,
        "the mail is stored whatever the hook does: {}",
        r.stderr
    );
    assert!(
        r.stderr.contains("exited with exit status: 3: busy"),
        "{}",
        r.stderr
    );
    assert!(events(&env).is_empty());
    let list = env.json(&["outbox", "list", "--json"]);
    assert_eq!(list[0]["attempts"], 1);
    // A minute's pause: not yet at 30 s, then run.
    env.ok_at("2026-12-07T10:00:30+01:00", &["outbox", "send"]);
    assert!(events(&env).is_empty());
    env.ok_at("2026-12-07T10:01:01+01:00", &["outbox", "send"]);
    assert_eq!(events(&env).len(), 1);
}

#[test]
fn a_hook_with_an_unknown_event_or_a_bad_query_is_named_where_it_is_written() {
    let env = Env::without_store();
    let bad_event = config(&env, APPEND, "").replace("[created, state]", "[created, closed]");
    std::fs::write(env.config.join("tix.yaml"), bad_event).unwrap();
    let r = env.run(&["config", "check"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("tix.yaml:9:") && r.stderr.contains("\"closed\" is not an event"),
        "{}",
        r.stderr
    );
    let bad_query = config(&env, APPEND, "").replace("queue:Presse", "queue:Nirgends");
    std::fs::write(env.config.join("tix.yaml"), bad_query).unwrap();
    let r = env.run(&["config", "check"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("hooks[].where:"), "{}", r.stderr);
}
