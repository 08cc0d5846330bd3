//! Salutations, signatures and answer templates (OTRS's standard templates),
//! written in YAML with `{{ variable }}` placeholders (minijinja).

use crate::error::{Result, TixError};
use minijinja::{Environment, UndefinedBehavior};
use std::collections::BTreeMap;

pub use crate::config::{Snippet, SnippetKind as Kind};

/// The variables a snippet may use.
pub const VARIABLES: &[&str] = &[
    "ticket_number",
    "title",
    "subject",
    "queue",
    "customer_name",
    "customer_address",
    "agent_name",
    "agent_email",
    "today",
    "created",
];

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // Snippets are plain text mail: nothing is HTML-escaped.
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    env.set_keep_trailing_newline(true);
    env
}

/// Checks a snippet's template: it parses and uses only known variables.
pub fn check(name: &str, text: &str) -> std::result::Result<(), String> {
    let env = environment();
    let template = env
        .template_from_str(text)
        .map_err(|e| format!("snippet {name:?}: {}", e.detail().unwrap_or(&e.to_string())))?;
    let mut unknown: Vec<String> = template
        .undeclared_variables(false)
        .into_iter()
        .filter(|v| !VARIABLES.contains(&v.as_str()))
        .collect();
    unknown.sort();
    match unknown.first() {
        Some(v) => Err(format!(
            "snippet {name:?} uses unknown variable {v:?}; variables: {}",
            VARIABLES.join(", ")
        )),
        None => Ok(()),
    }
}

/// Renders a snippet with the given variables.
pub fn render(snippet: &Snippet, vars: &BTreeMap<&str, String>) -> Result<String> {
    let env = environment();
    let template = env
        .template_from_str(&snippet.text)
        .map_err(|e| TixError::usage(format!("snippet {:?}: {e}", snippet.name)))?;
    template.render(vars).map_err(|e| {
        TixError::usage(format!(
            "snippet {:?}: {}",
            snippet.name,
            e.detail().unwrap_or(&e.to_string())
        ))
    })
}

/// The variables for a ticket, written by `agent` (`actor` when the agent
/// has no entry in the config).
pub fn variables(
    t: &crate::store::tickets::Ticket,
    agent: Option<&crate::config::Agent>,
    actor: &str,
) -> BTreeMap<&'static str, String> {
    BTreeMap::from([
        ("ticket_number", t.number.clone()),
        ("title", t.title.clone()),
        // The mail's subject as the customer wrote it: the ticket's title.
        ("subject", t.title.clone()),
        ("queue", t.queue.clone()),
        ("customer_name", t.customer_name.clone().unwrap_or_default()),
        (
            "customer_address",
            t.customer_address.clone().unwrap_or_default(),
        ),
        (
            "agent_name",
            agent
                .and_then(|a| a.full_name.clone())
                .unwrap_or_else(|| actor.to_string()),
        ),
        (
            "agent_email",
            agent.and_then(|a| a.email.clone()).unwrap_or_default(),
        ),
        ("today", chrono::Local::now().format("%d.%m.%Y").to_string()),
        ("created", crate::render::datetime(t.created_at)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_and_renders() {
        assert!(check("a", "Ahoi {{ customer_name }},\n").is_ok());
        let e = check("a", "Hallo {{ kunde }}").unwrap_err();
        assert!(e.contains("unknown variable \"kunde\""), "{e}");
        assert!(check("b", "{{ broken").is_err());
        let s = Snippet {
            name: "a".into(),
            kind: Kind::Salutation,
            text: "Ahoi {{ customer_name }} & Co,\n".into(),
            plain: false,
        };
        let vars = BTreeMap::from([("customer_name", "Jörg <j@x>".to_string())]);
        assert_eq!(render(&s, &vars).unwrap(), "Ahoi Jörg <j@x> & Co,\n");
    }
}
