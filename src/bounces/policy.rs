//! How bounces add up to a decision about an address (`bounce_policy:` in
//! the config). As Mailman does it: each failure adds a weight (hard 1,
//! soft 0.5, or the weight of its reason), at most once a day; an address
//! is watched from `watch_at`, held (to be removed from the member list)
//! from `hold_at` or when the probe of a bounce round bounces too; after
//! `quiet` without a bounce a watched address is fine again. Delays never
//! count. Held and removed addresses stay so until cleared by hand or until
//! the address writes to us.

use crate::store::bounce_record::Entry;

/// An address's state, in the order an address goes through them.
pub const OK: &str = "ok";
pub const WATCH: &str = "watch";
pub const HOLD: &str = "hold";
pub const REMOVED: &str = "removed";
pub const STATES: &[&str] = &[OK, WATCH, HOLD, REMOVED];

const DAY: i64 = 86_400;

#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub hard: f64,
    pub soft: f64,
    /// Weights per reason (sisimai's names), before hard and soft.
    pub reasons: Vec<(super::Reason, f64)>,
    pub watch_at: f64,
    pub hold_at: f64,
    /// Seconds without a bounce after which a watched address is fine.
    pub quiet: i64,
    /// Return paths and headers that name the member (see `member`).
    pub members: super::member::MemberPatterns,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            hard: 1.0,
            soft: 0.5,
            reasons: vec![],
            watch_at: 1.0,
            hold_at: 3.0,
            quiet: 90 * DAY,
            members: Default::default(),
        }
    }
}

/// What one failure did to an address.
pub struct Applied {
    /// What it added to the score (0 when a failure of the same day
    /// counted already, or the address is held or removed).
    pub added: f64,
}

impl Policy {
    /// The weight of one failure.
    pub fn weight(&self, reason: Option<super::Reason>, hard: bool) -> f64 {
        reason
            .and_then(|r| self.reasons.iter().find(|(x, _)| *x == r))
            .map(|(_, w)| *w)
            .unwrap_or(if hard { self.hard } else { self.soft })
    }

    /// A new record for `address`.
    pub fn fresh(address: &str) -> Entry {
        Entry {
            address: address.to_string(),
            state: OK.into(),
            score: 0.0,
            watch_since: None,
            hold_since: None,
            removed_at: None,
            last_bounce: None,
            hard: false,
            reason: None,
            status: None,
            member: None,
            probe_sent_at: None,
        }
    }

    /// The record as it stands at `now`: a watched address quiet for long
    /// enough is fine again.
    pub fn effective(&self, mut e: Entry, now: i64) -> Entry {
        if e.state == WATCH && e.last_bounce.is_some_and(|b| now - b > self.quiet) {
            e.state = OK.into();
            e.score = 0.0;
            e.watch_since = None;
        }
        e
    }

    /// A failure at `at` weighing `weight`; `probe`: the bounce of a round's
    /// probe, which holds the address whatever its score.
    pub fn failure(&self, e: &mut Entry, at: i64, weight: f64, probe: bool) -> Applied {
        let counted_today = e.last_bounce.is_some_and(|b| (at - b).abs() < DAY);
        *e = self.effective(e.clone(), at);
        let mut added = 0.0;
        if e.state != REMOVED && e.state != HOLD && !counted_today {
            e.score += weight;
            added = weight;
        }
        if e.last_bounce.is_none_or(|b| at >= b) {
            e.last_bounce = Some(at);
        }
        let next = if e.state == REMOVED || e.state == HOLD {
            None
        } else if probe || e.score >= self.hold_at {
            Some(HOLD)
        } else if e.score >= self.watch_at && e.state == OK {
            Some(WATCH)
        } else {
            None
        };
        match next {
            Some(HOLD) => {
                e.state = HOLD.into();
                e.hold_since = Some(at);
                e.watch_since = e.watch_since.or(Some(at));
            }
            Some(_) => {
                e.state = WATCH.into();
                e.watch_since = Some(at);
            }
            None => {}
        }
        Applied { added }
    }

    /// The address works (it wrote to us, a success notice, cleared by
    /// hand): fine again, score gone; a removed one stays removed unless
    /// cleared by hand (`by_hand`).
    pub fn works(&self, e: &mut Entry, by_hand: bool) {
        if e.state == REMOVED && !by_hand {
            return;
        }
        e.state = OK.into();
        e.score = 0.0;
        e.watch_since = None;
        e.hold_since = None;
        e.removed_at = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hard_bounces_watch_then_hold_and_a_quiet_spell_forgives_a_watch() {
        let p = Policy::default();
        let mut e = Policy::fresh("a@x.example");
        p.failure(&mut e, 0, p.weight(None, true), false);
        assert_eq!((e.state.as_str(), e.score), (WATCH, 1.0));
        // The same day counts once.
        p.failure(&mut e, 3600, 1.0, false);
        assert_eq!(e.score, 1.0);
        p.failure(&mut e, 30 * DAY, 1.0, false);
        assert_eq!(e.state, WATCH);
        p.failure(&mut e, 60 * DAY, 1.0, false);
        assert_eq!((e.state.as_str(), e.hold_since), (HOLD, Some(60 * DAY)));
        // A watch ends after a quiet spell; a hold does not.
        let mut w = Policy::fresh("b@x.example");
        p.failure(&mut w, 0, 0.5, false);
        p.failure(&mut w, 2 * DAY, 0.5, false);
        assert_eq!(w.state, WATCH);
        assert_eq!(p.effective(w.clone(), 200 * DAY).state, OK);
        assert_eq!(p.effective(e, 400 * DAY).state, HOLD);
    }

    #[test]
    fn a_probe_that_bounces_holds_and_reasons_weigh_as_configured() {
        let p = Policy {
            reasons: vec![(super::super::Reason::MailboxFull, 0.25)],
            ..Policy::default()
        };
        assert_eq!(
            p.weight(Some(super::super::Reason::MailboxFull), false),
            0.25
        );
        assert_eq!(p.weight(Some(super::super::Reason::UserUnknown), true), 1.0);
        let mut e = Policy::fresh("a@x.example");
        p.failure(&mut e, 0, 0.25, false);
        assert_eq!(e.state, OK);
        p.failure(&mut e, 10 * DAY, 0.25, true);
        assert_eq!(e.state, HOLD);
        p.works(&mut e, false);
        assert_eq!((e.state.as_str(), e.score), (OK, 0.0));
    }
}
