//! `tix report`: how the office did over a period, as OTRS's statistics
//! answer it: tickets created, closed (by close reason), reopened and
//! merged; the backlog at the start and the end; first-response and
//! solution times (median and 90th percentile, in working time by the
//! queue's calendar and around the clock); the share answered within the
//! queue's escalation times; bounces by reason. Per queue, agent (the
//! ticket's owner), month or week, with totals; and the weekly series the
//! HTML page draws.
//!
//! Everything comes from stored facts (creation, first answer, closing,
//! the time a pending status stopped the clock) and the history rows that
//! moved tickets in and out of work, read for the period only. A ticket
//! counts in the queue and under the owner it has now.

pub mod html;

use crate::calendar::Calendar;
use crate::config::Config;
use crate::error::Result;
use crate::store::report::{self as facts, Transition};
use crate::store::Db;
use crate::vocabulary::StateType;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// How the figures are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum By {
    Queue,
    /// The ticket's owner ("-" for none)
    Agent,
    Month,
    Week,
}

/// What to report on.
pub struct Request<'a> {
    pub from: i64,
    pub to: i64,
    pub by: By,
    /// Only these queues (a queue and those below it).
    pub queues: Option<&'a [String]>,
    pub now: i64,
}

/// Times from creation to an answer or a solution, in seconds.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Times {
    pub tickets: u64,
    pub median_seconds: Option<i64>,
    pub p90_seconds: Option<i64>,
    /// Working time by the queue's calendar (around the clock without one).
    pub median_working_seconds: Option<i64>,
    pub p90_working_seconds: Option<i64>,
}

/// Tickets measured against a queue's escalation time.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct InTime {
    pub within: u64,
    pub missed: u64,
    /// within / (within + missed); none when no ticket had a time to meet.
    pub share: Option<f64>,
}

/// The figures of one group (or of all: the totals).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Figures {
    pub group: String,
    pub created: u64,
    pub closed: u64,
    /// Closings by the status closed to ("closed successful", …).
    pub closed_by_reason: BTreeMap<String, u64>,
    pub reopened: u64,
    pub merged: u64,
    pub backlog_start: i64,
    pub backlog_end: i64,
    pub first_response: Times,
    pub solution: Times,
    pub first_response_in_time: InTime,
    pub solution_in_time: InTime,
}

/// One week of the period, for the charts.
#[derive(Debug, Clone, Serialize)]
pub struct Week {
    pub week: String,
    #[serde(serialize_with = "crate::dates::serialize_ts")]
    pub start: i64,
    pub created: u64,
    pub closed: u64,
    /// Tickets being worked on at the end of the week (or of the period).
    pub backlog: i64,
}

/// First responses of one queue by how long they took (working time).
#[derive(Debug, Clone, Serialize)]
pub struct Distribution {
    pub queue: String,
    /// Counts per [`BUCKETS`] entry.
    pub counts: Vec<u64>,
}

/// The bucket labels of [`Distribution`], with their upper bounds in seconds.
pub const BUCKETS: &[(&str, i64)] = &[
    ("< 1 h", 3_600),
    ("1–4 h", 4 * 3_600),
    ("4–8 h", 8 * 3_600),
    ("8–24 h", 24 * 3_600),
    ("1–3 d", 3 * 86_400),
    ("> 3 d", i64::MAX),
];

#[derive(Debug, Clone, Serialize)]
pub struct Bounces {
    pub total: u64,
    pub by_reason: BTreeMap<String, u64>,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    #[serde(serialize_with = "crate::dates::serialize_ts")]
    pub from: i64,
    #[serde(serialize_with = "crate::dates::serialize_ts")]
    pub to: i64,
    pub by: By,
    pub queue: Option<String>,
    pub groups: Vec<Figures>,
    pub total: Figures,
    pub bounces: Bounces,
    pub weeks: Vec<Week>,
    pub response_buckets: Vec<String>,
    pub response_distribution: Vec<Distribution>,
}

/// Whether a status (by name) leaves a ticket being worked on; a name the
/// config no longer has is judged by its words.
fn state_type(config: &Config, name: &str) -> StateType {
    if let Some(s) = config.status(name) {
        return s.state_type;
    }
    let lower = name.to_lowercase();
    if lower.starts_with("closed") {
        StateType::Closed
    } else if lower.starts_with("merged") {
        StateType::Merged
    } else if lower.starts_with("removed") || lower.starts_with("deleted") {
        StateType::Removed
    } else {
        StateType::Open
    }
}

