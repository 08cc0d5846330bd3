//! Completion that knows the config and the store: the binary answers the
//! shell (`COMPLETE=bash tix`, clap_complete's dynamic engine). Each
//! function lists the candidates for one kind of value; a broken or missing
//! config or store gives no candidates, never an error at the prompt.

use clap_complete::engine::CompletionCandidate;
use std::path::PathBuf;

/// The config named by TIX_CONFIG, else the default place (the shell's
/// command line is not parsed yet while completing).
fn config() -> Option<crate::config::Config> {
    let given = std::env::var_os("TIX_CONFIG").map(PathBuf::from);
    let (path, explicit) = crate::context::config_location(given.as_ref());
    crate::config::read(&path, explicit, crate::dates::now())
        .ok()
        .map(|loaded| loaded.config)
}

fn candidates<'a>(
    names: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
) -> Vec<CompletionCandidate> {
    names
        .into_iter()
        .map(|(name, help)| {
            CompletionCandidate::new(shell_word(name)).help(help.map(|h| h.to_string().into()))
        })
        .collect()
}

static SHELL: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Notes which shell asks (`COMPLETE`, read before clap_complete clears
/// it for the completers).
pub fn note_shell() {
    if let Ok(shell) = std::env::var("COMPLETE") {
        let _ = SHELL.set(shell);
    }
}

/// A configured name as the shell must be given it. Bash inserts a
/// candidate as it is, so a queue named `*` would glob and one with a
/// space would split: a backslash goes before such a character. Zsh and
/// fish quote what they insert themselves.
fn shell_word(name: &str) -> String {
    if SHELL.get().map(String::as_str) != Some("bash") {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_whitespace() || "\\'\"$`!&;|<>()[]{}*?#~^".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Queue names, nested ones with their full name.
pub fn queues() -> Vec<CompletionCandidate> {
    let Some(c) = config() else { return vec![] };
    candidates(c.queues.iter().map(|q| (q.name.as_str(), None)))
}

/// Status names with `-` for spaces (as typed on a command line).
pub fn statuses() -> Vec<CompletionCandidate> {
    let Some(c) = config() else { return vec![] };
    c.statuses
        .iter()
        .map(|s| {
            CompletionCandidate::new(shell_word(&s.name.replace(' ', "-")))
                .help(Some(s.state_type.as_str().to_string().into()))
        })
        .collect()
}

pub fn agents() -> Vec<CompletionCandidate> {
    let Some(c) = config() else { return vec![] };
    candidates(
        c.agents
            .iter()
            .map(|a| (a.name.as_str(), a.full_name.as_deref())),
    )
}

pub fn snippets() -> Vec<CompletionCandidate> {
    let Some(c) = config() else { return vec![] };
    c.snippets
        .iter()
        .map(|s| {
            CompletionCandidate::new(shell_word(&s.name))
                .help(Some(s.kind.with_article().to_string().into()))
        })
        .collect()
}

pub fn accounts() -> Vec<CompletionCandidate> {
    let Some(c) = config() else { return vec![] };
    candidates(
        c.accounts
            .iter()
            .map(|a| (a.name.as_str(), Some(a.host.as_str()))),
    )
}

/// Saved searches as `@name`, with their query.
pub fn saved_searches() -> Vec<CompletionCandidate> {
    let Some(c) = config() else { return vec![] };
    c.searches
        .iter()
        .map(|(name, query)| {
            CompletionCandidate::new(shell_word(&format!("@{name}")))
                .help(Some(query.clone().into()))
        })
        .collect()
}

/// Open tickets, newest first, with their titles.
pub fn tickets() -> Vec<CompletionCandidate> {
    let given = std::env::var_os("TIX_DB").map(PathBuf::from);
    let config_path = std::env::var_os("TIX_CONFIG").map(PathBuf::from);
    let db = crate::context::store_location(given.as_ref(), config_path.as_ref());
    let Ok(store) = crate::store::Store::open_read_only(&db) else {
        return vec![];
    };
    // The numbers and titles of hidden queues are not offered either.
    if let Some(c) = config().filter(|c| c.restricts_access()) {
        store
            .conn
            .hide_queues(c.hidden_queues(&crate::context::default_actor()));
    }
    let Ok(open) = crate::store::find::recent_open(&store.conn, 200) else {
        return vec![];
    };
    open.into_iter()
        .map(|(number, title)| CompletionCandidate::new(number).help(Some(title.into())))
        .collect()
}

/// A ticket list followed by a value: tickets, and the values.
pub fn tickets_then(values: fn() -> Vec<CompletionCandidate>) -> Vec<CompletionCandidate> {
    let mut all = tickets();
    all.extend(values());
    all
}

pub fn tickets_then_queue() -> Vec<CompletionCandidate> {
    tickets_then(queues)
}

pub fn tickets_then_status() -> Vec<CompletionCandidate> {
    tickets_then(statuses)
}

pub fn tickets_then_agent() -> Vec<CompletionCandidate> {
    tickets_then(agents)
}
