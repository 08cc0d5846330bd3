//! The words tix's logic speaks in: the type behind every status, the kind
//! of an article and who wrote it. Each is converted to and from the text
//! kept in the store and shown in JSON here, and nowhere else.

/// Declares an enum of words with its stored text (`as_str`, `parse`,
/// `ALL`, `Display`, `Serialize`).
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in the order the vocabulary lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored (and printed) text.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The value a stored text names.
            pub fn parse(text: &str) -> Option<$name> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// Every stored text, for messages that list the choices.
            pub fn names() -> String {
                Self::ALL
                    .iter()
                    .map(|v| v.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

pub(crate) use vocabulary;

vocabulary! {
    /// What a status means to tix; every configured status has one.
    StateType {
        New = "new",
        Open = "open",
        /// Waiting until a date, then due for a reminder.
        PendingReminder = "pending-reminder",
        /// Waiting until a date, then closed by itself.
        PendingAutoClose = "pending-auto-close",
        Closed = "closed",
        /// Folded into another ticket.
        Merged = "merged",
        /// Deleted: hidden everywhere, purged later.
        Removed = "removed",
    }
}

impl StateType {
    /// A pending status needs the date it waits for.
    pub fn is_pending(self) -> bool {
        matches!(
            self,
            StateType::PendingReminder | StateType::PendingAutoClose
        )
    }

    /// New or open: being worked on and not waiting.
    pub fn is_open(self) -> bool {
        matches!(self, StateType::New | StateType::Open)
    }

    /// The types every set of statuses must have (pending ones are optional).
    pub const REQUIRED: &'static [StateType] = &[
        StateType::New,
        StateType::Open,
        StateType::Closed,
        StateType::Merged,
        StateType::Removed,
    ];
}

vocabulary! {
    /// How an article came or went: mail, a note, a call, a letter, a fax.
    ArticleKind {
        EmailIn = "email-in",
        EmailOut = "email-out",
        Note = "note",
        PhoneIn = "phone-in",
        PhoneOut = "phone-out",
        LetterIn = "letter-in",
        LetterOut = "letter-out",
        FaxIn = "fax-in",
        FaxOut = "fax-out",
    }
}

impl ArticleKind {
    /// Mail, a call, a letter or a fax to the customer: an answer, as far
    /// as escalation times go (store::articles::ANSWER_CONDITION in SQL).
    pub fn answers_customer(self) -> bool {
        matches!(
            self,
            ArticleKind::EmailOut
                | ArticleKind::PhoneOut
                | ArticleKind::LetterOut
                | ArticleKind::FaxOut
        )
    }

    pub fn is_email(self) -> bool {
        matches!(self, ArticleKind::EmailIn | ArticleKind::EmailOut)
    }
}

vocabulary! {
    /// Who wrote an article.
    SenderType {
        Customer = "customer",
        Agent = "agent",
        /// tix itself: auto-replies, notifications.
        System = "system",
    }
}

/// Names typed on a command line (statuses, priorities) compare without
/// regard to case, and `-`/`_` stand for spaces, so `closed-successful`
/// names "closed successful".
pub fn name_key(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Priorities 1–5, named as in OTRS.
pub const PRIORITIES: [&str; 5] = ["very low", "low", "normal", "high", "very high"];

/// A priority typed as a number or a name (`high`, `very-high`).
pub fn parse_priority(text: &str) -> Option<i64> {
    if let Ok(n) = text.trim().parse::<i64>() {
        return (1..=5).contains(&n).then_some(n);
    }
    let key = name_key(text);
    PRIORITIES
        .iter()
        .position(|p| *p == key)
        .map(|i| i as i64 + 1)
}

pub fn priority_name(n: i64) -> &'static str {
    PRIORITIES
        .get((n - 1).clamp(0, 4) as usize)
        .copied()
        .unwrap_or("normal")
}

/// The actor named in history for what tix does by itself (intake, the
/// outbox, notifications).
pub const SYSTEM_ACTOR: &str = "tix";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_reads_back_as_itself() {
        for t in StateType::ALL {
            assert_eq!(StateType::parse(t.as_str()), Some(*t));
        }
        for k in ArticleKind::ALL {
            assert_eq!(ArticleKind::parse(k.as_str()), Some(*k));
        }
        for s in SenderType::ALL {
            assert_eq!(SenderType::parse(s.as_str()), Some(*s));
        }
        assert_eq!(StateType::parse("opened"), None);
    }
}

/// The language an agent writes in (or a queue's snippets are written in):
/// the words tix itself adds to a reply, such as the line above a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    De,
    #[default]
    En,
    Fr,
}
