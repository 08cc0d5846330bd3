//! The YAML config: defaults, the example, and every problem located.

use crate::common::*;

fn with_config(text: &str) -> Env {
    Env::with_config(text)
}

#[test]
fn no_config_runs_on_built_in_defaults() {
    let env = Env::new();
    let r = env.run(&["config", "check"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("using built-in defaults"), "{}", r.stdout);
    env.ingest(&read("mail/thread-1.eml"));
    assert_eq!(env.tickets(&[])[0]["queue"], "Inbox");
}

#[test]
fn init_writes_a_valid_commented_example_and_a_store() {
    let env = Env::new();
    let cfg = env.path("fresh");
    let r = env.run(&["--config", cfg.to_str().unwrap(), "init"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(cfg.join("tix.yaml")).unwrap();
    assert!(
        text.lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .count()
            > 10
    );
    assert!(!sqlite_only() || env.db.exists());
    assert_eq!(env.run(&["list"]).code, 0);
    let r = env.run(&["--config", cfg.to_str().unwrap(), "config", "check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("ok: 1 file(s), 4 queues"),
        "{}",
        r.stdout
    );
    // A second init keeps what the admin edited.
    std::fs::write(cfg.join("tix.yaml"), "system_id: 42\n").unwrap();
    env.ok(&["--config", cfg.to_str().unwrap(), "init"]);
    assert_eq!(
        std::fs::read_to_string(cfg.join("tix.yaml")).unwrap(),
        "system_id: 42\n"
    );
}

const IN_FORCE: &str = "queues:\n  - name: Info\n    addresses: [info@verein.example]\n  - name: Presse\n    addresses: [presse@verein.example]\nagents:\n  - name: anna\n";

/// The configuration applied to the store is the one every command uses:
/// a half-edited folder, an MTA's pipe that names only the store, another
/// machine's folder all file mail as the configuration in force says,
/// until the next version is applied (with who and when).
#[test]
fn the_store_runs_on_the_configuration_applied_to_it() {
    let env = with_config(IN_FORCE);
    let r = env.run(&["config", "check"]);
    assert!(
        r.stdout.contains("the store follows this folder"),
        "{}",
        r.stdout
    );
    let out = env.ok_as("anna", &["config", "apply"]);
    assert!(
        out.contains("as version 1 of the configuration in force"),
        "{out}"
    );
    let out = env.ok(&["config", "check"]);
    assert!(out.contains("in force: this folder, as version 1"), "{out}");
    assert!(env.ok(&["config", "apply"]).contains("is in force already"));

    // A half-edited folder: intake goes on with the config in force.
    let broken = format!("{IN_FORCE}  - name: ben\n    emial: ben@verein.example\n");
    std::fs::write(env.config.join("tix.yaml"), &broken).unwrap();
    let n = env.mail(
        "From: a@x.example\nTo: presse@verein.example\nSubject: Erst\nMessage-ID: <e1@x>",
        "x",
    );
    assert_eq!(env.show(&n)["queue"], "Presse");
    let r = env.run(&["config", "check"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("emial"), "{}", r.stderr);
    assert!(
        r.stderr.contains("this folder differs from it"),
        "{}",
        r.stderr
    );
    let r = env.run(&["config", "diff"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout.contains("+    emial: ben@verein.example"),
        "{}",
        r.stdout
    );
    let r = env.run_as("anna", &["config", "apply"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("nothing applied"), "{}", r.stderr);

    // An MTA's pipe with the store alone, no HOME, no config folder.
    let r = run_piped(
        std::process::Command::new(assert_cmd::cargo::cargo_bin("tix"))
            .env_clear()
            .arg("--db")
            .arg(&env.db)
            .arg("ingest"),
        b"From: b@x.example\nTo: presse@verein.example\nSubject: Pipe\nMessage-ID: <p1@x>\n\nx\n",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Another machine's folder without the press queue: the same filing.
    let other = env.path("other-machine");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("tix.yaml"), "queues:\n  - name: Allgemein\n").unwrap();
    let queues: Vec<String> = env
        .json(&["--config", other.to_str().unwrap(), "list", "--all"])
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["queue"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(queues, ["Presse", "Presse"]);

    // Fixed and applied: version 2, and the history says who.
    std::fs::write(
        env.config.join("tix.yaml"),
        format!("{IN_FORCE}  - name: ben\n"),
    )
    .unwrap();
    let out = env.ok_as("anna", &["config", "apply"]);
    assert!(
        out.contains("as version 2") && out.contains("(was version 1)"),
        "{out}"
    );
    assert_eq!(env.run(&["config", "diff"]).code, 0);
    let history = env.json(&["config", "history", "--json"]);
    let by: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["applied_by"].as_str().unwrap())
        .collect();
    assert_eq!(by, ["anna", "anna"]);
    env.ok_as("ben", &["note", &n, "-m", "ben is an agent now"]);
}

#[test]
fn the_fixture_config_is_valid() {
    let env = Env::with_fixture_config();
    let r = env.run(&["config", "check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn every_problem_is_reported_with_file_line_and_column() {
    let env = with_config(
        "system_id: 100\nqueues:\n  - name: Presse\n    addresses: [presse@example.org]\n  - name: Kreis\n    parent: Land\n  - name: Presse\n  - name: Zwei\n    addresses: [PRESSE@example.org, kaputt]\ndefault_queue: Fehlt\nagents:\n  - name: two words\nstatuses:\n  - { name: neu, type: new }\n  - { name: zu, type: shut }\n",
    );
    let r = env.run(&["config", "check"]);
    assert_eq!(r.code, 2);
    let file = env.config.join("tix.yaml");
    let f = file.display().to_string();
    let lines: Vec<&str> = r.stderr.lines().collect();
    let expect = [
        format!("{f}:1:12: system_id 100 must be 0 to 99"),
        format!("{f}:6:13: parent queue \"Land\" is not defined"),
        format!("{f}:7:11: queue \"Presse\" is defined already in {f}:3"),
        format!("{f}:9:17: address presse@example.org routes to queue \"Presse\" already"),
        format!("{f}:9:37: \"kaputt\" is not an email address"),
        format!("{f}:10:16: default_queue \"Fehlt\" is not a defined queue"),
        format!("{f}:12:11: agent name \"two words\" must be one word"),
        format!("{f}:15:23: unknown state type \"shut\""),
        format!("{f}:14:13: statuses need at least one of type \"open\""),
    ];
    for e in &expect {
        assert!(
            lines.iter().any(|l| l.starts_with(e.as_str())),
            "missing {e:?} in:\n{}",
            r.stderr
        );
    }
    assert!(r.stderr.trim_end().ends_with("problem(s) in the config"));

    // Any other command refuses to run on it, naming the first problem.
    let r = env.run(&["list"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr.lines().count(), 1);
    assert!(r.stderr.starts_with(&format!("tix: {f}:")), "{}", r.stderr);
    assert!(r.stderr.contains("see `tix config check`"));
}

#[test]
fn garbage_yaml_and_unknown_keys_are_located() {
    let env = with_config("queues:\n  - name: A\n    adresses: [a@b.example]\n");
    let r = env.run(&["config", "check"]);
    assert_eq!(r.code, 2);
    let f = env.config.join("tix.yaml").display().to_string();
    assert!(
        r.stderr
            .starts_with(&format!("{f}:3:5: queues[0]: unknown field `adresses`")),
        "{}",
        r.stderr
    );

    std::fs::write(env.config.join("tix.yaml"), "queues: [\n  - {name: : :\n").unwrap();
    let r = env.run(&["config", "check"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with(&format!("{f}:2:")), "{}", r.stderr);

    std::fs::write(env.config.join("tix.yaml"), "\u{0}\u{1}binary").unwrap();
    let r = env.run(&["config", "check"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.starts_with(&f), "{}", r.stderr);
}

#[test]
fn a_folder_of_files_is_merged_and_conflicts_are_named() {
    let env = Env::new();
    std::fs::write(
        env.config.join("10-queues.yaml"),
        "queues:\n  - name: A\n    addresses: [a@x.example]\n",
    )
    .unwrap();
    std::fs::write(
        env.config.join("20-agents.yml"),
        "agents:\n  - name: anna\n    email: anna@x.example\nsystem_id: 7\n",
    )
    .unwrap();
    std::fs::write(env.config.join("notes.txt"), "not yaml: [").unwrap();
    let r = env.run(&["config", "check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("ok: 2 file(s), 1 queues, 1 agents"),
        "{}",
        r.stdout
    );
    env.ingest(b"From: c@d.example\nTo: a@x.example\nSubject: s\nMessage-ID: <m@x>\n\nx\n");
    let t = &env.tickets(&[])[0];
    assert_eq!(t["queue"], "A");
    assert_eq!(&t["number"].as_str().unwrap()[8..10], "07");

    std::fs::write(env.config.join("30-more.yaml"), "system_id: 8\n").unwrap();
    let r = env.run(&["config", "check"]);
    assert_eq!(r.code, 2);
    let first = env.config.join("20-agents.yml").display().to_string();
    assert!(
        r.stderr.contains(&format!(
            "30-more.yaml:1:12: system_id is set already in {first}:4"
        )),
        "{}",
        r.stderr
    );
}

/// A misspelled key makes its file unreadable; the names it defines are
/// then missing for the others, and that is not reported as more errors.
#[test]
fn one_misspelled_key_is_one_error() {
    let env = Env::new();
    std::fs::write(
        env.config.join("10-queues.yaml"),
        "queues:\n  - name: Info\n  - nmae: Presse\n",
    )
    .unwrap();
    std::fs::write(
        env.config.join("20-rules.yaml"),
        "rules:\n  - name: Presse\n    if: { subject: Presse }\n    then: { queue: Presse }\n  - name: Info\n    if: { subject: Info }\n    then: { queue: Info }\n",
    )
    .unwrap();
    let r = env.run(&["config", "check"]);
    assert_eq!(r.code, 2);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stderr);
    assert!(
        lines[0].contains("10-queues.yaml:3:5") && lines[0].contains("nmae"),
        "{}",
        r.stderr
    );
    assert_eq!(lines[1], "tix: 1 problem(s) in the config");
    // Fixed, a name that is really not defined is named again.
    std::fs::write(
        env.config.join("10-queues.yaml"),
        "queues:\n  - name: Info\n",
    )
    .unwrap();
    let r = env.run(&["config", "check"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("queue \"Presse\" is not defined"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_named_config_that_does_not_exist_is_an_error() {
    let env = Env::new();
    let r = env.run(&["--config", "/no/such/tix.yaml", "list"]);
    assert_eq!(
        (r.code, r.stderr.trim()),
        (2, "tix: /no/such/tix.yaml: no such config file or folder")
    );
}

/// Every sample in fixtures/configs: a valid one loads, an invalid one gives
/// exactly the problems its `# expect: LINE:COLUMN: message` lines name.
#[test]
fn sample_configs_give_exactly_their_expected_problems() {
    let env = Env::new();
    let mut checked = 0;
    for kind in ["valid", "invalid"] {
        let dir = fixture(&format!("configs/{kind}"));
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let f = file.display().to_string();
            let expected: Vec<String> = text
                .lines()
                .filter_map(|l| l.strip_prefix("# expect: "))
                .map(|e| format!("{f}:{e}"))
                .collect();
            let r = env.run(&["--config", &f, "config", "check"]);
            let found: Vec<&str> = r
                .stderr
                .lines()
                .filter(|l| !l.starts_with("tix: "))
                .collect();
            assert_eq!(found, expected, "{f}");
            let code = if kind == "valid" { 0 } else { 2 };
            assert_eq!(r.code, code, "{f}: {}", r.stderr);
            assert_eq!(kind == "valid", expected.is_empty(), "{f}");
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} samples");
}
