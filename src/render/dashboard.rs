//! `tix dashboard` as a person reads it (one screen of text) and as a
//! script reads it (one JSON object of the same parts).

use super::{age, datetime, safe_text, table};
use crate::store::absences::Absence;
use crate::store::tickets::Ticket;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Dashboard {
    #[serde(serialize_with = "crate::dates::serialize_ts")]
    pub now: i64,
    /// The queue it is narrowed to, if any.
    pub queue: Option<String>,
    pub queues: Vec<QueueRow>,
    pub mine: Mine,
    /// Escalated tickets in all.
    pub escalated: i64,
    /// The escalated and the next to escalate, soonest first.
    pub escalations: Vec<Escalating>,
    pub days: Vec<Day>,
    pub first_response: Vec<Responses>,
    pub away: Vec<Absence>,
    /// The last time ingest could not take mail, when none came since.
    pub intake_trouble: Option<Trouble>,
}

/// Mail an MTA could not deliver into the store, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Trouble {
    #[serde(serialize_with = "crate::dates::serialize_ts")]
    pub at: i64,
    pub text: String,
}

/// A queue with its own counts and those of the queues below it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct QueueRow {
    pub name: String,
    /// How deep it is nested (0 at the top).
    pub depth: usize,
    pub new: i64,
    pub open: i64,
    pub pending: i64,
    pub escalated: i64,
    pub reminders_due: i64,
}

impl QueueRow {
    pub fn named(name: &str) -> QueueRow {
        QueueRow {
            name: name.to_string(),
            ..QueueRow::default()
        }
    }

    pub fn add(&mut self, other: &QueueRow) {
        self.new += other.new;
        self.open += other.open;
        self.pending += other.pending;
        self.escalated += other.escalated;
        self.reminders_due += other.reminders_due;
    }
}

#[derive(Debug, Serialize)]
pub struct Mine {
    pub agent: String,
    pub owned: Vec<Ticket>,
    pub responsible: Vec<Ticket>,
    pub locked: Vec<Ticket>,
}

#[derive(Debug, Serialize)]
pub struct Escalating {
    #[serde(flatten)]
    pub ticket: Ticket,
    /// Seconds until the escalation time; negative once it passed.
    pub seconds_left: i64,
}

