//! bounce-report: detection measured on real bounces, and the command.

use crate::common::*;
use std::collections::HashMap;

static WELL_FORMED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r#"^("[^"\r\n]+"|[^\s<>()\[\]@,;:"'\\][^\s<>()\[\]@,;:"\\]*)@[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$"#)
        .unwrap()
});

/// Runs detection over every message of the sisimai corpus, prints how far
/// tix agrees with the expected results, and holds floors that only go up.
#[test]
fn agreement_with_the_real_bounce_corpus() {
    let dir = corpora().join("sisimai");
    let env = Env::new();
    let got = env.bounces_per_message(&dir.join("messages"));
    // A file starting with an mbox line is read as an mbox, one report per
    // message (`…/x.eml#1`, `#2`); the corpus lists the recipients of all
    // of a file's messages together, in order.
    let mut by_file: HashMap<String, Vec<&serde_json::Value>> = HashMap::new();
    for g in &got {
        let source = g["source"].as_str().unwrap();
        let file = source.rsplit('/').next().unwrap();
        let name = file.split_once('#').map_or(file, |(f, _)| f).to_string();
        by_file.entry(name).or_default().push(g);
    }
    let expected = std::fs::read_to_string(dir.join("expected.jsonl")).unwrap();
    let (mut messages, mut bounce, mut count) = (0, 0, 0);
    let (mut recipients, mut status, mut hard, mut reason) = (0, 0, 0, 0);
    for line in expected.lines() {
        let e: serde_json::Value = serde_json::from_str(line).unwrap();
        let name = e["file"].as_str().unwrap().rsplit('/').next().unwrap();
        let reports = &by_file[name];
        let want = e["recipients"].as_array().unwrap();
        let have: Vec<&serde_json::Value> = reports
            .iter()
            .flat_map(|g| g["recipients"].as_array().unwrap())
            .collect();
        messages += 1;
        // Detected: tix reports recipients where the corpus expects some
        // (failures, delays, and the feedback reports, auto-replies and
        // delivery notices it also names).
        bounce += usize::from(have.is_empty() == want.is_empty());
        // A bounce (a failure or a delay) only where some recipient failed
        // or waits; the others say what they are.
        let not_failures = ["feedback", "vacation", "delivered"];
        let only_reports = !want.is_empty()
            && want
                .iter()
                .all(|w| not_failures.contains(&w["reason"].as_str().unwrap_or("")));
        if only_reports && !have.is_empty() {
            for g in reports {
                assert_eq!(g["bounce"], false, "{name}: {g}");
                assert!(
                    ["feedback", "auto-reply", "delivered"].contains(&g["kind"].as_str().unwrap()),
                    "{name}: {g}"
                );
            }
        }
        count += usize::from(want.len() == have.len());
        // TIX_BOUNCE_MISMATCHES=1 cargo test agreement -- --nocapture lists
        // every disagreement: what to work on next.
        let list = std::env::var_os("TIX_BOUNCE_MISMATCHES").is_some();
        if list && want.len() != have.len() {
            println!(
                "count  {name}: expected {}, found {}",
                want.len(),
                have.len()
            );
        }
        // Not one malformed address: a local part (perhaps quoted) and a
        // folded domain of labels, nothing around them.
        for h in &have {
            let a = h["address"].as_str().unwrap();
            assert!(a.is_empty() || WELL_FORMED.is_match(a), "{name}: {a:?}");
        }
        for (i, w) in want.iter().enumerate() {
            recipients += 1;
            let Some(h) = have.get(i) else { continue };
            status += usize::from(w["status"] == h["status"]);
            hard += usize::from(w["hard"] == h["hard"]);
            reason += usize::from(w["reason"] == h["reason"]);
            if list && w["hard"] != h["hard"] {
                println!(
                    "hard   {name}: expected {} ({}), found {} ({})",
                    w["hard"], w["reason"], h["hard"], h["reason"]
                );
            }
            if list && (w["reason"] != h["reason"] || w["status"] != h["status"]) {
                println!(
                    "reason {name}: expected {} {}, found {} {}: {}",
                    w["reason"], w["status"], h["reason"], h["status"], h["diagnostic"]
                );
            }
        }
    }
    let rate = |n: usize, of: usize| n as f64 / of as f64;
    let rates = [
        // Lowered once, on purpose: three "recipients" the corpus expects are
        // not addresses (a pipe, a source route, a bare domain) and are no
        // longer reported, and a 4.1.1 (temporary) is no longer hard.
        // One disagreement stays on purpose: not-rb-issue-368-bug.eml holds
        // a "reject reason: Mailbox full" notice, which tix reports (soft)
        // and the corpus lists as no bounce.
        ("detected yes/no", rate(bounce, messages), 0.997),
        ("recipient count", rate(count, messages), 0.995),
        ("status", rate(status, recipients), 0.980),
        ("hard/soft", rate(hard, recipients), 0.980),
        // And once more (93.7 → 93.5): two returns whose recipient failed with
        // a 4.x.x status (rfc3464-43, lhost-receivingses-03) are labelled
        // "onhold" here, but that is what an MTA returns when the queue
        // lifetime ends; Postfix itself shows it (tests/cli/mta.rs), so tix
        // calls them expired.
        ("reason", rate(reason, recipients), 0.957),
    ];
    println!("agreement with {messages} messages, {recipients} recipients:");
    for (what, r, _) in &rates {
        println!("  {what:16} {:5.1}%", r * 100.0);
    }
    for (what, r, floor) in rates {
        assert!(
            r >= floor,
            "{what}: {:.1}% fell below the floor of {:.1}%",
            r * 100.0,
            floor * 100.0
        );
    }
}

