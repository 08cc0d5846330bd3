//! The config's hooks and bounce policy, read into the model, and time
//! spans: values that are checked as they are read (events, spans, patterns).

use super::merge::{LateCheck, Merger};
use super::yaml::{pos, Spanned};
use std::path::Path;

impl Merger {
    pub(super) fn contact(
        &mut self,
        file: &Path,
        block: Spanned<crate::config::files::ContactFile>,
    ) {
        let c = block.value;
        let id = c.id.value.trim().to_string();
        if id.is_empty() {
            self.problem(
                file,
                pos(&c.id),
                "contacts[].id: give the contact an identifier".into(),
            );
            return;
        }
        if self.config.contacts.iter().any(|k| k.id == id) {
            let message = format!("contacts[].id: {id:?} is given twice");
            self.problem(file, pos(&c.id), message);
            return;
        }
        let mut lists = [Vec::new(), Vec::new()];
        for (list, written) in lists.iter_mut().zip([&c.addresses, &c.inactive]) {
            for a in written {
                let address = a.value.trim().to_lowercase();
                if !crate::bounces::address::well_formed(&address) {
                    let message = format!("contacts[]: {:?} is not a mail address", a.value);
                    self.problem(file, pos(a), message);
                    return;
                }
                list.push(address);
            }
        }
        let [addresses, inactive] = lists;
        self.config.contacts.push(crate::config::Contact {
            id,
            name: c.name.unwrap_or_default(),
            org: c.org.filter(|o| !o.trim().is_empty()),
            addresses,
            inactive,
            fields: serde_json::to_value(&c.fields).unwrap_or_default(),
        });
    }

    pub(super) fn hook(&mut self, file: &Path, block: Spanned<crate::config::files::HookFile>) {
        let at = pos(&block);
        let h = block.value;
        let mut on = Vec::new();
        for e in &h.on {
            match crate::config::HookEvent::parse(e.value.trim()) {
                Some(ev) => on.push(ev),
                None => {
                    let message = format!(
                        "hooks[].on: {:?} is not an event; events: {}",
                        e.value,
                        crate::config::HookEvent::names()
                    );
                    self.problem(file, pos(e), message);
                    return;
                }
            }
        }
        if on.is_empty() {
            self.problem(file, at, "hooks[].on: name one or more events".to_string());
            return;
        }
        if h.run.first().is_none_or(|p| p.value.trim().is_empty()) {
            self.problem(file, at, "hooks[].run: name the program to run".to_string());
            return;
        }
        let timeout = match &h.timeout {
            None => std::time::Duration::from_secs(30),
            Some(t) => match humantime::parse_duration(t.value.trim()) {
                Ok(d) if d.as_secs() > 0 => d,
                _ => {
                    let message = format!(
                        "hooks[].timeout: {:?} is not a time span (write e.g. 30s)",
                        t.value
                    );
                    self.problem(file, pos(t), message);
                    return;
                }
            },
        };
        if let Some(q) = &h.filter {
            self.late_checks.push(LateCheck::Query(
                q.value.clone(),
                file.to_path_buf(),
                pos(q),
            ));
        }
        self.config.hooks.push(crate::config::Hook {
            on,
            filter: h.filter.map(|f| f.value),
            run: h.run.into_iter().map(|r| r.value).collect(),
            timeout,
        });
    }

    pub(super) fn bounce_policy(
        &mut self,
        file: &Path,
        block: Spanned<crate::config::files::BouncePolicyFile>,
    ) {
        let at = pos(&block);
        if let Some(first) = &self.bounce_policy_at {
            let message = format!("bounce_policy is set already in {}", first.display());
            self.problem(file, at, message);
            return;
        }
        self.bounce_policy_at = Some(file.to_path_buf());
        let b = block.value;
        let mut policy = crate::bounces::policy::Policy::default();
        let mut problems = Vec::new();
        for (key, value, slot) in [
            ("hard", b.hard, &mut policy.hard),
            ("soft", b.soft, &mut policy.soft),
            ("watch_at", b.watch_at, &mut policy.watch_at),
            ("hold_at", b.hold_at, &mut policy.hold_at),
        ] {
            match value {
                Some(v) if !(v >= 0.0 && v.is_finite()) => {
                    problems.push(format!("bounce_policy.{key} must be a number 0 or more"))
                }
                Some(v) => *slot = v,
                None => {}
            }
        }
        for (name, weight) in &b.reasons {
            match crate::bounces::Reason::parse(name.trim()) {
                Some(r) if r.is_failure() => policy.reasons.push((r, *weight)),
                _ => problems.push(format!(
                    "bounce_policy.reasons: {name:?} is not a reason of failure (e.g. userunknown, mailboxfull, expired)"
                )),
            }
        }
        if policy.hold_at < policy.watch_at {
            problems.push("bounce_policy: hold_at is below watch_at".to_string());
        }
        if let Some(q) = &b.quiet {
            match humantime::parse_duration(q.trim()) {
                Ok(d) => policy.quiet = d.as_secs() as i64,
                Err(e) => problems.push(format!("bounce_policy.quiet: {e} (write e.g. 90d)")),
            }
        }
        for v in &b.verp {
            match crate::bounces::member::pattern(v.trim(), "member") {
                Ok(re) => policy.members.verp.push((v.clone(), re)),
                Err(e) => problems.push(format!("bounce_policy.verp: {e}")),
            }
        }
        if let Some(h) = b.member_headers {
            policy.members.headers = h;
        }
        if let Some(p) = &b.probe_from {
            match crate::bounces::member::pattern(p.trim(), "token") {
                Ok(re) => policy.members.probe = Some((p.clone(), re)),
                Err(e) => problems.push(format!("bounce_policy.probe_from: {e}")),
            }
        }
        for message in problems {
            self.problem(file, at, message);
        }
        self.config.bounce_policy = policy;
    }

    /// A span of time written as `4h`, `2d`, `1week`; `None` (and a
    /// problem) when it is not one.
    pub(super) fn duration(
        &mut self,
        file: &Path,
        key: &str,
        value: &Option<Spanned<String>>,
    ) -> Option<i64> {
        let v = value.as_ref()?;
        match humantime::parse_duration(v.value.trim()) {
            Ok(d) if d.as_secs() > 0 => Some(d.as_secs() as i64),
            Ok(_) => {
                self.problem(file, pos(v), format!("{key} must be longer than nothing"));
                None
            }
            Err(e) => {
                let message = format!("{key}: {e} (write e.g. 4h, 2d, 1week)");
                self.problem(file, pos(v), message);
                None
            }
        }
    }
}