impl Escalating {
    pub fn of(ticket: Ticket, now: i64) -> Escalating {
        let left = ticket.escalation_at.map_or(0, |at| at - now);
        Escalating {
            ticket,
            seconds_left: left,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Day {
    /// The local date, YYYY-MM-DD.
    pub date: String,
    pub created: i64,
    pub closed: i64,
}

impl Day {
    pub fn on(date: &str) -> Day {
        Day {
            date: date.to_string(),
            created: 0,
            closed: 0,
        }
    }
}

/// The median time to the first answer of a queue's recent tickets.
#[derive(Debug, Serialize)]
pub struct Responses {
    pub queue: String,
    pub tickets: usize,
    pub median_seconds: i64,
}

/// Tickets listed under "My tickets" at most.
const MINE_SHOWN: usize = 10;
/// The widest bar of the chart, in characters.
const BAR_WIDTH: usize = 24;

pub fn text(d: &Dashboard, colour: bool) -> String {
    let heading = |s: &str| {
        if colour {
            format!("\x1b[1m{s}\x1b[0m\n")
        } else {
            format!("{s}\n")
        }
    };
    let mut out = String::new();
    if let Some(t) = &d.intake_trouble {
        out.push_str(&heading("Mail waiting at the MTA"));
        out.push_str(&format!(
            "ingest could not take mail at {}: {}\n\n",
            crate::render::datetime(t.at),
            crate::render::safe_text(&t.text, true)
        ));
    }

    let title = match &d.queue {
        Some(q) => format!("Queues (below {q})"),
        None => "Queues".to_string(),
    };
    out.push_str(&heading(&title));
    let rows = d
        .queues
        .iter()
        .map(|q| {
            let short = q.name.rsplit("::").next().unwrap_or(&q.name);
            vec![
                format!("{}{}", "  ".repeat(q.depth), short),
                q.new.to_string(),
                q.open.to_string(),
                q.pending.to_string(),
                q.escalated.to_string(),
                q.reminders_due.to_string(),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            "Queue",
            "New",
            "Open",
            "Pending",
            "Escalated",
            "Reminders due",
        ],
        rows,
    ));

    let m = &d.mine;
    let unseen = m
        .responsible
        .iter()
        .filter(|t| t.unseen_by(&m.agent))
        .count();
    out.push('\n');
    out.push_str(&heading(&format!(
        "My tickets ({}): {} owned, {} responsible ({} with new mail), {} locked",
        m.agent,
        m.owned.len(),
        m.responsible.len(),
        unseen,
        m.locked.len()
    )));
    let mut shown: Vec<(&Ticket, String)> = Vec::new();
    for (list, why) in [
        (&m.owned, "owner"),
        (&m.responsible, "responsible"),
        (&m.locked, "locked"),
    ] {
        for t in list.iter() {
            let mut why = why.to_string();
            if t.unseen_by(&m.agent) {
                why.push_str(", new mail");
            }
            if t.state_type == crate::vocabulary::StateType::PendingReminder
                && t.pending_until.is_some_and(|p| p <= d.now)
            {
                why.push_str(", reminder due");
            }
            match shown.iter_mut().find(|(s, _)| s.id == t.id) {
                Some((_, w)) => w.push_str(&format!("; {why}")),
                None => shown.push((t, why)),
            }
        }
    }
    if !shown.is_empty() {
        let more = shown.len().saturating_sub(MINE_SHOWN);
        let rows = shown
            .iter()
            .take(MINE_SHOWN)
            .map(|(t, why)| {
                let marker = if t.unseen_by(&m.agent) { "* " } else { "" };
                vec![
                    format!("{marker}{}", t.number),
                    safe_text(&t.title, true),
                    t.state.clone(),
                    t.queue.clone(),
                    why.clone(),
                ]
            })
            .collect();
        out.push_str(&table(&["Number", "Title", "State", "Queue", "Why"], rows));
        if more > 0 {
            out.push_str(&format!(" … and {more} more (tix list --owner me)\n"));
        }
    }

    out.push('\n');
    out.push_str(&heading(&format!("Escalations: {} escalated", d.escalated)));
    if !d.escalations.is_empty() {
        let rows = d
            .escalations
            .iter()
            .map(|e| {
                let t = &e.ticket;
                let at = t.escalation_at.unwrap_or(d.now);
                let left = if e.seconds_left < 0 {
                    format!("overdue {}", age(at, d.now))
                } else {
                    format!("{} left", age(d.now, at))
                };
                vec![
                    t.number.clone(),
                    safe_text(&t.title, true),
                    t.queue.clone(),
                    t.escalation_kind
                        .clone()
                        .unwrap_or_default()
                        .replace('-', " "),
                    datetime(at),
                    left,
                ]
            })
            .collect();
        out.push_str(&table(
            &["Number", "Title", "Queue", "Time", "Due", "Left"],
            rows,
        ));
    }

    out.push('\n');
    out.push_str(&heading("The last 14 days: created │ closed"));
    let most = d
        .days
        .iter()
        .flat_map(|x| [x.created, x.closed])
        .max()
        .unwrap_or(0);
    for day in &d.days {
        let weekday = chrono::NaiveDate::parse_from_str(&day.date, "%Y-%m-%d")
            .map(|n| n.format("%a").to_string())
            .unwrap_or_default();
        let line = format!(
            " {weekday} {}  {:>5} {} │ {:>5} {}",
            day.date,
            day.created,
            pad(&bar(day.created, most), BAR_WIDTH),
            day.closed,
            bar(day.closed, most)
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    if !d.first_response.is_empty() {
        let medians: Vec<String> = d
            .first_response
            .iter()
            .map(|r| {
                format!(
                    "{} {} ({} ticket{})",
                    r.queue,
                    age(0, r.median_seconds),
                    r.tickets,
                    if r.tickets == 1 { "" } else { "s" }
                )
            })
            .collect();
        out.push_str(&format!(" Median first response: {}\n", medians.join(", ")));
    }

    if !d.away.is_empty() {
        out.push('\n');
        out.push_str(&heading("Away"));
        for a in &d.away {
            let instead = a
                .substitute
                .as_deref()
                .map_or(String::new(), |s| format!("; {s} stands in"));
            out.push_str(&format!(
                " {} until {}{instead}\n",
                a.agent,
                datetime(a.until)
            ));
        }
    }
    out
}

/// A bar `n / most` of the chart's width, in eighths of a character.
fn bar(n: i64, most: i64) -> String {
    if n <= 0 || most <= 0 {
        return String::new();
    }
    const PARTS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
    // At least one eighth: a day with one ticket is not a day with none.
    let eighths = ((n * (BAR_WIDTH as i64) * 8 + most - 1) / most).max(1) as usize;
    let mut s = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        s.push(PARTS[eighths % 8 - 1]);
    }
    s
}

fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

#[cfg(test)]
mod tests {
    use super::bar;

    #[test]
    fn bars_are_as_long_as_their_share_and_never_hide_a_ticket() {
        assert_eq!(bar(0, 10), "");
        assert_eq!(bar(10, 10).chars().count(), 24);
        assert_eq!(bar(5, 10), "█".repeat(12));
        assert_eq!(bar(1, 1000), "▏");
    }
}
