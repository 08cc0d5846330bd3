//! Bad input loses nothing: every message is kept, garbage is quarantined and
//! counted, and nothing panics.

use crate::common::*;

#[test]
fn garbage_is_quarantined_counted_and_kept_byte_for_byte() {
    let env = Env::new();
    // 30 MB: a mis-sent archive. Over the size limit, kept aside, not parsed.
    let mut huge = b"From: big@x.example\nSubject: huge\nMessage-ID: <huge@x>\n\n".to_vec();
    huge.extend(
        std::iter::repeat_n(
            b"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\n".as_slice(),
            30 * 1024 * 1024 / 64,
        )
        .flatten(),
    );
    let bad: Vec<(&str, Vec<u8>)> = vec![
        ("1-empty", read("mail/empty.eml")),
        ("2-garbage", read("mail/garbage.bin")),
        ("3-noheaders", read("mail/no-headers.eml")),
        ("4-brokenmime", read("mail/broken-mime.eml")),
        ("5-huge", huge.clone()),
        ("6-good", read("mail/thread-1.eml")),
    ];
    let md = env.maildir("bad", &bad);
    let r = env.run(&["fetch", "--maildir", md.to_str().unwrap(), "--json"]);
    // The run goes to the end; its exit code says some mail needs a look.
    assert_eq!(r.code, 65, "{}", r.stderr);
    assert_eq!(counts(&r.stdout), (6, 1, 0, 0, 5));
    // One warning line per quarantined message, naming the file and why,
    // and the closing line with the counts.
    let warnings: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(warnings.len(), 6, "{}", r.stderr);
    assert!(
        warnings[5].starts_with("tix: 5 message(s) quarantined (tix quarantine list); 6 read"),
        "{}",
        r.stderr
    );
    assert!(warnings
        .iter()
        .any(|w| w.contains("1-empty: quarantined: empty message")));
    assert!(warnings
        .iter()
        .any(|w| w.contains("2-garbage: quarantined: binary data")));
    assert!(warnings
        .iter()
        .any(|w| w.contains("3-noheaders: quarantined: no header")));
    assert!(warnings
        .iter()
        .any(|w| w.contains("4-brokenmime: quarantined: broken MIME")));
    assert!(warnings
        .iter()
        .any(|w| w.contains("5-huge: quarantined: message of 30.0 MB is over the 25.0 MB limit")));

    let listed = env.json(&["list", "--quarantined"]);
    let items = listed.as_array().unwrap();
    assert_eq!(items.len(), 5);
    for (item, (name, bytes)) in items.iter().zip(&bad) {
        assert!(item["source"].as_str().unwrap().ends_with(name));
        let id = item["id"].to_string();
        let shown = env.run(&["quarantine", "show", &id]);
        assert_eq!(shown.code, 0);
        // Over the limit, the first 25 MB are kept (the headers with them).
        let kept = &bytes[..bytes.len().min(25 * 1024 * 1024)];
        assert!(shown.stdout_bytes == kept, "{name} not kept byte for byte");
    }
    // A second run reads the same six and stores nothing again.
    let again = env.ok(&["fetch", "--maildir", md.to_str().unwrap(), "--json"]);
    assert_eq!(counts(&again), (6, 0, 0, 6, 0));

    // The large message was kept only in part: a retry says where to get
    // it whole. With a raised limit, the source is read again and it files.
    let huge_id = items[4]["id"].to_string();
    let retried = env.run(&["quarantine", "retry", &huge_id, "--max-size", "64"]);
    assert_eq!(retried.code, 0, "{}", retried.stderr);
    assert!(
        retried
            .stderr
            .contains("still quarantined: only its first 25.0 of 30.0 MB were kept"),
        "{}",
        retried.stderr
    );
    std::fs::write(env.config.join("tix.yaml"), "max_message_mb: 64\n").unwrap();
    let again = env.ok(&["fetch", "--maildir", md.to_str().unwrap(), "--json"]);
    assert_eq!(counts(&again), (6, 1, 0, 5, 0));
    let all = env.run(&["quarantine", "retry"]);
    assert_eq!(all.code, 0);
    assert_eq!(
        all.stderr.matches("still quarantined").count(),
        5,
        "{}",
        all.stderr
    );
    assert_eq!(
        env.json(&["list", "--quarantined"])
            .as_array()
            .unwrap()
            .len(),
        5
    );
    assert_eq!(env.tickets(&[]).len(), 2);
}