fn is_worked_on(t: StateType) -> bool {
    matches!(
        t,
        StateType::New | StateType::Open | StateType::PendingReminder | StateType::PendingAutoClose
    )
}

fn is_worked_on_text(state_type: &str) -> bool {
    matches!(
        state_type,
        "new" | "open" | "pending-reminder" | "pending-auto-close"
    )
}

/// What a history row did to a ticket, for the counts and the backlog.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Moved {
    Closed,
    Reopened,
    Merged,
    /// Into or out of work otherwise (deleted, unmerged, a pending status…).
    Other,
}

fn classify(config: &Config, t: &Transition) -> Option<(Moved, i64)> {
    let new = t.new.as_deref()?;
    match t.action.as_str() {
        "state" => {
            let old = state_type(config, t.old.as_deref()?);
            let new = state_type(config, new);
            let delta = is_worked_on(new) as i64 - is_worked_on(old) as i64;
            let moved = if new == StateType::Closed && old != StateType::Closed {
                Moved::Closed
            } else if old == StateType::Closed && is_worked_on(new) {
                Moved::Reopened
            } else {
                Moved::Other
            };
            Some((moved, delta))
        }
        // The detail is the status it had: an open ticket leaves work.
        "merged into" => {
            let before = t.detail.as_deref().map(|d| state_type(config, d));
            Some((Moved::Merged, -(before.is_some_and(is_worked_on) as i64)))
        }
        "unmerged" => Some((Moved::Other, is_worked_on(state_type(config, new)) as i64)),
        _ => None,
    }
}

/// A change in the number of tickets being worked on, for one group key.
struct Step {
    at: i64,
    key: String,
    delta: i64,
}