/// Copies a few corpus bounces into a Maildir for the store tests.
fn bounce_maildir(env: &Env, names: &[&str]) -> std::path::PathBuf {
    let dir = corpora().join("sisimai/messages");
    let files: Vec<(String, Vec<u8>)> = names
        .iter()
        .map(|n| (n.to_string(), std::fs::read(dir.join(n)).unwrap()))
        .collect();
    let refs: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    env.maildir("bounces", &refs)
}

#[test]
fn reports_never_list_feedback_auto_replies_or_deliveries_as_failed() {
    let env = Env::new();
    let dir = corpora().join("sisimai/messages");
    let expected = std::fs::read_to_string(corpora().join("sisimai/expected.jsonl")).unwrap();
    let mut paths = Vec::new();
    for line in expected.lines() {
        let e: serde_json::Value = serde_json::from_str(line).unwrap();
        let reasons: Vec<&str> = e["recipients"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["reason"].as_str().unwrap())
            .collect();
        if !reasons.is_empty()
            && reasons
                .iter()
                .all(|r| ["feedback", "vacation", "delivered"].contains(r))
        {
            paths.push(dir.join(e["file"].as_str().unwrap().rsplit('/').next().unwrap()));
        }
    }
    assert!(paths.len() >= 15, "{}", paths.len());
    let mut args = vec!["bounce-report", "--format", "addresses", "--soft", "--path"];
    let strs: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    args.extend(strs.iter().map(String::as_str));
    assert_eq!(env.ok(&args), "");
}

#[test]
fn a_postfix_bounce_names_the_original_recipient() {
    let env = Env::new();
    let path = fixture("mail/bounces/lhost-postfix-01.eml");
    let v = env.bounces_per_message(&path);
    let r = &v[0]["recipients"][0];
    assert_eq!(v[0]["bounce"], true);
    assert_eq!(
        (
            r["status"].as_str(),
            r["reason"].as_str(),
            r["hard"].as_bool()
        ),
        (Some("5.1.1"), Some("mailererror"), Some(false))
    );
    // This return comes from a local delivery program (procmail failing to
    // create the mailbox): there was no SMTP reply, and the program's
    // failure is the receiving system's trouble, not proof of a bad address.
    assert_eq!(r["reply_code"], "");
    // The bounce's own To is the sender, not the failed address.
    let raw = std::fs::read_to_string(&path).unwrap();
    let to = raw.lines().find(|l| l.starts_with("To:")).unwrap();
    assert!(!to.contains(r["address"].as_str().unwrap()), "{to}");
}

