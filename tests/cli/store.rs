//! The store file: created on first use, schema versioned, newer refused.

use crate::common::*;

#[test]
fn a_new_store_is_created_in_wal_mode_at_the_current_version() {
    if !sqlite_only() {
        return; // the SQLite file itself (see store_server.rs for the server)
    }
    let env = Env::new();
    env.ok(&["list"]);
    let db = env.sql();
    let mode: String = db
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let version: i64 = db
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, tix::store::schema::CURRENT_VERSION);
}

#[test]
fn a_store_from_a_newer_tix_is_refused_untouched() {
    if !sqlite_only() {
        return; // the SQLite file itself (see store_server.rs for the server)
    }
    let env = Env::new();
    env.ok(&["list"]);
    env.sql()
        .execute_batch("PRAGMA user_version = 999")
        .unwrap();
    let r = env.run(&["list"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr.trim(),
        format!(
            "tix: {}: store schema version 999 is newer than this tix understands ({}); upgrade tix",
            env.db.display(),
            tix::store::schema::CURRENT_VERSION
        )
    );
    let version: i64 = env
        .sql()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 999);
}

#[test]
fn a_file_that_is_not_a_store_is_named() {
    if !sqlite_only() {
        return; // the SQLite file itself (see store_server.rs for the server)
    }
    let env = Env::new();
    std::fs::write(&env.db, vec![b'x'; 4096]).unwrap();
    let r = env.run(&["list"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .starts_with(&format!("tix: {}: not a tix store", env.db.display())),
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.lines().count(), 1);
}

#[test]
fn full_text_index_covers_subject_sender_and_body() {
    let env = Env::new();
    env.ok(&[
        "fetch",
        "--mbox",
        fixture("mail/sample.mbox").to_str().unwrap(),
    ]);
    // Tickets found through the index, as a user asks for them.
    let hits = |q: &str| env.numbers(&[q]).len();
    assert_eq!(hits("Einlass"), 1);
    assert_eq!(hits("subject:Landesparteitag"), 1);
    assert_eq!(hits("from:Schneider"), 1);
    assert_eq!(hits("\"Jahresende kündigen\""), 1);
    // Diacritics folded: kundigen finds kündigen.
    assert_eq!(hits("kundigen"), 1);
    assert_eq!(hits("nirgendwo"), 0);
}