pub fn compute(conn: &Db, config: &Config, req: &Request) -> Result<Report> {
    let Request {
        from, to, by, now, ..
    } = *req;
    let created = facts::created_since(conn, from, req.queues)?;
    let transitions = facts::transitions_since(conn, from, req.queues)?;
    let closed = facts::closed_between(conn, from, to, req.queues)?;
    let open_now = facts::open_now(conn, by == By::Agent, req.queues)?;
    let bounce_rows = facts::bounces_between(conn, from, to, req.queues)?;

    let owner_key = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".to_string());
    // The key a ticket's backlog is kept under: per queue or owner; the
    // time groupings read one backlog at their boundaries.
    let backlog_key = |queue: &str, owner: &Option<String>| match by {
        By::Queue => queue.to_string(),
        By::Agent => owner_key(owner),
        By::Month | By::Week => String::new(),
    };
    let group_of = |queue: &str, owner: &Option<String>, at: i64| match by {
        By::Queue => queue.to_string(),
        By::Agent => owner_key(owner),
        By::Month => crate::dates::month_label(at),
        By::Week => crate::dates::week_label(at),
    };

    let mut groups: BTreeMap<String, Figures> = BTreeMap::new();
    let mut total = Figures {
        group: "total".into(),
        ..Figures::default()
    };
    // Time groups are listed whole, empty ones too.
    let time_groups = time_groups(by, from, to);
    for (label, _, _) in &time_groups {
        groups.entry(label.clone()).or_insert_with(|| Figures {
            group: label.clone(),
            ..Figures::default()
        });
    }
    let in_period = |at: i64| at >= from && at < to;
    let touch = |groups: &mut BTreeMap<String, Figures>, g: String| -> String {
        groups.entry(g.clone()).or_insert_with(|| Figures {
            group: g.clone(),
            ..Figures::default()
        });
        g
    };

    // Steps of the backlog since `from`: each creation, each move in or out
    // of work; a ticket whose rows do not explain its state now (imported
    // history without statuses) gets one step at its closing to agree.
    let mut steps: Vec<Step> = Vec::new();
    let mut net: HashMap<i64, i64> = HashMap::new();
    let mut weeks = week_rows(from, to);
    for t in &transitions {
        let Some((moved, delta)) = classify(config, t) else {
            continue;
        };
        if delta != 0 {
            steps.push(Step {
                at: t.at,
                key: backlog_key(&t.queue, &t.owner),
                delta,
            });
            *net.entry(t.ticket_id).or_default() += delta;
        }
        if !in_period(t.at) {
            continue;
        }
        let g = touch(&mut groups, group_of(&t.queue, &t.owner, t.at));
        let figures = groups.get_mut(&g).expect("touched");
        for f in [figures, &mut total] {
            match moved {
                Moved::Closed => {
                    f.closed += 1;
                    *f.closed_by_reason
                        .entry(t.new.clone().unwrap_or_default())
                        .or_default() += 1;
                }
                Moved::Reopened => f.reopened += 1,
                Moved::Merged => f.merged += 1,
                Moved::Other => {}
            }
        }
        if moved == Moved::Closed {
            if let Some(w) = week_of(&mut weeks, t.at) {
                w.closed += 1;
            }
        }
    }

    let mut responses: BTreeMap<String, Vec<(i64, i64)>> = BTreeMap::new();
    let mut queue_responses: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for t in &created {
        let key = backlog_key(&t.queue, &t.owner);
        steps.push(Step {
            at: t.created_at,
            key: key.clone(),
            delta: 1,
        });
        let explained = 1 + net.get(&t.id).copied().unwrap_or(0);
        let now_open = is_worked_on_text(&t.state_type) as i64;
        if explained != now_open {
            steps.push(Step {
                at: t.closed_at.unwrap_or(t.updated_at).max(t.created_at),
                key,
                delta: now_open - explained,
            });
        }
        if !in_period(t.created_at) || t.state_type == "removed" {
            continue;
        }
        let g = touch(&mut groups, group_of(&t.queue, &t.owner, t.created_at));
        groups.get_mut(&g).expect("touched").created += 1;
        total.created += 1;
        if let Some(w) = week_of(&mut weeks, t.created_at) {
            w.created += 1;
        }
        let escalation = config.escalation(&t.queue);
        let calendar = escalation
            .and_then(|e| e.calendar.as_deref())
            .and_then(|c| config.calendar(c));
        let working = |a: i64, b: i64| working_between(calendar, a, b);
        match t.first_response_at {
            Some(answered) => {
                let wall = (answered - t.created_at).max(0);
                let work = working(t.created_at, answered);
                responses.entry(g.clone()).or_default().push((wall, work));
                queue_responses
                    .entry(t.queue.clone())
                    .or_default()
                    .push(work);
                if let Some(budget) = escalation.and_then(|e| e.first_response) {
                    let within = work <= budget;
                    count_in_time(&mut groups, &g, &mut total, within, |f| {
                        &mut f.first_response_in_time
                    });
                }
            }
            None => {
                // Unanswered: missed once its time ran out (by the end of
                // the period); a ticket closed without an answer is not
                // measured, as its clock stopped.
                if let Some(budget) = escalation.and_then(|e| e.first_response) {
                    if is_worked_on_text(&t.state_type)
                        && working(t.created_at, to.min(now)) > budget
                    {
                        count_in_time(&mut groups, &g, &mut total, false, |f| {
                            &mut f.first_response_in_time
                        });
                    }
                }
            }
        }
    }

    let mut solutions: BTreeMap<String, Vec<(i64, i64)>> = BTreeMap::new();
    for t in &closed {
        let Some(closed_at) = t.closed_at else {
            continue;
        };
        let g = touch(&mut groups, group_of(&t.queue, &t.owner, closed_at));
        let escalation = config.escalation(&t.queue);
        let calendar = escalation
            .and_then(|e| e.calendar.as_deref())
            .and_then(|c| config.calendar(c));
        let wall = (closed_at - t.created_at).max(0);
        // Time in a pending status does not count, as for the escalation.
        let work =
            (working_between(calendar, t.created_at, closed_at) - t.clock_stopped_secs).max(0);
        solutions.entry(g.clone()).or_default().push((wall, work));
        if let Some(budget) = escalation.and_then(|e| e.solution) {
            count_in_time(&mut groups, &g, &mut total, work <= budget, |f| {
                &mut f.solution_in_time
            });
        }
    }

    // Backlogs: what is being worked on now, less the steps since.
    steps.sort_by_key(|s| s.at);
    let mut now_by_key: BTreeMap<String, i64> = BTreeMap::new();
    for (queue, owner, n) in &open_now {
        *now_by_key.entry(backlog_key(queue, owner)).or_default() += n;
    }
    let backlog = Backlog::new(&now_by_key, &steps);
    match by {
        By::Queue | By::Agent => {
            let (start, end) = (backlog.by_key_at(from), backlog.by_key_at(to));
            for key in start.keys().chain(end.keys()) {
                let (s, e) = (start[key], end[key]);
                if s == 0 && e == 0 && !groups.contains_key(key) {
                    continue;
                }
                let g = touch(&mut groups, key.clone());
                let f = groups.get_mut(&g).expect("touched");
                f.backlog_start = s;
                f.backlog_end = e;
            }
        }
        By::Month | By::Week => {
            for (label, start, end) in &time_groups {
                let f = groups.get_mut(label).expect("listed");
                f.backlog_start = backlog.total_at(*start);
                f.backlog_end = backlog.total_at(*end);
            }
        }
    }
    total.backlog_start = backlog.total_at(from);
    total.backlog_end = backlog.total_at(to);
    for w in &mut weeks {
        w.backlog = backlog.total_at(week_end(w.start).min(to));
    }

    let mut all_responses = Vec::new();
    for (g, list) in responses {
        all_responses.extend(list.iter().copied());
        if let Some(f) = groups.get_mut(&g) {
            f.first_response = times(list);
        }
    }
    total.first_response = times(all_responses);
    let mut all_solutions = Vec::new();
    for (g, list) in solutions {
        all_solutions.extend(list.iter().copied());
        if let Some(f) = groups.get_mut(&g) {
            f.solution = times(list);
        }
    }
    total.solution = times(all_solutions);
    for f in groups.values_mut().chain(std::iter::once(&mut total)) {
        for t in [&mut f.first_response_in_time, &mut f.solution_in_time] {
            let measured = t.within + t.missed;
            t.share = (measured > 0).then(|| t.within as f64 / measured as f64);
        }
    }

    let mut bounces = Bounces {
        total: 0,
        by_reason: BTreeMap::new(),
    };
    for (reason, n) in bounce_rows {
        bounces.total += n as u64;
        *bounces
            .by_reason
            .entry(reason.unwrap_or_else(|| "undefined".into()))
            .or_default() += n as u64;
    }

    let response_distribution = queue_responses
        .into_iter()
        .map(|(queue, list)| {
            let mut counts = vec![0; BUCKETS.len()];
            for secs in list {
                let i = BUCKETS
                    .iter()
                    .position(|(_, upper)| secs < *upper)
                    .unwrap_or(BUCKETS.len() - 1);
                counts[i] += 1;
            }
            Distribution { queue, counts }
        })
        .collect();

    let mut groups: Vec<Figures> = groups.into_values().collect();
    if matches!(by, By::Queue) {
        // A queue's children follow it.
        groups.sort_by(|a, b| {
            a.group
                .split("::")
                .map(str::to_lowercase)
                .cmp(b.group.split("::").map(str::to_lowercase))
        });
    }
    Ok(Report {
        from,
        to,
        by,
        queue: None,
        groups,
        total,
        bounces,
        weeks,
        response_buckets: BUCKETS.iter().map(|(l, _)| l.to_string()).collect(),
        response_distribution,
    })
}

