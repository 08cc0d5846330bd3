//! Rules as written in YAML, checked and compiled. Every mistake is a
//! config problem at `file:line:column`, never a rule silently skipped.

use super::{Actions, Cond, Field, Rule, Rules, Scope};
use crate::config::{Config, Positions, Problem};
use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    name: String,
    #[serde(rename = "if")]
    condition: CondFile,
    #[serde(default)]
    then: ActionsFile,
    #[serde(default)]
    followups: Scope,
    #[serde(default)]
    stop: bool,
    /// Only follow-ups to a closed (true) or not closed (false) ticket.
    ticket_closed: Option<bool>,
}

/// One condition node: exactly one of the keys (with `matches`/`exists` for
/// `header`, and `case_sensitive` beside any pattern).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CondFile {
    all: Option<Vec<CondFile>>,
    any: Option<Vec<CondFile>>,
    not: Option<Box<CondFile>>,
    header: Option<String>,
    matches: Option<String>,
    exists: Option<bool>,
    from: Option<String>,
    to: Option<String>,
    cc: Option<String>,
    subject: Option<String>,
    body: Option<String>,
    attachment: Option<String>,
    mailbox: Option<String>,
    #[serde(default)]
    case_sensitive: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionsFile {
    queue: Option<String>,
    priority: Option<serde_yaml::Value>,
    owner: Option<String>,
    responsible: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    state: Option<String>,
    #[serde(default)]
    no_autoreply: bool,
}

struct Compiler<'a> {
    file: &'a Path,
    pos: &'a Positions,
    problems: &'a mut Vec<Problem>,
    /// Every pattern as (field id, text, case-sensitive), by pattern id.
    patterns: Vec<(usize, String, bool)>,
    /// The fields patterns look at, by field id.
    fields: Vec<Field>,
}

