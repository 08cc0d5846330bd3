//! Where each IMAP folder's import stands: its UIDVALIDITY, the last UID
//! the store has committed, and how far the after-import action got.

use super::db::{params, Db};
use crate::error::Result;

/// A folder's resume key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub uid_validity: u32,
    /// Every message up to this UID is in the store.
    pub last_uid: u32,
    /// Every stored message up to this UID has had its after-import action.
    pub acted_uid: u32,
}

/// The folder's position, if it was read before.
pub fn position(conn: &Db, account: &str, folder: &str) -> Result<Option<Position>> {
    conn.query_opt(
        "SELECT uid_validity, last_uid, coalesce(acted_uid, last_uid) FROM imap_folders
             WHERE account = ?1 AND folder = ?2",
        params![account, folder],
        |r| {
            Ok(Position {
                uid_validity: r.get(0)?,
                last_uid: r.get(1)?,
                acted_uid: r.get(2)?,
            })
        },
    )
}

/// Records how far the folder has been read (within the transaction that
/// stored the messages). A new UIDVALIDITY starts the acted count anew.
pub fn record(
    conn: &Db,
    account: &str,
    folder: &str,
    uid_validity: u32,
    last_uid: u32,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO imap_folders (account, folder, uid_validity, last_uid, acted_uid)
         VALUES (?1, ?2, ?3, ?4, 0)
         ON CONFLICT(account, folder) DO UPDATE SET
             acted_uid = CASE WHEN imap_folders.uid_validity = excluded.uid_validity
                              THEN coalesce(imap_folders.acted_uid, imap_folders.last_uid) ELSE 0 END,
             uid_validity = excluded.uid_validity,
             last_uid = excluded.last_uid",
    )?
    .execute(params![account, folder, uid_validity, last_uid])?;
    Ok(())
}

/// Records that the after-import action was done up to `acted_uid`.
pub fn record_acted(conn: &Db, account: &str, folder: &str, acted_uid: u32) -> Result<()> {
    conn.prepare_cached(
        "UPDATE imap_folders SET acted_uid = max(coalesce(acted_uid, 0), ?3)
         WHERE account = ?1 AND folder = ?2",
    )?
    .execute(params![account, folder, acted_uid])?;
    Ok(())
}