fn count_in_time(
    groups: &mut BTreeMap<String, Figures>,
    g: &str,
    total: &mut Figures,
    within: bool,
    pick: impl Fn(&mut Figures) -> &mut InTime,
) {
    for f in [groups.get_mut(g), Some(total)].into_iter().flatten() {
        let t = pick(f);
        if within {
            t.within += 1;
        } else {
            t.missed += 1;
        }
    }
}

fn working_between(calendar: Option<&Calendar>, from: i64, to: i64) -> i64 {
    match calendar {
        Some(c) => c.between(from, to),
        None => (to - from).max(0),
    }
}

/// The tickets being worked on at an instant, from those now and the steps
/// since (a step at the instant has happened).
struct Backlog<'a> {
    now: &'a BTreeMap<String, i64>,
    /// Sorted by time.
    steps: &'a [Step],
    /// `prefix[i]`: the sum of the first `i` steps.
    prefix: Vec<i64>,
}

impl<'a> Backlog<'a> {
    fn new(now: &'a BTreeMap<String, i64>, steps: &'a [Step]) -> Backlog<'a> {
        let mut prefix = Vec::with_capacity(steps.len() + 1);
        prefix.push(0);
        for s in steps {
            prefix.push(prefix.last().copied().unwrap_or(0) + s.delta);
        }
        Backlog { now, steps, prefix }
    }

    fn total_at(&self, t: i64) -> i64 {
        let first_after = self.steps.partition_point(|s| s.at < t);
        let later = self.prefix[self.steps.len()] - self.prefix[first_after];
        self.now.values().sum::<i64>() - later
    }

    /// Per key, every key that has tickets now or a step since.
    fn by_key_at(&self, t: i64) -> BTreeMap<String, i64> {
        let mut out = self.now.clone();
        for s in self.steps {
            out.entry(s.key.clone()).or_insert(0);
        }
        let first_after = self.steps.partition_point(|s| s.at < t);
        for s in &self.steps[first_after..] {
            *out.get_mut(&s.key).expect("listed") -= s.delta;
        }
        out
    }
}