#[test]
fn from_tickets_aggregated_per_address_in_every_format() {
    let env = Env::with_fixture_config();
    let names = [
        "lhost-postfix-01.eml",
        "lhost-postfix-02.eml",
        "lhost-qmail-01.eml",
        "lhost-exim-01.eml",
        "lhost-gmail-01.eml",
    ];
    let md = bounce_maildir(&env, &names);
    env.ok(&["fetch", "--maildir", md.to_str().unwrap()]);
    let rows = env.json(&["bounce-report", "@bounces"]);
    let rows = rows.as_array().unwrap();
    assert!(rows.len() >= 4, "{rows:?}");
    for r in rows {
        assert!(r["address"].as_str().unwrap().contains('@'));
        assert_eq!(r["count"], 1);
        assert_eq!(r["tickets"].as_array().unwrap().len(), 1);
    }
    let csv = env.ok(&["bounce-report", "@bounces", "--format", "csv"]);
    assert!(
        csv.starts_with("address,hard,reason,status,count,delays,first_seen,last_seen,tickets,final_recipient\n"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), rows.len() + 1);
    let hard: Vec<&str> = rows
        .iter()
        .filter(|r| r["hard"] == true)
        .map(|r| r["address"].as_str().unwrap())
        .collect();
    let addresses = env.ok(&["bounce-report", "@bounces", "--format", "addresses"]);
    assert_eq!(addresses.lines().collect::<Vec<_>>(), hard);
    let all = env.ok(&[
        "bounce-report",
        "@bounces",
        "--format",
        "addresses",
        "--soft",
    ]);
    assert_eq!(all.lines().count(), rows.len());
    let table = env.ok(&["bounce-report", "@bounces"]);
    assert!(table.lines().next().unwrap().contains("Address"), "{table}");
    // The same bounce twice counts twice; --min-count keeps repeat offenders.
    let again = std::fs::read(corpora().join("sisimai/messages/lhost-postfix-01.eml")).unwrap();
    let mut changed = String::from_utf8(again).unwrap();
    changed = changed
        .replacen("Message-Id:", "X-Old-Message-Id:", 1)
        .replacen("Date:", "X-Old-Date:", 1);
    env.ingest(
        format!("Message-Id: <second-bounce@x>\nDate: Tue, 3 Nov 2026 10:00:00 +0000\n{changed}")
            .as_bytes(),
    );
    let twice = env.json(&["bounce-report", "@bounces", "--min-count", "2"]);
    assert_eq!(twice.as_array().unwrap().len(), 1, "{twice}");
    assert_eq!(twice[0]["count"], 2);
    assert_eq!(twice[0]["tickets"].as_array().unwrap().len(), 2);
    let since = env.json(&["bounce-report", "@bounces", "--since", "2026-11-01"]);
    assert_eq!(
        since.as_array().unwrap().len(),
        1,
        "only the re-dated bounce is this recent: {since}"
    );
}

#[test]
fn the_cleanup_in_one_step_with_dry_run() {
    let env = Env::with_fixture_queues();
    let names = [
        "lhost-postfix-01.eml",
        "lhost-qmail-01.eml",
        "lhost-exim-01.eml",
    ];
    let md = bounce_maildir(&env, &names);
    env.ok(&["fetch", "--maildir", md.to_str().unwrap()]);
    let before = env.json(&["list", "--all"]);
    assert_eq!(before.as_array().unwrap().len(), 3);
    let args = [
        "--as",
        "schatz",
        "bounce-report",
        "from:MAILER-DAEMON",
        "--format",
        "addresses",
        "--merge-oldest",
        "--move-to",
        "LV::Mitgliederdaten",
        "--close",
    ];
    let mut dry = args.to_vec();
    dry.push("--dry-run");
    let out = env.ok(&dry);
    assert!(out.contains("would change"), "{out}");
    assert!(out.contains("dry run: nothing changed"), "{out}");
    assert_eq!(env.json(&["list", "--all"]), before);
    // Without --soft only the hard bounces' tickets are closed: an address
    // that soft-bounced may work again, its ticket stays open.
    env.ok(&args);
    let states: Vec<String> = env
        .json(&["list", "--all"])
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["state"].as_str().unwrap().to_string())
        .collect();
    let hard_tickets = env
        .json(&["bounce-report", "from:MAILER-DAEMON"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["hard"] == true)
        .flat_map(|r| r["tickets"].as_array().unwrap().clone())
        .collect::<std::collections::HashSet<_>>()
        .len();
    assert!((1..3).contains(&hard_tickets), "{hard_tickets}");
    assert_eq!(
        states.iter().filter(|s| *s == "new").count(),
        3 - hard_tickets,
        "{states:?}"
    );
    let merged_by_the_first = states.iter().filter(|s| *s == "merged").count();
    let mut soft = args.to_vec();
    soft.push("--soft");
    env.ok(&soft);
    // The second run acts on what is still open (as tix list shows it):
    // the soft bounce's ticket, moved and closed; the tickets the first
    // run closed keep their state and are not merged again.
    let after = env.json(&["list", "--all"]);
    let tickets = after.as_array().unwrap();
    let merged = tickets.iter().filter(|t| t["state"] == "merged").count();
    // The open ones merged among themselves, into the oldest of them.
    let still_open = 3 - hard_tickets;
    assert_eq!(
        merged,
        merged_by_the_first + still_open.saturating_sub(1),
        "{after}"
    );
    for t in tickets.iter().filter(|t| t["state"] != "merged") {
        assert_eq!(t["queue"], "LV::Mitgliederdaten", "{t}");
        assert_eq!(t["state"], "closed successful", "{t}");
    }
    let articles: usize = tickets
        .iter()
        .filter(|t| t["state"] != "merged")
        .map(|t| {
            env.show(t["number"].as_str().unwrap())["articles"]
                .as_array()
                .unwrap()
                .len()
        })
        .sum();
    assert_eq!(articles, 3, "every report kept on a ticket");
    let r = env.run(&["bounce-report", "--path", md.to_str().unwrap(), "--close"]);
    assert_eq!(r.code, 2);
}

