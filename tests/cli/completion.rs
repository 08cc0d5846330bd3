//! Completion answered by the binary (`COMPLETE=fish tix -- tix …`): values
//! from the config and open tickets from the store, per position.

use crate::common::*;

const CONFIG: &str = "queues:
  - name: LV
  - name: Presse
    parent: LV
agents:
  - { name: anna, full_name: Anna Adler }
statuses:
  - { name: new, type: new }
  - { name: open, type: open }
  - { name: closed successful, type: closed }
  - { name: merged, type: merged }
  - { name: deleted, type: removed }
snippets:
  - { name: eingang, text: Danke }
searches:
  bounces: \"from:MAILER-DAEMON\"
accounts:
  - { name: info, host: imap.example.org, user: info@example.org, password_env: X }
";

/// The candidates the binary offers for the last word of `line`, each
/// with its description where it has one.
fn complete(env: &Env, line: &[&str]) -> Vec<String> {
    let out = env
        .cmd()
        .env("COMPLETE", "fish")
        .arg("--")
        .args(line)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn values_come_from_the_config_and_tickets_from_the_store() {
    let env = Env::with_config(CONFIG);
    env.ingest(b"From: a@x.example\nSubject: Infostand am Samstag\nMessage-ID: <c1@x>\n\nText\n");
    let n = env.numbers(&[]).remove(0);
    assert_eq!(
        complete(&env, &["tix", "list", "--queue", ""]),
        ["LV", "LV::Presse"]
    );
    assert_eq!(
        complete(&env, &["tix", "list", "--state", "clo"]),
        ["closed-successful\tclosed"]
    );
    assert_eq!(
        complete(&env, &["tix", "list", "--owner", ""]),
        ["anna\tAnna Adler"]
    );
    assert_eq!(
        complete(&env, &["tix", "reply", &n, "--snippet", ""]),
        ["eingang\tan answer"]
    );
    assert_eq!(
        complete(&env, &["tix", "fetch", "in"]),
        ["info\timap.example.org"]
    );
    assert_eq!(
        complete(&env, &["tix", "list", "@"]),
        ["@bounces\tfrom:MAILER-DAEMON"]
    );
    // A ticket position: open tickets with their titles; after tickets, the value.
    assert_eq!(
        complete(&env, &["tix", "show", "2"]),
        [format!("{n}\tInfostand am Samstag")]
    );
    let moved = complete(&env, &["tix", "move", &n, ""]);
    assert!(moved.contains(&"LV::Presse".to_string()), "{moved:?}");
    assert!(moved.iter().any(|c| c.starts_with(&n)), "{moved:?}");
    let assigned = complete(&env, &["tix", "assign", &n, "an"]);
    assert_eq!(assigned, ["anna\tAnna Adler"]);
    // Completion reads the store without changing it.
    assert_eq!(env.numbers(&[]), [n]);
}

#[test]
fn the_shell_hook_calls_the_binary() {
    let env = Env::new();
    let out = env.cmd().env("COMPLETE", "bash").output().unwrap();
    let script = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(
        script.contains("COMPLETE=") && script.contains("tix"),
        "{script}"
    );
}

/// A configured name with characters the shell reads (a glob, a space, an
/// ampersand) is offered escaped, so accepting it gives that name; a name
/// with a control character is refused by the config check.
#[test]
fn names_are_offered_as_the_shell_must_be_given_them() {
    let env = Env::with_config(
        "queues:\n  - name: \"*\"\n  - name: \"Presse & Medien\"\nagents:\n  - { name: anna }\n",
    );
    // Fish and zsh quote what they insert; bash inserts it as it is.
    assert_eq!(
        complete(&env, &["tix", "list", "--queue", ""]),
        ["*", "Presse & Medien"]
    );
    let out = env
        .cmd()
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "3")
        .args(["--", "tix", "list", "--queue", ""])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .collect::<Vec<_>>(),
        ["\\*", "Presse\\ \\&\\ Medien"]
    );
    for bad in ["\"Presse\\vMedien\"", "\"Presse\\nMedien\"", "\"a\\tb\""] {
        let env = Env::with_config(&format!("queues:\n  - name: {bad}\n"));
        let r = env.run(&["config", "check"]);
        assert_eq!(r.code, 2, "{bad}: {}", r.stderr);
        assert!(r.stderr.contains("has a control character"), "{}", r.stderr);
    }
}
