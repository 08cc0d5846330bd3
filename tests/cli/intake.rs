//! Messages in, tickets out: threading, follow-ups, routing, de-duplication.

use crate::common::*;

fn thread_maildir(env: &Env) -> std::path::PathBuf {
    env.maildir(
        "thread",
        &[
            ("1", read("mail/thread-1.eml")),
            ("2", read("mail/thread-2.eml")),
            ("3", read("mail/thread-3.eml")),
        ],
    )
}

#[test]
fn a_three_message_thread_becomes_one_ticket() {
    let env = Env::new();
    let md = thread_maildir(&env);
    let out = env.ok(&["fetch", "--maildir", md.to_str().unwrap(), "--json"]);
    assert_eq!(counts(&out), (3, 1, 2, 0, 0));
    let tickets = env.tickets(&[]);
    assert_eq!(tickets.len(), 1);
    let number = tickets[0]["number"].as_str().unwrap();
    let show = env.show(number);
    let articles = show["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 3);
    assert!(articles[2]["body"]
        .as_str()
        .unwrap()
        .contains("ab wann ist Einlass"));
    assert_eq!(show["title"], "Anfrage zum Landesparteitag");
    assert_eq!(show["state"], "new");
}

#[test]
fn a_reply_with_only_the_subject_tag_lands_on_its_ticket() {
    let env = Env::new();
    assert_eq!(env.ingest(&read("mail/thread-1.eml")).code, 0);
    let number = env.tickets(&[])[0]["number"].as_str().unwrap().to_string();
    let reply = String::from_utf8(read("mail/tag-reply.eml"))
        .unwrap()
        .replace("TICKETNUMBER", &number);
    let r = env.ingest(reply.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.trim(), format!("follow-up on ticket {number}"));
    assert_eq!(env.tickets(&[]).len(), 1);
    assert_eq!(env.show(&number)["articles"].as_array().unwrap().len(), 2);
}

#[test]
fn a_reply_with_only_in_reply_to_lands_on_its_ticket() {
    let env = Env::new();
    env.ingest(&read("mail/thread-1.eml"));
    let reply = b"From: p@zeitung.example\nTo: other@example.org\nSubject: something else entirely\nMessage-ID: <only-irt@x>\nIn-Reply-To: <20261102091400.1@zeitung.example>\n\nanswer\n";
    let r = env.ingest(reply);
    assert!(r.stdout.starts_with("follow-up on ticket"), "{}", r.stdout);
    assert_eq!(env.tickets(&[]).len(), 1);
}

#[test]
fn an_unknown_tag_number_opens_a_new_ticket() {
    let env = Env::new();
    let r = env.ingest(b"From: a@b.example\nSubject: Re: [Ticket#2013070410000731] old\nMessage-ID: <old@x>\n\nhi\n");
    assert!(r.stdout.starts_with("new ticket"), "{}", r.stdout);
}

#[test]
fn the_queue_is_chosen_by_address() {
    let env = Env::with_fixture_queues();
    let out = env.ok(&[
        "fetch",
        "--mbox",
        fixture("mail/sample.mbox").to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(counts(&out), (8, 6, 2, 0, 0));
    let queue_of = |needle: &str| {
        env.tickets(&[])
            .into_iter()
            .find(|t| t["title"].as_str().unwrap().contains(needle))
            .unwrap_or_else(|| panic!("no ticket {needle}"))["queue"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(queue_of("Landesparteitag"), "Presse");
    assert_eq!(queue_of("Kündigung"), "LV::Mitgliederdaten");
    assert_eq!(queue_of("Raumanfrage"), "Inbox");
    // To: info@ comes before Cc: mitglieder@.
    assert_eq!(queue_of("Adresse geändert"), "Inbox");

    // Delivered-To routes when To names nobody we know (a Bcc or a list).
    let r = env.ingest(b"Delivered-To: nord@example.org\nFrom: x@y.example\nTo: list@lists.example\nSubject: Kreistreffen\nMessage-ID: <kt@y>\n\nhi\n");
    assert_eq!(r.code, 0);
    assert_eq!(queue_of("Kreistreffen"), "LV::KV-Nord");
    // Nothing matches: the default queue.
    env.ingest("From: x@y.example\nTo: nobody@elsewhere.example\nSubject: Irrläufer\nMessage-ID: <ir@y>\n\nhi\n".as_bytes());
    assert_eq!(queue_of("Irrläufer"), "Inbox");
    // The MTA pipe's queue, for an address in neither To nor Cc (a Bcc).
    let r = env.run_with(
        &["ingest", "--queue", "LV::Mitgliederdaten::Lastschrift"],
        Some(
            b"From: x@y.example\nTo: bank@anders.example\nSubject: SEPA\nMessage-ID: <sepa@y>\n\nhi\n",
        ),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(queue_of("SEPA"), "LV::Mitgliederdaten::Lastschrift");
    // A mail to two queues, delivered once for each address, in either
    // order: one ticket, in the queue of the first address in To, then Cc.
    for (i, order) in [["Inbox", "Presse"], ["Presse", "Inbox"]]
        .iter()
        .enumerate()
    {
        let mail = format!(
            "From: x@y.example\nTo: info@example.org\nCc: presse@example.org\nSubject: Beide {i}\nMessage-ID: <both{i}@y>\n\nhi\n"
        );
        for queue in order {
            let r = env.run_with(&["ingest", "--queue", queue], Some(mail.as_bytes()));
            assert_eq!(r.code, 0, "{}", r.stderr);
        }
        assert_eq!(
            queue_of(&format!("Beide {i}")),
            "Inbox",
            "delivered {order:?}"
        );
        assert_eq!(env.numbers(&[&format!("subject:\"Beide {i}\"")]).len(), 1);
    }
    // A mistyped queue in the MTA's pipe line keeps the mail there (75).
    let r = env.run_with(
        &["ingest", "-v", "--queue", "Nope"],
        Some(b"From: a@b\n\nx\n"),
    );
    assert_eq!(r.code, 75);
    assert!(r.stderr.contains("unknown queue \"Nope\""), "{}", r.stderr);
}

#[test]
fn a_second_run_imports_nothing() {
    let env = Env::new();
    let md = thread_maildir(&env);
    let mbox = fixture("mail/sample.mbox");
    let args = [
        "fetch",
        "--maildir",
        md.to_str().unwrap(),
        "--mbox",
        mbox.to_str().unwrap(),
        "--json",
    ];
    let first = counts(&env.ok(&args));
    // The thread is both in the Maildir and in the mbox: the mbox copies are duplicates.
    assert_eq!(first, (11, 6, 2, 3, 0));
    let second = counts(&env.ok(&args));
    assert_eq!(second, (11, 0, 0, 11, 0));
    let raw: i64 = env.count("SELECT count(*) FROM raw_messages");
    assert_eq!(raw, 8);
}

/// Within one run, a follow-up is found whether the message it answers came
/// in the same run or an earlier one: the last id of References and
/// In-Reply-To that an article has wins, and of the articles with that id
/// the newest (on a server the run asks for many messages at once and keeps
/// its own answers up to date).
#[test]
fn follow_ups_in_one_run_find_their_ticket_by_the_last_held_message_id() {
    let env = Env::new();
    let mail = |id: &str, subject: &str, refs: &str, irt: &str| -> Vec<u8> {
        let mut m = format!("From: c@customer.example\nSubject: {subject}\nMessage-ID: <{id}>\n");
        if !refs.is_empty() {
            m.push_str(&format!("References: {refs}\n"));
        }
        if !irt.is_empty() {
            m.push_str(&format!("In-Reply-To: {irt}\n"));
        }
        m.push_str(&format!("\ntext of {subject}\n"));
        m.into_bytes()
    };
    env.ingest(&mail("a@x", "alpha", "", ""));
    env.ingest(&mail("b@x", "beta", "", ""));
    let md = env.maildir(
        "one-run",
        &[
            ("1", mail("c@x", "gamma", "", "")),
            // c@x (this run) is the last id held; unknown@x is not held.
            ("2", mail("d@x", "delta", "<b@x> <c@x> <unknown@x>", "")),
            // In-Reply-To comes after References: d@x (this run) wins.
            ("3", mail("e@x", "epsilon", "<a@x> <zzz@x>", "<d@x>")),
            // b@x was stored by an earlier run.
            ("4", mail("f@x", "zeta", "<c@x> <b@x>", "")),
            // Another mail reusing b@x, on alpha's ticket: now the newest with that id.
            ("5", mail("b@x", "eta", "<a@x>", "")),
            ("6", mail("h@x", "theta", "", "<b@x>")),
            // The same message again in the same run.
            ("7", mail("c@x", "gamma", "", "")),
        ],
    );
    let out = env.ok(&["fetch", "--maildir", md.to_str().unwrap(), "--json"]);
    assert_eq!(counts(&out), (7, 1, 5, 1, 0));
    let mut by_title: Vec<(String, Vec<String>)> = env
        .tickets(&[])
        .iter()
        .map(|t| {
            let number = t["number"].as_str().unwrap();
            let subjects = env.show(number)["articles"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["subject"].as_str().unwrap().to_string())
                .collect();
            (t["title"].as_str().unwrap().to_string(), subjects)
        })
        .collect();
    by_title.sort();
    let expected = [
        ("alpha", vec!["alpha", "eta", "theta"]),
        ("beta", vec!["beta", "zeta"]),
        ("gamma", vec!["gamma", "delta", "epsilon"]),
    ];
    assert_eq!(by_title.len(), 3, "{by_title:?}");
    for ((title, subjects), (want_title, want)) in by_title.iter().zip(expected) {
        assert_eq!(title, want_title);
        assert_eq!(subjects, &want, "articles of {title}");
    }
}

#[test]
fn a_reused_message_id_with_other_content_is_stored() {
    let env = Env::new();
    env.ingest(b"From: a@b.example\nSubject: one\nMessage-ID: <same@x>\n\nfirst text\n");
    let r = env.ingest(b"From: a@b.example\nSubject: two\nMessage-ID: <same@x>\n\nsecond text\n");
    assert_ne!(r.stdout.trim(), "duplicate: seen before, not stored again");
    let r = env.ingest(b"From: a@b.example\nSubject: two\nMessage-ID: <same@x>\n\nsecond text\n");
    assert_eq!(r.stdout.trim(), "duplicate: seen before, not stored again");
}

#[test]
fn a_follow_up_reopens_a_closed_ticket_and_reaches_a_merge_target() {
    let env = Env::new();
    env.ingest(&read("mail/thread-1.eml"));
    env.ingest(b"From: z@z.example\nSubject: other\nMessage-ID: <other@z>\n\nx\n");
    let list = env.tickets(&["--sort", "age"]);
    let (first, second) = (
        list[0]["number"].as_str().unwrap().to_string(),
        list[1]["number"].as_str().unwrap().to_string(),
    );
    // Lifecycle commands come later; set the states in the store directly.
    env.alter(
        "UPDATE tickets SET state = 'closed successful', state_type = 'closed' WHERE number = ?1",
        &second,
    );
    env.alter(
        &format!(
            "UPDATE tickets SET state = 'merged', state_type = 'merged',
               merged_into = (SELECT id FROM tickets WHERE number = '{second}') WHERE number = ?1"
        ),
        &first,
    );
    let r = env.ingest(b"From: p@zeitung.example\nSubject: Re: Anfrage\nMessage-ID: <late@x>\nIn-Reply-To: <20261102091400.1@zeitung.example>\n\nstill there?\n");
    assert_eq!(r.stdout.trim(), format!("follow-up on ticket {second}"));
    let shown = env.show(&second);
    assert_eq!(shown["state"], "open");
    let history = env.json(&["history", &second]);
    let actions: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["created", "follow-up", "state"]);
    assert_eq!(history[2]["old"], "closed successful");
    assert_eq!(history[2]["new"], "open");
}

#[test]
fn ticket_numbers_follow_the_otrs_scheme() {
    let env = Env::with_fixture_config();
    for i in 0..3 {
        env.ingest(
            format!("From: a@b.example\nSubject: n{i}\nMessage-ID: <n{i}@x>\n\nx\n").as_bytes(),
        );
    }
    let today = chrono::Local::now().format("%Y%m%d").to_string();
    let numbers: Vec<String> = env
        .tickets(&["--sort", "number"])
        .iter()
        .map(|t| t["number"].as_str().unwrap().to_string())
        .collect();
    for (i, n) in numbers.iter().enumerate() {
        assert_eq!(n.len(), 16);
        assert_eq!(&n[..8], today);
        assert_eq!(&n[8..10], "10");
        assert_eq!(n[10..15].parse::<u32>().unwrap(), i as u32 + 1);
        assert!(tix::store::number::is_valid(n), "{n}");
    }
}

/// A number already taken (an OTRS history imported into the store shares
/// the day) is passed over, never handed out twice.
#[test]
fn a_number_already_taken_is_passed_over() {
    let env = Env::with_fixture_config();
    let first = env.mail("From: a@b.example\nSubject: one\nMessage-ID: <one@x>", "x");
    // The first ticket now bears the number the counter gives next.
    let next = tix::store::number::format_number(&first[..8], 10, 2);
    env.alter("UPDATE tickets SET number = ?1", &next);
    let second = env.mail("From: a@b.example\nSubject: two\nMessage-ID: <two@x>", "x");
    assert_eq!(
        second,
        tix::store::number::format_number(&first[..8], 10, 3)
    );
    let mut numbers = env.numbers(&[]);
    numbers.sort();
    assert_eq!(numbers, [next, second]);
}

/// A row refused when the batch commits (on a server, history, attachment
/// and index rows wait for the commit) or when a later question sends the
/// waiting rows (more messages than are read ahead, asked about mid-batch)
/// still falls on its own message: that one is quarantined with the reason,
/// the batch's others are filed once.
#[test]
fn a_row_refused_at_the_commit_quarantines_its_own_message_only() {
    let env = Env::with_fixture_config();
    if test_server().is_some() {
        env.server_client()
            .batch_execute(
                "ALTER TABLE history ADD CONSTRAINT no_poison CHECK (detail NOT LIKE '%poison%')",
            )
            .unwrap();
    } else {
        rusqlite::Connection::open(&env.db)
            .unwrap()
            .execute_batch(
                "CREATE TRIGGER no_poison BEFORE INSERT ON history
                 WHEN NEW.detail LIKE '%poison%'
                 BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: no_poison'); END",
            )
            .unwrap();
    }
    let files: Vec<(String, Vec<u8>)> = (0..150)
        .map(|i| {
            let from = if i == 3 { "poison" } else { "clean" };
            (
                format!("{i}"),
                format!(
                    "From: {from}{i}@x.example\nSubject: s{i}\nMessage-ID: <m{i}@x>\n\nbody {i}\n"
                )
                .into_bytes(),
            )
        })
        .collect();
    let refs: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let md = env.maildir("md", &refs);
    let r = env.run(&["fetch", "--maildir", md.to_str().unwrap(), "--json"]);
    // 65: a message was quarantined.
    assert_eq!(r.code, 65, "{}", r.stderr);
    assert!(r.stderr.contains("/md/new/3: quarantined"), "{}", r.stderr);
    let (read, new, _, _, quarantined) = counts(&r.stdout);
    assert_eq!((read, new, quarantined), (150, 149, 1), "{}", r.stdout);
    let q = env.json(&["quarantine", "list"]);
    let q = q.as_array().unwrap();
    assert_eq!(q.len(), 1);
    assert!(
        q[0]["error"].as_str().unwrap().contains("no_poison"),
        "{q:?}"
    );
    let mut subjects: Vec<String> = env
        .tickets(&[])
        .iter()
        .map(|t| t["title"].as_str().unwrap().to_string())
        .collect();
    subjects.sort();
    let mut expected: Vec<String> = (0..150)
        .filter(|i| *i != 3)
        .map(|i| format!("s{i}"))
        .collect();
    expected.sort();
    assert_eq!(subjects, expected);
    assert_eq!(env.count("SELECT count(*) FROM history"), 149);
}

#[test]
fn concurrent_intakes_hand_out_unique_numbers() {
    // Two cron jobs set up at once: each runs `tix init` and then fetches.
    let env = Env::without_store();
    let make = |name: &str| {
        let files: Vec<(String, Vec<u8>)> = (0..150)
            .map(|i| {
                (
                    format!("{i}"),
                    format!("From: {name}{i}@x.example\nSubject: {name} {i}\nMessage-ID: <{name}.{i}@x>\n\nbody {i}\n")
                        .into_bytes(),
                )
            })
            .collect();
        let refs: Vec<(&str, Vec<u8>)> =
            files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
        env.maildir(name, &refs)
    };
    let (a, b) = (make("a"), make("b"));
    let spawn = |md: &std::path::Path| {
        let tix = |args: &[&str]| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("tix"))
                .env("TIX_DB", &env.db)
                .env("TIX_CONFIG", &env.config)
                .args(args)
                .output()
                .unwrap()
        };
        let init = tix(&["init", "--store-only"]);
        assert!(
            init.status.success(),
            "{}",
            String::from_utf8_lossy(&init.stderr)
        );
        tix(&["fetch", "--maildir", md.to_str().unwrap(), "--json"])
    };
    let (ra, rb) = std::thread::scope(|s| {
        let ta = s.spawn(|| spawn(&a));
        let tb = s.spawn(|| spawn(&b));
        (ta.join().unwrap(), tb.join().unwrap())
    });
    for r in [&ra, &rb] {
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        assert_eq!(counts(&String::from_utf8_lossy(&r.stdout)).1, 150);
    }
    // Both created the store at once: it still ended up in WAL mode (and
    // neither run was refused as "busy", which SQLite says at once there).
    if sqlite_only() {
        let mode: String = env
            .sql()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }
    assert_eq!(env.count("SELECT count(*) FROM tickets"), 300);
    assert_eq!(env.count("SELECT count(DISTINCT number) FROM tickets"), 300);
}

#[test]
fn mbox_from_quoting_is_undone() {
    let env = Env::new();
    env.ok(&[
        "fetch",
        "--mbox",
        fixture("mail/sample.mbox").to_str().unwrap(),
    ]);
    let t = env
        .tickets(&[])
        .into_iter()
        .find(|t| t["title"] == "Adresse geändert")
        .unwrap();
    let body = env.show(t["number"].as_str().unwrap())["articles"][0]["body"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(body.contains("\nFrom now on: Lindenstraße 5"), "{body}");
    assert!(body.contains("\n>From the old address"), "{body}");
}

/// `tix ingest` as Postfix runs it: no HOME, no TIX_ variables, and a
/// file-size limit (mailbox_size_limit) with SIGXFSZ ignored. A soft limit
/// below the hard one is raised; a hard one the store outgrows is named,
/// with exit 75 so the MTA keeps the mail.
#[test]
fn ingest_under_an_mtas_file_size_limit() {
    if !sqlite_only() {
        return; // the SQLite file itself (a server's files are its own)
    }
    use std::os::unix::process::CommandExt;
    let env = Env::new();
    let big = format!(
        "From: a@x.example\nSubject: Gross\nMessage-ID: <gross@x>\n\n{}\n",
        "Zeile mit etwas Text darin\n".repeat(20_000)
    );
    let pipe = |soft: u64, hard: u64, message: &str, verbose: bool| {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("tix"));
        c.env_clear()
            .env("PATH", "/usr/bin:/bin")
            .args(verbose.then_some("-v"))
            .args(["ingest", "--db"])
            .arg(&env.db)
            .arg("--config")
            .arg(&env.config);
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            c.pre_exec(move || {
                let limit = libc::rlimit {
                    rlim_cur: soft,
                    rlim_max: hard,
                };
                libc::setrlimit(libc::RLIMIT_FSIZE, &limit);
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                Ok(())
            });
        }
        let r = run_piped(&mut c, message.as_bytes());
        (Some(r.code), r.stderr)
    };
    let (code, err) = pipe(100_000, libc::RLIM_INFINITY, &big, false);
    assert_eq!(code, Some(0), "a soft limit is raised: {err}");
    let second = big.replace("<gross@x>", "<gross2@x>");
    let (code, err) = pipe(200_000, 200_000, &second, false);
    assert_eq!(code, Some(75), "{err}");
    // What the sender sees: the kind of trouble, no path.
    assert_eq!(
        err.trim(),
        "tix: the ticket store reached a file-size limit; the message waits in the MTA's queue (details in the mail log)"
    );
    // The admin trying it by hand reads what to do.
    let (code, err) = pipe(200_000, 200_000, &second, true);
    assert_eq!(code, Some(75), "{err}");
    assert!(
        err.contains("reached this process's file-size limit (200000 bytes)")
            && err.contains("mailbox_size_limit"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert_eq!(env.tickets(&[]).len(), 1, "the first mail stays stored");
}

const AGENTS_BY_MAIL: &str = "mail_verified_by: mx.verein.example
queues:
  - name: Presse
    addresses: [presse@verein.example]
    escalation: { first_response: 4h, update: 2d }
agents:
  - { name: anna, email: anna@verein.example, also_from: [Anna.Privat@mail.example] }
";

/// Agents answer by mail (their own client, the office in Cc). Vouched for
/// by the office's own MTA and written to the customer, it is the agent's
/// answer: an email-out article by the agent, the first response, new
/// becomes open. Without that verdict (a From: anyone can write), or
/// written to the office only, it is the agent's note and changes nothing;
/// never is it customer mail that reopens a waiting ticket.
#[test]
fn an_agents_mail_is_the_agents_answer_or_note_never_the_customers() {
    let env = Env::with_config(AGENTS_BY_MAIL);
    let n = env.mail(
        "From: Erika <erika@kunde.example>\nTo: presse@verein.example\nSubject: Interview\nMessage-ID: <q@kunde.example>",
        "Haben Sie Zeit?",
    );
    assert_eq!(env.show(&n)["escalation_kind"], "first-response");
    let verdict = "Authentication-Results: mx.verein.example; dkim=pass header.d=verein.example; dmarc=pass header.from=verein.example\nReceived: from client by mx.verein.example\n";
    let agent_mail = |id: &str, to: &str, headers: &str| {
        env.mail(
            &format!("{headers}From: Anna <anna@verein.example>\nTo: {to}\nCc: presse@verein.example\nSubject: Re: [Ticket#{n}] Interview\nMessage-ID: <{id}@verein.example>"),
            "Gern, Dienstag 10 Uhr.",
        )
    };
    assert_eq!(agent_mail("a1", "erika@kunde.example", verdict), n);
    let t = env.show(&n);
    let last = t["articles"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (
            last["kind"].as_str(),
            last["sender_type"].as_str(),
            last["created_by"].as_str()
        ),
        (Some("email-out"), Some("agent"), Some("anna"))
    );
    assert_eq!(t["state"], "open", "new becomes open, as after tix reply");
    assert_ne!(t["escalation_kind"], "first-response", "{t}");

    // The customer waits; the agent writes again, unverified: a note.
    env.ok_as(
        "anna",
        &["state", &n, "waiting-for-customer", "--until", "2030-01-15"],
    );
    let forged = "Received: from client by mx.verein.example\nAuthentication-Results: mx.verein.example; dkim=pass header.d=verein.example\n";
    agent_mail("a2", "erika@kunde.example", forged);
    // To the office alone (the answer to a notification): a note too.
    agent_mail("a3", "presse@verein.example", verdict);
    let t = env.show(&n);
    assert_eq!(t["state"], "waiting for customer");
    assert_eq!(article_kinds(&t), ["email-in", "email-out", "note", "note"]);
    // From her private account too: hers, a note.
    env.mail(
        &format!("From: anna.privat@mail.example\nTo: presse@verein.example\nSubject: Re: [Ticket#{n}] Interview\nMessage-ID: <p1@mail.example>"),
        "Vermerk von unterwegs.",
    );
    let t = env.show(&n);
    assert_eq!(article_kinds(&t).last().unwrap(), "note");
    assert_eq!(t["articles"][4]["created_by"], "anna");
    assert_eq!(t["state"], "waiting for customer");
    let history = env.json(&["history", &n]).to_string();
    assert!(
        history.contains("no verdict of the own MTA vouches for it"),
        "{history}"
    );
    // The customer's answer is what reopens it.
    env.mail(
        &format!("From: Erika <erika@kunde.example>\nTo: presse@verein.example\nSubject: Re: [Ticket#{n}] Interview\nMessage-ID: <q2@kunde.example>"),
        "Passt.",
    );
    assert_eq!(env.show(&n)["state"], "open");
}
