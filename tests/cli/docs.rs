//! The checked-in man pages and completions match the command definitions.

use crate::common::*;
use std::collections::BTreeMap;
use std::path::Path;

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

#[test]
fn man_pages_and_completions_are_up_to_date() {
    let env = Env::new();
    for (what, dir) in [("man", "man"), ("completions", "completions")] {
        let out = env.path(what);
        env.ok(&["generate", what, out.to_str().unwrap()]);
        let checked_in = files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir));
        let fresh = files(&out);
        assert_eq!(
            checked_in.keys().collect::<Vec<_>>(),
            fresh.keys().collect::<Vec<_>>(),
            "{dir}/ is stale: run `cargo run -- generate {what} {dir}`"
        );
        for (name, bytes) in &fresh {
            assert!(
                checked_in[name] == *bytes,
                "{dir}/{name} is stale: run `cargo run -- generate {what} {dir}`"
            );
        }
    }
}

#[test]
fn help_names_the_exit_codes() {
    let env = Env::new();
    let help = env.ok(&["--help"]);
    assert!(help.contains("75 temporary failure"), "{help}");
}

#[test]
fn every_command_page_has_exit_status_environment_and_examples() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    let pages = files(&dir);
    let mut checked = 0;
    for (name, bytes) in &pages {
        if !name.ends_with(".1") {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        for section in [".SH \"EXIT STATUS\"", ".SH ENVIRONMENT", ".SH EXAMPLES"] {
            assert!(text.contains(section), "{name} has no {section}");
        }
        checked += 1;
    }
    assert!(checked >= 30, "{checked} pages");
    // The MTA's page says who runs it and what 75 does.
    let ingest = String::from_utf8_lossy(&pages["tix-ingest.1"]);
    assert!(ingest.contains("owner of the aliases file"), "{ingest}");
    assert!(ingest.contains("retries"), "{ingest}");
    // The query language and every config key have pages of their own.
    assert!(pages.contains_key("tix-query.7") && pages.contains_key("tix-config.5"));
}

/// Every field path of a JSON document: `a`, `a.b`, `list[].c`, `[].d`;
/// a list of objects contributes the fields of all its objects.
fn field_paths(v: &serde_json::Value, prefix: &str, out: &mut std::collections::BTreeSet<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                let path = format!("{prefix}{k}");
                out.insert(path.clone());
                match x {
                    serde_json::Value::Object(_) => field_paths(x, &format!("{path}."), out),
                    serde_json::Value::Array(items) => {
                        for i in items.iter().filter(|i| i.is_object()) {
                            field_paths(i, &format!("{path}[]."), out);
                        }
                    }
                    _ => {}
                }
            }
        }
        serde_json::Value::Array(items) => {
            for i in items.iter().filter(|i| i.is_object()) {
                field_paths(i, &format!("{prefix}[]."), out);
            }
        }
        _ => {}
    }
}

/// tix-json(7) lists exactly the fields each command prints: a field added
/// without a word there, or one documented and gone, fails here.
#[test]
fn tix_json_documents_every_field_the_commands_print() {
    let env = Env::with_config(
        "queues:\n  - name: Presse\n    addresses: [presse@verein.example]\n    auto_reply: eingang\nagents:\n  - name: anna\nsnippets:\n  - name: eingang\n    text: Danke\nsmtp:\n  host: 127.0.0.1\n  port: 9\n  tls: none\n  insecure: true\n  from: presse@verein.example\n",
    );
    let with_file = "From: Erika <erika@kunde.example>\nTo: presse@verein.example\nSubject: Hallo\nMessage-ID: <j1@kunde.example>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"X\"\n\n--X\nContent-Type: text/plain\n\nText\n--X\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"a.pdf\"\n\nPDF\n--X--\n";
    let r = env.ingest(with_file.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let n = env.numbers(&[])[0].clone();
    let other = env.mail(
        "From: max@kunde.example\nTo: presse@verein.example\nSubject: Zwei\nMessage-ID: <j2@kunde.example>",
        "Text",
    );
    env.ok_as("anna", &["link", &n, &other, "--parent"]);
    let report = "From: MAILER-DAEMON@mx.example\nTo: presse@verein.example\nSubject: Undelivered\nMessage-ID: <jd@mx.example>\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\nx\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx\n\nFinal-Recipient: rfc822; x@y.example\nAction: failed\nStatus: 5.1.1\n\n--B--\n";
    env.ingest(report.as_bytes());
    for doc in tix::render::json_reference::DOCUMENTS {
        let args: Vec<String> = doc
            .command
            .split_whitespace()
            .skip(1)
            .map(|a| if a == "T" { n.clone() } else { a.to_string() })
            .collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let printed = env.json(&args);
        let mut found = std::collections::BTreeSet::new();
        field_paths(&printed, "", &mut found);
        let documented: std::collections::BTreeSet<String> =
            tix::render::json_reference::fields_of(doc)
                .iter()
                .map(|(f, _)| f.to_string())
                .collect();
        assert_eq!(
            found, documented,
            "{}: src/render/json_reference.rs and the output disagree",
            doc.command
        );
    }
    // The CSV of a list has every field the JSON has, by the same name.
    let csv = env.ok(&["list", "--csv"]);
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    for (field, _) in tix::render::json_reference::DOCUMENTS[0].fields {
        let name = field.trim_start_matches("[].");
        assert!(
            header.contains(&name),
            "list --csv lacks {name}: {header:?}"
        );
    }
    let first: Vec<&str> = header[..8].to_vec();
    assert_eq!(
        first,
        ["number", "created", "from", "subject", "state", "queue", "owner", "priority"],
        "the columns scripts read by position stay where they were"
    );
}
