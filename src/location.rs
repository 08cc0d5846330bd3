//! Where a store is, as written in `--db`, TIX_DB, the config's `store:`
//! or `store copy --to`: a PostgreSQL URL or else an SQLite file. Below
//! both the config (which checks what is written) and the store (which
//! connects), so neither reaches into the other.

/// Is `location` a PostgreSQL URL rather than an SQLite file?
pub fn is_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// The URL with any password taken out, for messages.
pub fn display_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, tail) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let authority = match authority.rsplit_once('@') {
        Some((user, host)) => format!("{}@{host}", user.split(':').next().unwrap_or("")),
        None => authority.to_string(),
    };
    // Query parameters may carry a password too.
    let tail = tail.split('?').next().unwrap_or("");
    format!("{scheme}://{authority}{tail}")
}

/// Does the URL carry a password (`user:secret@host`, or `password=` among
/// its parameters)? Passwords come from the environment or a command,
/// never from where a store is written down.
pub fn has_password(url: &str) -> bool {
    let in_authority = is_url(url)
        && url
            .split_once("://")
            .and_then(|(_, rest)| rest.split(['/', '?']).next())
            .is_some_and(|authority| {
                authority
                    .rsplit_once('@')
                    .is_some_and(|(user, _)| user.contains(':'))
            });
    in_authority || url.contains("password=")
}
