//! The ticket number carried in a subject: `[Ticket#2013070410000731]`, and the
//! looser `Ticket#: 2013070410000731` some mail clients leave after editing.

use regex::Regex;

#[derive(Debug, Clone)]
pub struct SubjectTag {
    bracketed: Regex,
    loose: Regex,
    hook: String,
    divider: String,
}

impl SubjectTag {
    pub fn new(hook: &str, divider: &str) -> SubjectTag {
        let h = regex::escape(hook);
        let d = regex::escape(divider);
        SubjectTag {
            bracketed: Regex::new(&format!(r"(?i)\[\s*{h}\s*(?:{d})?\s*:?\s*(\d+)\s*\]"))
                .expect("escaped hook makes a valid pattern"),
            loose: Regex::new(&format!(r"(?i){h}\s*:\s*(\d{{10,}})"))
                .expect("escaped hook makes a valid pattern"),
            hook: hook.to_string(),
            divider: divider.to_string(),
        }
    }

    /// Every number tagged in `subject`, bracketed ones first.
    pub fn numbers(&self, subject: &str) -> Vec<String> {
        let mut found: Vec<String> = self
            .bracketed
            .captures_iter(subject)
            .chain(self.loose.captures_iter(subject))
            .map(|c| c[1].to_string())
            .collect();
        found.dedup();
        found
    }

    /// `subject` without any tag of ours (for building a new subject).
    pub fn strip(&self, subject: &str) -> String {
        let once = self.bracketed.replace_all(subject, "");
        let twice = self.loose.replace_all(&once, "");
        twice.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The tag for outgoing subjects.
    pub fn tag(&self, number: &str) -> String {
        format!("[{}{}{}]", self.hook, self.divider, number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_tags() {
        let t = SubjectTag::new("Ticket#", "");
        assert_eq!(
            t.numbers("Re: [Ticket#2013070410000731] Hallo"),
            ["2013070410000731"]
        );
        assert_eq!(
            t.numbers("AW: ticket#: 2013070410000731"),
            ["2013070410000731"]
        );
        assert!(t.numbers("Ticket 12").is_empty());
        assert_eq!(t.tag("1"), "[Ticket#1]");
        let t = SubjectTag::new("Anfrage#", "::");
        assert_eq!(
            t.numbers("[Anfrage#::2013070410000731]"),
            ["2013070410000731"]
        );
    }
}