#[test]
fn mbox_and_maildir_sources_need_no_store() {
    let env = Env::without_store();
    let md = bounce_maildir(&env, &["lhost-postfix-01.eml", "lhost-qmail-01.eml"]);
    let out = env.ok(&[
        "bounce-report",
        "--path",
        md.to_str().unwrap(),
        "--format",
        "addresses",
        "--soft",
    ]);
    assert_eq!(out.lines().count(), 2, "{out}");
    let mbox = fixture("mail/sample.mbox");
    let out = env.ok(&[
        "bounce-report",
        "--path",
        mbox.to_str().unwrap(),
        "--per-message",
    ]);
    let v: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(v.len(), 8);
    assert_eq!(v.iter().filter(|m| m["bounce"] == true).count(), 1, "{out}");
    assert!(!env.db.exists());
}

/// A large mbox is read on every core, and each message is still reported
/// in its place with its own findings.
#[test]
fn a_large_mbox_is_reported_in_order() {
    let env = Env::without_store();
    let dir = corpora().join("sisimai/messages");
    let names = [
        "lhost-postfix-01.eml",
        "lhost-qmail-01.eml",
        "rfc3834-01.eml",
    ];
    let mut mbox = Vec::new();
    let mut expected = Vec::new();
    for i in 0..300 {
        let name = names[i % names.len()];
        let raw = std::fs::read(dir.join(name)).unwrap();
        let body = if raw.starts_with(b"From ") {
            &raw[raw.iter().position(|&b| b == b'\n').unwrap() + 1..]
        } else {
            &raw[..]
        };
        mbox.extend_from_slice(b"From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n");
        mbox.extend_from_slice(body);
        mbox.extend_from_slice(b"\n");
        expected.push(name);
    }
    let path = env.dir.path().join("returns.mbox");
    std::fs::write(&path, &mbox).unwrap();
    let alone: std::collections::HashMap<&str, serde_json::Value> = names
        .iter()
        .map(|n| {
            let v = env.bounces_per_message(&dir.join(n));
            (*n, v[0]["recipients"].clone())
        })
        .collect();
    let v = env.bounces_per_message(&path);
    assert_eq!(v.len(), 300);
    for (i, (m, name)) in v.iter().zip(&expected).enumerate() {
        assert!(
            m["source"]
                .as_str()
                .unwrap()
                .ends_with(&format!("#{}", i + 1)),
            "{m}"
        );
        assert_eq!(m["recipients"], alone[name], "message {} ({name})", i + 1);
    }
}

/// Per-message JSON for corpus files: (address, status, reply_code, reason).
fn per_message(env: &Env, names: &[&str]) -> Vec<(String, String, String, String)> {
    let dir = corpora().join("sisimai/messages");
    let paths: Vec<String> = names
        .iter()
        .map(|n| dir.join(n).display().to_string())
        .collect();
    let mut args = vec!["bounce-report", "--per-message", "--path"];
    args.extend(paths.iter().map(String::as_str));
    let v: serde_json::Value = serde_json::from_str(&env.ok(&args)).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["recipients"].as_array().unwrap().clone())
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap().to_string();
            (s("address"), s("status"), s("reply_code"), s("reason"))
        })
        .collect()
}