impl Compiler<'_> {
    fn problem(&mut self, path: &str, message: String) {
        let (line, column) = self.pos.of(path);
        self.problems.push(Problem {
            file: self.file.to_path_buf(),
            line,
            column,
            message,
        });
    }

    fn cond(&mut self, c: &CondFile, path: &str) -> Option<Cond> {
        let mut kinds: Vec<&str> = Vec::new();
        for (set, key) in [
            (c.all.is_some(), "all"),
            (c.any.is_some(), "any"),
            (c.not.is_some(), "not"),
            (c.header.is_some(), "header"),
            (c.from.is_some(), "from"),
            (c.to.is_some(), "to"),
            (c.cc.is_some(), "cc"),
            (c.subject.is_some(), "subject"),
            (c.body.is_some(), "body"),
            (c.attachment.is_some(), "attachment"),
            (c.mailbox.is_some(), "mailbox"),
        ] {
            if set {
                kinds.push(key);
            }
        }
        if kinds.len() != 1 {
            self.problem(
                path,
                format!(
                    "a condition needs exactly one of all, any, not, header, from, to, cc, subject, body, attachment, mailbox (found {})",
                    if kinds.is_empty() { "none".to_string() } else { kinds.join(", ") }
                ),
            );
            return None;
        }
        let kind = kinds[0];
        if kind != "header" && (c.matches.is_some() || c.exists.is_some()) {
            self.problem(
                path,
                format!("matches and exists go with header, not {kind}"),
            );
            return None;
        }
        let list = |this: &mut Self, items: &[CondFile], key: &str| -> Option<Vec<Cond>> {
            if items.is_empty() {
                this.problem(
                    &format!("{path}.{key}"),
                    format!("{key} needs at least one condition"),
                );
                return None;
            }
            let compiled: Vec<Option<Cond>> = items
                .iter()
                .enumerate()
                .map(|(i, item)| this.cond(item, &format!("{path}.{key}[{i}]")))
                .collect();
            compiled.into_iter().collect()
        };
        match kind {
            "all" => list(self, c.all.as_deref().unwrap_or_default(), "all").map(Cond::All),
            "any" => list(self, c.any.as_deref().unwrap_or_default(), "any").map(Cond::Any),
            "not" => {
                let inner = c.not.as_deref()?;
                self.cond(inner, &format!("{path}.not"))
                    .map(|c| Cond::Not(Box::new(c)))
            }
            "header" => {
                let name = c
                    .header
                    .as_deref()
                    .unwrap_or_default()
                    .trim()
                    .to_lowercase();
                if name.is_empty() || name.contains(':') || name.contains(char::is_whitespace) {
                    self.problem(
                        &format!("{path}.header"),
                        format!("{name:?} is not a header name"),
                    );
                    return None;
                }
                match (&c.matches, c.exists) {
                    (Some(p), None) => self.pattern(
                        Field::Header(name),
                        p,
                        c.case_sensitive,
                        &format!("{path}.matches"),
                    ),
                    (None, Some(exists)) => Some(Cond::Exists {
                        header: name,
                        exists,
                    }),
                    _ => {
                        self.problem(
                            path,
                            "header needs either matches: REGEX or exists: true/false".into(),
                        );
                        None
                    }
                }
            }
            _ => {
                let (field, p) = match kind {
                    "from" => (Field::From, &c.from),
                    "to" => (Field::To, &c.to),
                    "cc" => (Field::Cc, &c.cc),
                    "subject" => (Field::Subject, &c.subject),
                    "body" => (Field::Body, &c.body),
                    "attachment" => (Field::Attachment, &c.attachment),
                    _ => (Field::Mailbox, &c.mailbox),
                };
                let p = p.as_deref().unwrap_or_default();
                self.pattern(field, p, c.case_sensitive, &format!("{path}.{kind}"))
            }
        }
    }

    fn pattern(
        &mut self,
        field: Field,
        pattern: &str,
        case_sensitive: bool,
        path: &str,
    ) -> Option<Cond> {
        if let Err(e) = build(pattern, case_sensitive) {
            // The regex crate's message spans lines; keep its last, telling line.
            let why = e.to_string();
            let why = why
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .trim();
            self.problem(
                path,
                format!(
                    "invalid regular expression {pattern:?}: {}",
                    why.trim_start_matches("error: ")
                ),
            );
            return None;
        }
        let field_id = match self.fields.iter().position(|f| *f == field) {
            Some(i) => i,
            None => {
                self.fields.push(field.clone());
                self.fields.len() - 1
            }
        };
        self.patterns
            .push((field_id, pattern.to_string(), case_sensitive));
        Some(Cond::Matches {
            field,
            pattern: pattern.to_string(),
            id: self.patterns.len() - 1,
            field_id,
        })
    }

    fn actions(&mut self, a: &ActionsFile, path: &str, config: &Config) -> Option<Actions> {
        let before = self.problems.len();
        let mut out = Actions {
            no_autoreply: a.no_autoreply,
            ..Default::default()
        };
        if let Some(q) = &a.queue {
            match config.queue(q) {
                Some(q) => out.queue = Some(q.name.clone()),
                None => self.problem(
                    &format!("{path}.queue"),
                    format!("queue {q:?} is not defined"),
                ),
            }
        }
        if let Some(p) = &a.priority {
            let text = match p {
                serde_yaml::Value::Number(n) => n.to_string(),
                serde_yaml::Value::String(s) => s.clone(),
                _ => String::new(),
            };
            match crate::store::tickets::parse_priority(&text) {
                Some(n) => out.priority = Some(n),
                None => self.problem(
                    &format!("{path}.priority"),
                    format!(
                        "priority {text:?} is not 1–5 or very-low, low, normal, high, very-high"
                    ),
                ),
            }
        }
        for (key, value, slot) in [
            ("owner", &a.owner, &mut out.owner),
            ("responsible", &a.responsible, &mut out.responsible),
        ] {
            if let Some(name) = value {
                if config.agents.is_empty() || config.agent(name).is_some() {
                    *slot = Some(
                        config
                            .agent(name)
                            .map(|a| a.name.clone())
                            .unwrap_or(name.clone()),
                    );
                } else {
                    self.problem(
                        &format!("{path}.{key}"),
                        format!("agent {name:?} is not defined"),
                    );
                }
            }
        }
        for (i, t) in a.tags.iter().enumerate() {
            let tag = t.trim().to_lowercase();
            if tag.is_empty() || tag.contains(char::is_whitespace) || tag.contains(':') {
                self.problem(
                    &format!("{path}.tags[{i}]"),
                    format!("{t:?} is not a tag (one word, no colon)"),
                );
            } else {
                out.tags.push(tag);
            }
        }
        if let Some(s) = &a.state {
            match config.status(s) {
                Some(st) if st.state_type == "merged" => {
                    self.problem(&format!("{path}.state"), "a rule cannot merge".into())
                }
                Some(st) if st.state_type.starts_with("pending-") => self.problem(
                    &format!("{path}.state"),
                    format!("status {s:?} is pending and needs a date; a rule cannot set it"),
                ),
                Some(st) => out.state = Some(st.name.clone()),
                None => self.problem(
                    &format!("{path}.state"),
                    format!(
                        "status {s:?} is not defined; statuses: {}",
                        config.status_names()
                    ),
                ),
            }
        }
        (self.problems.len() == before).then_some(out)
    }
}

