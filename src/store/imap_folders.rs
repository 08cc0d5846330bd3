//! Where each IMAP folder's import stands: its UIDVALIDITY and the last UID
//! the store has committed.

use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension};

/// The folder's (UIDVALIDITY, last UID), if it was read before.
pub fn position(conn: &Connection, account: &str, folder: &str) -> Result<Option<(u32, u32)>> {
    Ok(conn
        .query_row(
            "SELECT uid_validity, last_uid FROM imap_folders WHERE account = ?1 AND folder = ?2",
            [account, folder],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Records how far the folder has been read.
pub fn record(
    conn: &Connection,
    account: &str,
    folder: &str,
    uid_validity: u32,
    last_uid: u32,
) -> Result<()> {
    conn.execute(
        "INSERT INTO imap_folders (account, folder, uid_validity, last_uid) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(account, folder) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid",
        params![account, folder, uid_validity, last_uid],
    )?;
    Ok(())
}