/// (status, reply_code, reason) of each recipient found by [`per_message`].
fn codes(found: &[(String, String, String, String)]) -> Vec<(&str, &str, &str)> {
    found
        .iter()
        .map(|(_, status, reply, reason)| (status.as_str(), reply.as_str(), reason.as_str()))
        .collect()
}

#[test]
fn notices_read_whole_wherever_the_report_hides() {
    let env = Env::new();
    let found = per_message(
        &env,
        &[
            // A gateway's cover note with the real report attached.
            "lhost-x5-01.eml",
            // A notice from an ordinary-looking address, no subject.
            "lhost-kddi-02.eml",
            // The cause is on the fourth line of a multi-line reply.
            "lhost-exim-39.eml",
            // "Size (in bytes): 222" in the message details is no reply code.
            "lhost-verizon-02.eml",
        ],
    );
    let got = codes(&found);
    assert_eq!(
        got,
        [
            ("5.1.1", "550", "userunknown"),
            ("5.0.922", "", "mailboxfull"),
            ("5.0.973", "550", "requireptr"),
            ("5.0.911", "550", "userunknown"),
        ]
    );
    assert_eq!(found[0].0, "kijitora@neko.example.org");
    assert_eq!(found[1].0, "kijitora@00000000000000.dion.ne.jp");
}

#[test]
fn a_sendmail_transcript_gives_each_recipient_its_own_answer() {
    let env = Env::new();
    let found = per_message(
        &env,
        &["lhost-v5sendmail-05.eml", "lhost-v5sendmail-06.eml"],
    );
    let got: Vec<(&str, &str)> = found
        .iter()
        .map(|(address, _, _, reason)| (address.as_str(), reason.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            // "…Remote protocol error: Connection reset by peer …": the line
            // says "by" and is still a recipient's.
            ("kijitora@example.edu", "blocked"),
            // The host lines between the summaries belong to nobody.
            ("kuroneko@example.or.jp", "hostunknown"),
            ("kijitora@example.org", "hostunknown"),
            // The next session's transcript is the next recipient's.
            ("mikeneko@example.co.jp", "userunknown"),
            // A bare "Remote protocol error": the server's answer above says why.
            ("kijitora@example.edu", "norelaying"),
        ]
    );
}

#[test]
fn pasted_terse_and_expired_reports_say_what_their_notice_says() {
    let env = Env::new();
    let found = per_message(
        &env,
        &[
            // A provider's note with the real report pasted below it.
            "lhost-postfix-49.eml",
            // "Diagnostic-Code: X-Unix; 255": an exit status, spelled out in
            // the notice as "554 5.3.0 unknown mailer error 255".
            "lhost-sendmail-18.eml",
            // Expired (4.4.7); the notice names the last attempt's 4.4.1.
            "lhost-exchange2007-05.eml",
            // "ERROR_CODE :421, ERROR_CODE :, Host not reachable".
            "lhost-zoho-05.eml",
            // A report whose MIME boundary never appears: its Status field is
            // read as text; Sendmail's local mailer found no such user.
            "rfc3464-06.eml",
        ],
    );
    let got = codes(&found);
    assert_eq!(
        got,
        [
            ("4.0.0", "421", "blocked"),
            ("5.3.0", "554", "mailererror"),
            ("4.4.1", "550", "expired"),
            ("4.0.947", "421", "expired"),
            ("5.5.0", "554", "userunknown"),
        ]
    );
    // Sent to an alias that forwarded it: the address as sent is the one
    // on the member list; where it went is given beside it.
    assert_eq!(found[0].0, "toraneko@neko.example.co.jp");
    let path = corpora().join("sisimai/messages/lhost-postfix-49.eml");
    let v = env.json(&[
        "bounce-report",
        "--per-message",
        "--path",
        path.to_str().unwrap(),
    ]);
    assert_eq!(
        v[0]["recipients"][0]["final_recipient"],
        "kijitora-neko-nyaan@ntt.example.ne.jp"
    );
}