#[test]
fn stdin_garbage_is_kept_and_exit_is_zero() {
    let env = Env::new();
    let r = env.ingest(&read("mail/garbage.bin"));
    assert_eq!(r.code, 0);
    assert!(
        r.stderr.contains("stdin: quarantined: binary data"),
        "{}",
        r.stderr
    );
    assert_eq!(
        env.json(&["list", "--quarantined"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn ingest_exits_75_while_the_store_is_locked_and_keeps_nothing_half() {
    if !sqlite_only() {
        return; // the SQLite file itself (see store_server.rs for the server)
    }
    let env = Env::new();
    env.ok(&["list"]); // creates the store
    let locker = env.sql();
    locker.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let mut c = env.cmd();
    let out = c
        .env("TIX_BUSY_TIMEOUT_MS", "200")
        .arg("ingest")
        .write_stdin(read("mail/thread-1.eml"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(75),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("tix: ") && err.contains("busy"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    locker.execute_batch("ROLLBACK").unwrap();
    // The MTA retries: now it goes in, once.
    assert_eq!(env.ingest(&read("mail/thread-1.eml")).code, 0);
    assert_eq!(env.tickets(&[]).len(), 1);
}

#[test]
fn a_missing_source_is_a_clear_error() {
    let env = Env::new();
    let r = env.run(&["fetch", "--maildir", "/nonexistent/box"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr.trim(),
        "tix: /nonexistent/box: not a Maildir (no new/ or cur/ folder)"
    );
    let r = env.run(&[
        "fetch",
        "--mbox",
        fixture("mail/thread-1.eml").to_str().unwrap(),
    ]);
    assert_eq!(r.code, 65);
    assert!(r.stderr.contains("not an mbox file"), "{}", r.stderr);
    let r = env.run(&["fetch"]);
    assert_eq!(r.code, 2);
}

/// Every real message of the sisimai corpus (bounces from some 80 mail
/// systems, odd charsets and MIME trees) goes in without a panic, and the
/// counts add up.
#[test]
fn the_real_bounce_corpus_goes_in_whole() {
    let env = Env::new();
    let dir = corpora().join("sisimai/messages");
    let files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    let refs: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let md = env.maildir("corpus", &refs);
    let r = env.run(&["fetch", "--maildir", md.to_str().unwrap(), "--json"]);
    let (read, imported, follow_ups, duplicates, quarantined) = counts(&r.stdout);
    // The run goes to the end; quarantined mail shows in the exit code.
    assert_eq!(r.code, if quarantined > 0 { 65 } else { 0 }, "{}", r.stderr);
    assert_eq!(read, files.len() as u64);
    assert_eq!(imported + follow_ups + duplicates + quarantined, read);
    // These are real, well-formed messages: nearly all become tickets.
    assert!(quarantined <= 5, "{quarantined} quarantined:\n{}", r.stderr);
    assert!(imported + follow_ups >= read - quarantined - duplicates);
    let raw: i64 = env.count("SELECT count(*) FROM raw_messages");
    assert_eq!(raw as u64, read - duplicates);
}

#[test]
fn arbitrary_bytes_never_panic() {
    let env = Env::new();
    // A spread of hostile shapes: deep nesting, endless headers, lone CRs, bad encodings.
    let mut cases: Vec<Vec<u8>> = vec![
        b"Content-Type: multipart/mixed; boundary=a\n\n--a\nContent-Type: multipart/mixed; boundary=a\n\n--a\n".to_vec(),
        b"Subject: =?UTF-8?B?////?= =?x-unknown?Q?=FF?=\nFrom: \"\" <>\n\n\xff\xfe".to_vec(),
        b"From: a@b\rSubject: cr only\r\rbody".to_vec(),
        b"Content-Transfer-Encoding: base64\nFrom: a@b\n\n!!!not base64!!!\n".to_vec(),
        format!("X: {}\n\nbody", "y".repeat(200_000)).into_bytes(),
    ];
    let mut nested = String::from("From: deep@x\nMessage-ID: <deep@x>\n");
    for i in 0..200 {
        nested.push_str(&format!(
            "Content-Type: multipart/mixed; boundary=b{i}\n\n--b{i}\n"
        ));
    }
    cases.push(nested.into_bytes());
    for (i, c) in cases.iter().enumerate() {
        let r = env.ingest(c);
        assert_eq!(r.code, 0, "case {i}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "case {i}: {}", r.stderr);
    }
    let raw: i64 = env.count("SELECT count(*) FROM raw_messages");
    assert_eq!(raw as usize, cases.len());
}

/// Regression: a checkpointer thread beside the writer, with the writer's own
/// checkpoints off, kept the WAL from ever starting over (a 1.5-million-message
/// import grew it to 39 GB). The writer checkpoints itself every
/// TIX_WAL_CHECKPOINT_MB of WAL (128 by default, 32 here so that a test-sized
/// import shows it); the WAL stays near that however large the import.
#[test]
fn a_large_import_keeps_the_write_ahead_log_bounded() {
    if !sqlite_only() {
        return; // the SQLite file itself (see store_server.rs for the server)
    }
    let env = Env::new();
    env.ok(&["list"]);
    // A second connection keeps the WAL file when tix exits, so its size can be read.
    let watcher = env.sql();
    let _: i64 = watcher
        .query_row("SELECT count(*) FROM tickets", [], |r| r.get(0))
        .unwrap();
    let body = "Zeile mit etwas Text für den Index, Nummer NNNN.\n".repeat(400);
    let files: Vec<(String, Vec<u8>)> = (0..3000)
        .map(|i| {
            (
                format!("{i:05}"),
                format!(
                    "From: s{i}@x.example\nSubject: Nachricht {i}\nMessage-ID: <wal{i}@x>\n\n{}",
                    body.replace("NNNN", &i.to_string())
                )
                .into_bytes(),
            )
        })
        .collect();
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    let refs: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let md = env.maildir("big", &refs);
    let fetched = env
        .cmd()
        .env("TIX_WAL_CHECKPOINT_MB", "32")
        .args(["fetch", "--maildir", md.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        fetched.status.success(),
        "{}",
        String::from_utf8_lossy(&fetched.stderr)
    );
    let wal = std::fs::metadata(format!("{}-wal", env.db.display()))
        .unwrap()
        .len();
    assert!(total > 55 << 20, "the import is too small to tell: {total}");
    // Without the writer's own checkpoints the WAL reaches some 150 MB here.
    assert!(
        wal < 80 << 20,
        "WAL grew to {wal} bytes for {total} bytes of mail"
    );
}
