//! What became of each message read, and the counts of a run.

use serde::Serialize;

/// What became of one message.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    NewTicket(String),
    FollowUp(String),
    Duplicate,
    Quarantined(String),
}

/// What became of one message read, in a few words.
impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::NewTicket(n) => write!(f, "new ticket {n}"),
            Outcome::FollowUp(n) => write!(f, "follow-up on ticket {n}"),
            Outcome::Duplicate => f.write_str("duplicate: seen before, not stored again"),
            Outcome::Quarantined(why) => write!(f, "quarantined: {why}"),
        }
    }
}

/// Counts for a run; they always add up to `read`.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Summary {
    pub read: u64,
    pub imported: u64,
    pub follow_ups: u64,
    pub duplicates: u64,
    pub quarantined: u64,
}

impl Summary {
    pub fn add(&mut self, outcome: &Outcome) {
        self.read += 1;
        match outcome {
            Outcome::NewTicket(_) => self.imported += 1,
            Outcome::FollowUp(_) => self.follow_ups += 1,
            Outcome::Duplicate => self.duplicates += 1,
            Outcome::Quarantined(_) => self.quarantined += 1,
        }
    }

    /// Adds another run's counts (several sources or accounts in one run).
    pub fn absorb(&mut self, other: &Summary) {
        self.read += other.read;
        self.imported += other.imported;
        self.follow_ups += other.follow_ups;
        self.duplicates += other.duplicates;
        self.quarantined += other.quarantined;
    }

    pub fn line(&self) -> String {
        format!(
            "{} read: {} new tickets, {} follow-ups, {} duplicates, {} quarantined",
            self.read, self.imported, self.follow_ups, self.duplicates, self.quarantined
        )
    }
}