#[test]
fn a_status_comment_stands_in_for_a_missing_diagnostic() {
    let env = Env::new();
    let found = per_message(&env, &["rfc3464-35.eml"]);
    // "Status: 4.0.0 (cat.example.net: host name lookup failure)", no
    // Diagnostic-Code: the comment says why.
    let delayed = found
        .iter()
        .find(|r| r.0 == "sabatora@cat.example.net")
        .unwrap();
    assert_eq!(
        (delayed.1.as_str(), delayed.3.as_str()),
        ("4.0.0", "networkerror")
    );
}

#[test]
fn a_folder_is_read_with_the_folders_and_maildirs_within_it() {
    let env = Env::new();
    let corpus = corpora().join("sisimai/messages");
    let read = |n: &str| std::fs::read(corpus.join(n)).unwrap();
    std::fs::create_dir_all(env.path("archive/2025/march")).unwrap();
    std::fs::write(env.path("archive/top.eml"), read("lhost-exim-39.eml")).unwrap();
    std::fs::write(
        env.path("archive/2025/march/a.eml"),
        read("lhost-kddi-02.eml"),
    )
    .unwrap();
    env.maildir("archive/2026", &[("1.eml", read("lhost-x5-01.eml"))]);
    let archive = env.path("archive");
    let v = serde_json::Value::from(env.bounces_per_message(&archive));
    let found: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["recipients"][0]["address"].as_str().unwrap())
        .collect();
    // Name order: 2025/march/a.eml, the 2026 Maildir, top.eml.
    assert_eq!(
        found,
        [
            "kijitora@00000000000000.dion.ne.jp",
            "kijitora@neko.example.org",
            "kijitora@example.net"
        ]
    );
}

/// A delivery status notification as Postfix writes it.
fn dsn(to: &str, action: &str, status: &str, diagnostic: &str, date: &str, id: &str) -> Vec<u8> {
    let subject = if action == "delayed" {
        "Delayed Mail (still being retried)"
    } else {
        "Undelivered Mail Returned to Sender"
    };
    format!(
        "From: MAILER-DAEMON@mx.verein.test (Mail Delivery System)\nTo: kasse@verein.test\nSubject: {subject}\nDate: {date}\nMessage-ID: <{id}@mx.verein.test>\nAuto-Submitted: auto-replied\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\nThis is the mail system at host mx.verein.test.\n\n<{to}>: {diagnostic}\n\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.verein.test\n\nFinal-Recipient: rfc822; {to}\nOriginal-Recipient: rfc822;{to}\nAction: {action}\nStatus: {status}\nDiagnostic-Code: smtp; {diagnostic}\n\n--B\nContent-Type: text/rfc822-headers\n\nFrom: kasse@verein.test\nTo: {to}\nSubject: Beitrag 2027\n\n--B--\n"
    )
    .into_bytes()
}

