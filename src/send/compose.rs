//! The parts of an agent's reply or forward taken from the ticket.

use crate::error::Result;
use crate::store::Db;

/// The message a reply answers.
pub use crate::store::articles::MailArticle as Answered;

/// The last mail from the customer; else the last mail of the ticket.
pub fn last_mail(conn: &Db, ticket_id: i64) -> Result<Option<Answered>> {
    crate::store::articles::last_mail(conn, ticket_id)
}

/// The answered text quoted below a reply, with its attribution line in
/// `language`, at the time the mail was sent.
pub fn quote(a: &Answered, language: crate::vocabulary::Language) -> String {
    use crate::vocabulary::Language;
    let who = match (&a.from_name, &a.from_addr) {
        (Some(n), Some(addr)) => format!("{n} <{addr}>"),
        (n, addr) => n
            .clone()
            .or(addr.clone())
            .unwrap_or_else(|| "the customer".into()),
    };
    let at = |format: &str| crate::render::datetime_as(a.date, format);
    let mut out = match language {
        Language::De => format!("Am {} schrieb {who}:\n", at("%d.%m.%Y um %H:%M")),
        Language::En => format!("On {}, {who} wrote:\n", at("%Y-%m-%d %H:%M")),
        Language::Fr => format!("Le {}, {who} a écrit :\n", at("%d/%m/%Y à %H:%M")),
    };
    for line in a.body.trim_end().lines() {
        if line.is_empty() {
            out.push_str(">\n");
        } else {
            out.push_str(&format!("> {line}\n"));
        }
    }
    out
}

/// The References of an answer to `a`: its own, then its Message-ID.
pub fn references_after(a: &Answered) -> Vec<String> {
    let mut refs = a.references.clone();
    if let Some(id) = &a.message_id {
        if !refs.contains(id) {
            refs.push(id.clone());
        }
    }
    refs
}

/// The queue's salutation and signature rendered for `vars`, as replies and
/// auto-replies are framed; none of either when `plain`.
pub fn queue_frame(
    config: &crate::config::Config,
    queue: &str,
    plain: bool,
    vars: &std::collections::BTreeMap<&'static str, String>,
) -> Result<(Option<String>, Option<String>)> {
    let queue = config.queue(queue).filter(|_| !plain);
    let render = |name: Option<&String>| -> Result<Option<String>> {
        match name.and_then(|n| config.snippet(n)) {
            Some(s) => crate::snippets::render(s, vars).map(Some),
            None => Ok(None),
        }
    };
    Ok((
        render(queue.and_then(|q| q.salutation.as_ref()))?,
        render(queue.and_then(|q| q.signature.as_ref()))?,
    ))
}

/// A mail body from its parts, each trimmed at its end, a blank line
/// between them.
pub fn join_parts(parts: &[String]) -> String {
    let mut body = parts
        .iter()
        .map(|p| p.trim_end())
        .collect::<Vec<_>>()
        .join("\n\n");
    body.push('\n');
    body
}
