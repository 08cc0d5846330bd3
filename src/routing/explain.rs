//! `tix route --explain`: each rule, whether it matched and why.

use super::{acting, Cond, Landing, Rules, Subject};
use crate::render::safe_text;

/// One rule's verdict.
#[derive(Debug, serde::Serialize)]
pub struct Verdict {
    pub rule: String,
    pub matched: bool,
    /// Whether the rule looks at this message at all (new ticket / follow-up).
    pub in_scope: bool,
    /// Whether its actions take effect (matched, in scope, not after a stop).
    pub acts: bool,
    pub why: String,
}

pub fn explain(rules: &Rules, s: &Subject, landing: Landing) -> Vec<Verdict> {
    let matched = rules.evaluate(s);
    let acts: Vec<&str> = acting(rules, &matched, landing)
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    rules
        .rules
        .iter()
        .zip(&matched)
        .map(|(r, m)| {
            let in_scope = r.applies_to(landing);
            Verdict {
                rule: r.name.clone(),
                matched: *m,
                in_scope,
                acts: acts.contains(&r.name.as_str()),
                why: reason(&r.cond, rules, s).1,
            }
        })
        .collect()
}

fn reason(c: &Cond, rules: &Rules, s: &Subject) -> (bool, String) {
    match c {
        Cond::All(v) => {
            let parts: Vec<(bool, String)> = v.iter().map(|c| reason(c, rules, s)).collect();
            match parts.iter().find(|(ok, _)| !ok) {
                Some((_, why)) => (false, why.clone()),
                None => (true, join(&parts)),
            }
        }
        Cond::Any(v) => {
            let parts: Vec<(bool, String)> = v.iter().map(|c| reason(c, rules, s)).collect();
            match parts.iter().find(|(ok, _)| *ok) {
                Some((_, why)) => (true, why.clone()),
                None => (false, format!("none of: {}", join(&parts))),
            }
        }
        Cond::Not(inner) => {
            let (ok, why) = reason(inner, rules, s);
            (!ok, format!("not ({why})"))
        }
        Cond::Exists { header, exists } => {
            let present = s.mail.headers.iter().any(|(n, _)| n == header);
            let why = if present {
                format!("header {header} is present")
            } else {
                format!("header {header} is absent")
            };
            (present == *exists, why)
        }
        Cond::Matches {
            field, pattern, id, ..
        } => {
            let Some(re) = rules.regex(*id) else {
                return (false, format!("{} /{pattern}/ not compiled", field.label()));
            };
            for value in s.values(field) {
                if let Some(m) = re.find(&value) {
                    let shown: String = m.as_str().chars().take(60).collect();
                    return (
                        true,
                        format!(
                            "{} ~ /{pattern}/ ({:?})",
                            field.label(),
                            safe_text(&shown, true)
                        ),
                    );
                }
            }
            (false, format!("{} !~ /{pattern}/", field.label()))
        }
    }
}

fn join(parts: &[(bool, String)]) -> String {
    parts
        .iter()
        .map(|(_, w)| w.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}