fn build(pattern: &str, case_sensitive: bool) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .case_insensitive(!case_sensitive)
        .size_limit(1 << 20)
        .build()
}

/// Checks and compiles the rules of every file, in file order.
pub fn compile_rules(
    files: &[(PathBuf, Positions, Vec<RuleFile>)],
    config: &Config,
    problems: &mut Vec<Problem>,
) -> Rules {
    let mut rules = Vec::new();
    let mut patterns: Vec<(usize, String, bool)> = Vec::new();
    let mut fields: Vec<Field> = Vec::new();
    let mut names: HashMap<String, (PathBuf, usize)> = HashMap::new();
    for (file, pos, list) in files {
        for (i, r) in list.iter().enumerate() {
            let path = format!("rules[{i}]");
            let mut c = Compiler {
                file,
                pos,
                problems,
                patterns: std::mem::take(&mut patterns),
                fields: std::mem::take(&mut fields),
            };
            if r.name.trim().is_empty() {
                c.problem(&format!("{path}.name"), "a rule needs a name".into());
            } else if let Some((f, line)) = names.get(&r.name.to_lowercase()) {
                let msg = format!(
                    "rule {:?} is defined already in {}:{line}",
                    r.name,
                    f.display()
                );
                c.problem(&format!("{path}.name"), msg);
            } else {
                names.insert(
                    r.name.to_lowercase(),
                    (file.to_path_buf(), pos.of(&format!("{path}.name")).0),
                );
            }
            let cond = c.cond(&r.condition, &format!("{path}.if"));
            let actions = c.actions(&r.then, &format!("{path}.then"), config);
            patterns = c.patterns;
            fields = c.fields;
            if let (Some(cond), Some(actions)) = (cond, actions) {
                rules.push(Rule {
                    name: r.name.trim().to_string(),
                    cond,
                    actions,
                    // ticket_closed speaks of follow-ups only.
                    scope: if r.ticket_closed.is_some() && r.followups == Scope::New {
                        Scope::Followups
                    } else {
                        r.followups
                    },
                    stop: r.stop,
                    ticket_closed: r.ticket_closed,
                });
            }
        }
    }
    let prefilters = (0..fields.len())
        .map(|f| {
            let mine: Vec<(usize, &str, bool)> = patterns
                .iter()
                .enumerate()
                .filter(|(_, (field, _, _))| *field == f)
                .map(|(id, (_, p, cs))| (id, p.as_str(), *cs))
                .collect();
            super::prefilter::Prefilter::new(&mine)
        })
        .collect();
    let patterns = patterns
        .iter()
        .map(|(_, p, cs)| build(p, *cs).expect("checked when the condition was compiled"))
        .collect();
    Rules {
        rules,
        patterns,
        fields,
        prefilters,
    }
}
