//! The configuration in force, kept in the store: every version applied
//! (`tix config apply`, `tix init`), with who applied it, when and from
//! where. The latest one is what every command on every machine uses; the
//! store knows the files' texts only, not what they mean.

use super::db::{params, Db};
use crate::error::{Result, TixError};

/// One applied configuration.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Version {
    pub version: i64,
    #[serde(serialize_with = "crate::dates::serialize_ts")]
    pub applied_at: i64,
    pub applied_by: String,
    /// The folder (or file) it was read from, on the machine that applied it.
    pub source: String,
    pub fingerprint: String,
    /// Each file's name and text.
    #[serde(skip)]
    pub files: Vec<(String, String)>,
}

/// What to record of a configuration being applied.
pub struct NewVersion<'a> {
    pub applied_at: i64,
    pub applied_by: &'a str,
    pub source: &'a str,
    pub fingerprint: &'a str,
    pub files: &'a [(String, String)],
}

/// The configuration in force: the latest applied; `None` while the store
/// follows the config folder (nothing applied yet).
pub fn in_force(conn: &Db) -> Result<Option<Version>> {
    conn.query_opt(
        "SELECT id, applied_at, applied_by, source, fingerprint, files FROM config_versions
         ORDER BY id DESC LIMIT 1",
        params![],
        |r| {
            Ok((
                r.get::<i64>(0)?,
                r.get::<i64>(1)?,
                r.get::<String>(2)?,
                r.get::<String>(3)?,
                r.get::<String>(4)?,
                r.get::<String>(5)?,
            ))
        },
    )?
    .map(
        |(version, applied_at, applied_by, source, fingerprint, files)| {
            let files = serde_json::from_str(&files).map_err(|e| {
                TixError::failure(format!(
                    "the config in force (version {version}) is unreadable: {e}"
                ))
            })?;
            Ok(Version {
                version,
                applied_at,
                applied_by,
                source,
                fingerprint,
                files,
            })
        },
    )
    .transpose()
}

/// Records `v` as the configuration in force; its version number.
pub fn apply(conn: &Db, v: &NewVersion) -> Result<i64> {
    let files = serde_json::to_string(v.files).map_err(|e| TixError::failure(e.to_string()))?;
    conn.query_row(
        "INSERT INTO config_versions (applied_at, applied_by, source, fingerprint, files)
         VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
        params![v.applied_at, v.applied_by, v.source, v.fingerprint, files],
        |r| r.get(0),
    )
}

/// Every version applied, the latest first, without their texts.
pub fn history(conn: &Db) -> Result<Vec<Version>> {
    let mut stmt = conn.prepare(
        "SELECT id, applied_at, applied_by, source, fingerprint FROM config_versions ORDER BY id DESC",
    )?;
    let rows = stmt.query_map(params![], |r| {
        Ok(Version {
            version: r.get(0)?,
            applied_at: r.get(1)?,
            applied_by: r.get(2)?,
            source: r.get(3)?,
            fingerprint: r.get(4)?,
            files: vec![],
        })
    })?;
    rows.collect::<Result<_>>()
}
