//! Rules as written in YAML, checked and compiled. Every mistake is a
//! config problem at `file:line:column`, never a rule silently skipped.

use super::{Actions, Cond, Field, Rule, Rules, Scope};
use crate::config::files::{ActionsFile, CondFile, RuleFile, Spanned};
use crate::config::{pos, Config, Pos, Problem};
use crate::vocabulary::StateType;
use regex::{Regex, RegexBuilder};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

struct Compiler<'a> {
    file: &'a Path,
    problems: &'a mut Vec<Problem>,
    /// Every pattern as (field id, text, case-sensitive), by pattern id.
    patterns: Vec<(usize, String, bool)>,
    /// The fields patterns look at, by field id.
    fields: Vec<Field>,
}

impl Compiler<'_> {
    fn problem(&mut self, at: Pos, message: String) {
        self.problems.push(Problem {
            file: self.file.to_path_buf(),
            line: at.0,
            column: at.1,
            message,
        });
    }

    /// Compiles the condition `c`, written at `at`.
    fn cond(&mut self, at: Pos, c: &CondFile) -> Option<Cond> {
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
                at,
                format!(
                    "a condition needs exactly one of all, any, not, header, from, to, cc, subject, body, attachment, mailbox (found {})",
                    if kinds.is_empty() { "none".to_string() } else { kinds.join(", ") }
                ),
            );
            return None;
        }
        let kind = kinds[0];
        if kind != "header" && (c.matches.is_some() || c.exists.is_some()) {
            self.problem(at, format!("matches and exists go with header, not {kind}"));
            return None;
        }
        let list = |this: &mut Self, items: &(Pos, Vec<Spanned<CondFile>>), key: &str| {
            let (at, items) = items;
            if items.is_empty() {
                this.problem(*at, format!("{key} needs at least one condition"));
                return None;
            }
            let compiled: Vec<Option<Cond>> = items
                .iter()
                .map(|item| this.cond(pos(item), &item.value))
                .collect();
            compiled.into_iter().collect::<Option<Vec<Cond>>>()
        };
        match kind {
            "all" => list(self, c.all.as_ref()?, "all").map(Cond::All),
            "any" => list(self, c.any.as_ref()?, "any").map(Cond::Any),
            "not" => {
                let (at, inner) = c.not.as_deref()?;
                self.cond(*at, inner).map(|c| Cond::Not(Box::new(c)))
            }
            "header" => {
                let header = c.header.as_ref()?;
                let name = header.value.trim().to_lowercase();
                if name.is_empty() || name.contains(':') || name.contains(char::is_whitespace) {
                    self.problem(pos(header), format!("{name:?} is not a header name"));
                    return None;
                }
                match (&c.matches, c.exists) {
                    (Some(p), None) => self.pattern(Field::Header(name), p, c.case_sensitive),
                    (None, Some(exists)) => Some(Cond::Exists {
                        header: name,
                        exists,
                    }),
                    _ => {
                        self.problem(
                            at,
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
                self.pattern(field, p.as_ref()?, c.case_sensitive)
            }
        }
    }

    fn pattern(
        &mut self,
        field: Field,
        written: &Spanned<String>,
        case_sensitive: bool,
    ) -> Option<Cond> {
        let pattern = written.value.as_str();
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
                pos(written),
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

    fn actions(&mut self, a: &ActionsFile, config: &Config) -> Option<Actions> {
        let before = self.problems.len();
        let mut out = Actions {
            no_autoreply: a.no_autoreply,
            ..Default::default()
        };
        if let Some(q) = &a.queue {
            match config.queue(&q.value) {
                Some(found) => out.queue = Some(found.name.clone()),
                None => self.problem(pos(q), format!("queue {:?} is not defined", q.value)),
            }
        }
        if let Some(p) = &a.priority {
            match crate::vocabulary::parse_priority(&p.value) {
                Some(n) => out.priority = Some(n),
                None => self.problem(
                    pos(p),
                    format!(
                        "priority {:?} is not 1–5 or very-low, low, normal, high, very-high",
                        p.value
                    ),
                ),
            }
        }
        for (value, slot) in [
            (&a.owner, &mut out.owner),
            (&a.responsible, &mut out.responsible),
        ] {
            if let Some(name) = value {
                if config.agents.is_empty() || config.agent(&name.value).is_some() {
                    *slot = Some(
                        config
                            .agent(&name.value)
                            .map(|a| a.name.clone())
                            .unwrap_or(name.value.clone()),
                    );
                } else {
                    self.problem(pos(name), format!("agent {:?} is not defined", name.value));
                }
            }
        }
        for t in &a.tags {
            let tag = t.value.trim().to_lowercase();
            if tag.is_empty() || tag.contains(char::is_whitespace) || tag.contains(':') {
                self.problem(
                    pos(t),
                    format!("{:?} is not a tag (one word, no colon)", t.value),
                );
            } else {
                out.tags.push(tag);
            }
        }
        if let Some(s) = &a.state {
            let at = pos(s);
            match config.status(&s.value) {
                Some(st) if st.state_type == StateType::Merged => {
                    self.problem(at, "a rule cannot merge".into())
                }
                Some(st) if st.state_type.is_pending() => self.problem(
                    at,
                    format!(
                        "status {:?} is pending and needs a date; a rule cannot set it",
                        s.value
                    ),
                ),
                Some(st) => out.state = Some(st.name.clone()),
                None => self.problem(
                    at,
                    format!(
                        "status {:?} is not defined; statuses: {}",
                        s.value,
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
    files: &[(PathBuf, Vec<RuleFile>)],
    config: &Config,
    problems: &mut Vec<Problem>,
) -> Rules {
    let mut rules = Vec::new();
    let mut patterns: Vec<(usize, String, bool)> = Vec::new();
    let mut fields: Vec<Field> = Vec::new();
    let mut names: HashMap<String, (PathBuf, usize)> = HashMap::new();
    for (file, list) in files {
        for r in list {
            let mut c = Compiler {
                file,
                problems,
                patterns: std::mem::take(&mut patterns),
                fields: std::mem::take(&mut fields),
            };
            let name = r.name.value.trim();
            let at = pos(&r.name);
            if name.is_empty() {
                c.problem(at, "a rule needs a name".into());
            } else if let Some((f, line)) = names.get(&name.to_lowercase()) {
                let msg = format!(
                    "rule {:?} is defined already in {}:{line}",
                    r.name.value,
                    f.display()
                );
                c.problem(at, msg);
            } else {
                names.insert(name.to_lowercase(), (file.to_path_buf(), at.0));
            }
            let cond = c.cond(r.condition.0, &r.condition.1);
            let actions = c.actions(&r.then, config);
            patterns = c.patterns;
            fields = c.fields;
            if let (Some(cond), Some(actions)) = (cond, actions) {
                rules.push(Rule {
                    name: name.to_string(),
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