/// The months or weeks a period touches: (label, start, end), each cut to
/// the period.
fn time_groups(by: By, from: i64, to: i64) -> Vec<(String, i64, i64)> {
    let mut out = Vec::new();
    type Label = fn(i64) -> String;
    type Next = fn(i64) -> i64;
    let (mut start, label, next): (i64, Label, Next) = match by {
        By::Month => (
            crate::dates::month_start(from, 0),
            crate::dates::month_label,
            |t| crate::dates::month_start(t, 1),
        ),
        By::Week => (
            crate::dates::week_start(from),
            crate::dates::week_label,
            crate::dates::week_after,
        ),
        _ => return out,
    };
    while start < to {
        let end = next(start);
        out.push((label(start), start.max(from), end.min(to)));
        if end <= start {
            break;
        }
        start = end;
    }
    out
}

fn week_rows(from: i64, to: i64) -> Vec<Week> {
    time_groups(By::Week, from, to)
        .into_iter()
        .map(|(week, start, _)| Week {
            week,
            start,
            created: 0,
            closed: 0,
            backlog: 0,
        })
        .collect()
}

fn week_end(start: i64) -> i64 {
    crate::dates::week_after(crate::dates::week_start(start))
}

fn week_of(weeks: &mut [Week], at: i64) -> Option<&mut Week> {
    let i = weeks.partition_point(|w| w.start <= at);
    i.checked_sub(1).and_then(|i| weeks.get_mut(i))
}

/// Median (the mean of the middle two for an even count) and 90th
/// percentile (nearest rank) of wall and working seconds.
fn times(list: Vec<(i64, i64)>) -> Times {
    let mut wall: Vec<i64> = list.iter().map(|x| x.0).collect();
    let mut work: Vec<i64> = list.iter().map(|x| x.1).collect();
    wall.sort_unstable();
    work.sort_unstable();
    Times {
        tickets: list.len() as u64,
        median_seconds: median(&wall),
        p90_seconds: p90(&wall),
        median_working_seconds: median(&work),
        p90_working_seconds: p90(&work),
    }
}

pub fn median(sorted: &[i64]) -> Option<i64> {
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => Some(sorted[n / 2]),
        n => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2),
    }
}

pub fn p90(sorted: &[i64]) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (sorted.len() * 9).div_ceil(10);
    Some(sorted[rank.max(1) - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[5]), Some(5));
        assert_eq!(median(&[1, 3]), Some(2));
        assert_eq!(p90(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), Some(9));
        assert_eq!(p90(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), Some(10));
        assert_eq!(p90(&[7]), Some(7));
    }

    #[test]
    fn backlog_counts_steps_after_the_instant() {
        let now: BTreeMap<String, i64> = [("a".to_string(), 2)].into();
        let steps = vec![
            Step {
                at: 10,
                key: "a".into(),
                delta: 1,
            },
            Step {
                at: 20,
                key: "a".into(),
                delta: -1,
            },
            Step {
                at: 30,
                key: "a".into(),
                delta: 1,
            },
        ];
        let b = Backlog::new(&now, &steps);
        assert_eq!(b.total_at(40), 2);
        assert_eq!(b.by_key_at(30)["a"], 1);
        assert_eq!(b.total_at(20), 2);
        assert_eq!(b.total_at(5), 1);
    }
}