#[test]
fn a_delay_is_not_a_failure_and_a_temporary_answer_is_never_hard() {
    let env = Env::new();
    let delayed = dsn(
        "Mitglied@verein.test",
        "delayed",
        "4.4.1",
        "connect to mx.verein.test[192.0.2.1]:25: Connection timed out",
        "Mon, 2 Nov 2026 10:00:00 +0100",
        "d1",
    );
    let expired = dsn(
        "Mitglied@verein.test",
        "failed",
        "4.4.1",
        "delivery temporarily suspended: connect to mx.verein.test[192.0.2.1]:25: Connection timed out",
        "Fri, 6 Nov 2026 10:00:00 +0100",
        "d2",
    );
    let dns_down = dsn(
        "vorstand@verein.test",
        "failed",
        "4.4.3",
        "Host or domain name not found. Name service error for name=verein.test type=MX: Host not found, try again",
        "Fri, 6 Nov 2026 11:00:00 +0100",
        "d3",
    );
    let unknown = dsn(
        "Kassenpruefer@Verein.TEST",
        "failed",
        "5.1.1",
        "host mx.verein.test[192.0.2.1] said: 550 5.1.1 <Kassenpruefer@verein.test>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)",
        "Fri, 6 Nov 2026 12:00:00 +0100",
        "d4",
    );
    let md = env.maildir(
        "bounces",
        &[
            ("1", delayed.clone()),
            ("2", expired),
            ("3", dns_down),
            ("4", unknown),
        ],
    );
    let md = md.to_str().unwrap();
    let per_message = env.json(&["bounce-report", "--per-message", "--path", md]);
    let kinds: Vec<(&str, bool)> = per_message
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["kind"].as_str().unwrap(), m["bounce"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("delay", true),
            ("failure", true),
            ("failure", true),
            ("failure", true)
        ]
    );
    let first = &per_message[0]["recipients"][0];
    assert_eq!(
        (first["delayed"].as_bool(), first["hard"].as_bool()),
        (Some(true), Some(false))
    );
    // Only the permanent "user unknown" is hard; the local part is kept as
    // the report wrote it, the domain folded.
    let hard = env.ok(&["bounce-report", "--path", md, "--format", "addresses"]);
    assert_eq!(hard, "Kassenpruefer@verein.test\n");
    // With --soft: the expired and the DNS failure too, each once.
    let soft = env.ok(&[
        "bounce-report",
        "--path",
        md,
        "--format",
        "addresses",
        "--soft",
    ]);
    assert_eq!(
        soft.lines().collect::<Vec<_>>(),
        [
            "Kassenpruefer@verein.test",
            "Mitglied@verein.test",
            "vorstand@verein.test"
        ]
    );
    let rows = env.json(&["bounce-report", "--path", md]);
    let row = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["address"] == "Mitglied@verein.test")
        .unwrap();
    assert_eq!(
        (row["count"].as_u64(), row["delays"].as_u64()),
        (Some(1), Some(1)),
        "{row}"
    );
    assert_eq!(row["hard"], false);
    // A delay alone is listed by its delays, never as an address to remove.
    let only_delay = env.maildir("delay", &[("1", delayed)]);
    let only_delay = only_delay.to_str().unwrap();
    let rows = env.json(&["bounce-report", "--path", only_delay]);
    assert_eq!(
        (rows[0]["count"].as_u64(), rows[0]["delays"].as_u64()),
        (Some(0), Some(1))
    );
    let listed = env.ok(&[
        "bounce-report",
        "--path",
        only_delay,
        "--format",
        "addresses",
        "--soft",
    ]);
    assert_eq!(listed, "");
}

#[test]
fn printed_addresses_are_real_ones_from_the_report_in_one_row_whatever_their_case() {
    let env = Env::new();
    let exchange = dsn(
        "smtp=Anna.Berg@example.org",
        "failed",
        "5.1.10",
        "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
        "Mon, 2 Nov 2026 10:00:00 +0100",
        "x1",
    );
    let again = dsn(
        "anna.berg@EXAMPLE.org",
        "failed",
        "5.1.1",
        "550 5.1.1 user unknown",
        "Tue, 3 Nov 2026 10:00:00 +0100",
        "x2",
    );
    let md = env.maildir("bounces", &[("1", exchange), ("2", again)]);
    let rows = env.json(&["bounce-report", "--path", md.to_str().unwrap()]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["address"], "Anna.Berg@example.org");
    assert_eq!(rows[0]["count"], 2);
}

#[test]
fn a_file_starting_like_an_mbox_is_read_the_same_alone_and_in_a_folder() {
    let env = Env::new();
    let dir = env.path("archive");
    std::fs::create_dir_all(&dir).unwrap();
    let mut mbox = Vec::new();
    for (i, to) in ["eins@verein.test", "zwei@verein.test"].iter().enumerate() {
        mbox.extend(b"From MAILER-DAEMON Mon Nov  2 10:00:00 2026\n");
        mbox.extend(dsn(
            to,
            "failed",
            "5.1.1",
            "550 5.1.1 user unknown",
            "Mon, 2 Nov 2026 10:00:00 +0100",
            &format!("m{i}"),
        ));
        mbox.extend(b"\n");
    }
    let file = dir.join("2026.mbox");
    std::fs::write(&file, &mbox).unwrap();
    let alone = env.ok(&[
        "bounce-report",
        "--path",
        file.to_str().unwrap(),
        "--format",
        "addresses",
    ]);
    let in_folder = env.ok(&[
        "bounce-report",
        "--path",
        dir.to_str().unwrap(),
        "--format",
        "addresses",
    ]);
    assert_eq!(alone, "eins@verein.test\nzwei@verein.test\n");
    assert_eq!(in_folder, alone);
}

/// One report naming thousands of recipients (a list's whole send
/// refused): every address reported once, as written (the speed is in
/// BENCHMARKS.md).
#[test]
fn a_report_naming_thousands_of_recipients_lists_each_once() {
    let env = Env::new();
    let blocks: String = (0..3000)
        .map(|i| format!("Final-Recipient: rfc822; Mitglied{i}@example.org\nAction: failed\nStatus: 5.1.1\n\n"))
        .collect();
    let report = format!("From: MAILER-DAEMON@mx.example\nTo: info@verein.example\nSubject: Undelivered Mail\nMessage-ID: <big@mx.example>\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\nNot delivered.\n\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example\n\n{blocks}--B--\n");
    let file = env.path("big.eml");
    std::fs::write(&file, report).unwrap();
    let out = env.ok(&[
        "bounce-report",
        "--format",
        "csv",
        "--path",
        file.to_str().unwrap(),
    ]);
    let mut addresses: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(addresses.len(), 3000);
    addresses.sort();
    addresses.dedup();
    assert_eq!(addresses.len(), 3000);
    assert!(
        addresses.contains(&"Mitglied2999@example.org"),
        "{:?}",
        &addresses[..3]
    );
}

/// Families of reports seen in collections tix has not been tuned on,
/// written after each system's documented format: the failed recipient,
/// its reason and hard/soft.
#[test]
fn report_families_read_right() {
    let env = Env::new();
    let got = env.bounces_per_message(&fixture("mail/bounces/families"));
    let mut found: Vec<(String, String, String, bool)> = got
        .iter()
        .flat_map(|m| {
            let file = m["source"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string();
            m["recipients"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |r| {
                    (
                        file.clone(),
                        r["address"].as_str().unwrap().to_string(),
                        r["reason"].as_str().unwrap().to_string(),
                        r["hard"].as_bool().unwrap(),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    found.sort();
    let want = [
        // sendmail's ">>> addr (Undelivered): 551 …": that address, not the To: of the original.
        ("arrows.eml", "ines@kunde.example", "userunknown", true),
        // No stage named: an unknown user may have been refused after the
        // data (a filter), the convention of the shared corpus; soft.
        ("badrcpt.eml", "emil@kunde.example", "filtered", false),
        (
            "domain-not-found.eml",
            "u18@kunde.example",
            "hostunknown",
            true,
        ),
        // Addresses to ask for help ("contact …", "write to …") are no recipients.
        (
            "helptext-contact.eml",
            "sven@kunde.example",
            "userunknown",
            true,
        ),
        // The postmaster address in the help text is no recipient.
        ("helptext.eml", "jan@kunde.example", "userunknown", true),
        (
            "html-domino.eml",
            "max@partner.example",
            "userunknown",
            true,
        ),
        (
            "html-exchange.eml",
            "lena@kunde.example",
            "userunknown",
            true,
        ),
        ("nomailbox.eml", "dora@kunde.example", "userunknown", true),
        // 5.7.17's registered meaning yields to the words beside it.
        (
            "nomailboxhere.eml",
            "fritz@kunde.example",
            "userunknown",
            true,
        ),
        ("nospace.eml", "gerd@kunde.example", "mailboxfull", false),
        ("nospace.eml", "hanna@kunde.example", "mailboxfull", false),
        // Office 365: the code only in the prose.
        (
            "o365-prose.eml",
            "anna.mueller@kunde.example",
            "userunknown",
            true,
        ),
        (
            "qmail-bad-rcpt.eml",
            "cora@kunde.example",
            "userunknown",
            true,
        ),
        // Postfix lost the recipient's record: its template words say
        // nothing of why, so no reason is made up.
        (
            "postfix-no-report.eml",
            "rita@kunde.example",
            "undefined",
            false,
        ),
        // A temporary DNS failure given up on: the host, but not hard.
        (
            "qmail-nohost.eml",
            "bert@nirgends-domain.example",
            "hostunknown",
            false,
        ),
        // The code was about the sender: the recipient is not unknown.
        ("senderdenied.eml", "karl@kunde.example", "rejected", false),
        // "Sender denied" beside a recipient's code (5.1.1): still the sender.
        (
            "senderdenied-511.eml",
            "paul@kunde.example",
            "rejected",
            false,
        ),
        // The notice says nothing; its Subject names the recipient and why.
        (
            "subject-domino.eml",
            "otto@partner.example",
            "userunknown",
            true,
        ),
    ];
    let mut want: Vec<(String, String, String, bool)> = want
        .iter()
        .map(|(f, a, r, h)| (f.to_string(), a.to_string(), r.to_string(), *h))
        .collect();
    want.sort();
    assert_eq!(found, want);
}
