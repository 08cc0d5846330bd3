//! Working time: a calendar's weekly hours in its own time zone, less its
//! holidays. Escalation budgets (`first_response: 4h`) count only working
//! time; without a calendar they count around the clock.
//!
//! Windows are local wall-clock times turned into instants day by day, so a
//! window that spans a daylight-saving change is as long as it really is
//! (00:00–06:00 is five hours on the last Sunday of March in Berlin).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Weekday};
use chrono_tz::Tz;
use std::collections::BTreeSet;

/// Seconds since local midnight; a window ends at most at 86,400 (24:00).
type Window = (u32, u32);

#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    pub name: String,
    pub zone: Tz,
    /// Working windows per weekday, Monday first; sorted, not overlapping.
    pub week: [Vec<Window>; 7],
    /// Dates without working time.
    pub holidays: BTreeSet<NaiveDate>,
    /// Month and day off every year (`12-25`).
    pub yearly_holidays: BTreeSet<(u32, u32)>,
}

/// Ten years of days without working time: a calendar that never works.
const MAX_DAYS_SEARCHED: i64 = 3653;

/// An IANA time zone by name; the error says how to write one.
pub fn parse_zone(zone: &str) -> Result<Tz, String> {
    zone.trim()
        .parse()
        .map_err(|_| format!("{zone:?} is not a time zone (write e.g. Europe/Berlin)"))
}

impl Calendar {
    /// A calendar from its written parts; the error names what is wrong.
    pub fn new(
        name: &str,
        zone: &str,
        hours: &[(String, String)],
        holidays: &[String],
    ) -> Result<Calendar, String> {
        let zone = parse_zone(zone)?;
        let mut week: [Vec<Window>; 7] = Default::default();
        let mut named = [false; 7];
        for (days, windows) in hours {
            let windows = parse_windows(windows)?;
            for day in parse_days(days)? {
                if std::mem::replace(&mut named[day], true) {
                    return Err(format!(
                        "hours: {} is named twice",
                        weekday_name(day as u32)
                    ));
                }
                week[day] = windows.clone();
            }
        }
        if week.iter().all(Vec::is_empty) {
            return Err("hours: a calendar needs working hours on at least one day".into());
        }
        let mut dates = BTreeSet::new();
        let mut yearly = BTreeSet::new();
        for h in holidays {
            let h = h.trim();
            if let Ok(d) = NaiveDate::parse_from_str(h, "%Y-%m-%d") {
                dates.insert(d);
            } else if let Some((m, d)) = h
                .split_once('-')
                .and_then(|(m, d)| Some((m.parse::<u32>().ok()?, d.parse::<u32>().ok()?)))
                .filter(|&(m, d)| NaiveDate::from_ymd_opt(2024, m, d).is_some())
            {
                yearly.insert((m, d));
            } else {
                return Err(format!(
                    "holiday {h:?} is not a date (2026-12-24, or 12-25 for every year)"
                ));
            }
        }
        // Every day of the year off every year: its working time never comes.
        if yearly.len() >= 366 {
            return Err("holidays: every day of the year is a holiday".into());
        }
        Ok(Calendar {
            name: name.to_string(),
            zone,
            week,
            holidays: dates,
            yearly_holidays: yearly,
        })
    }

    fn is_holiday(&self, d: NaiveDate) -> bool {
        self.holidays.contains(&d) || self.yearly_holidays.contains(&(d.month(), d.day()))
    }

    /// The working windows of local date `d` as instants (seconds since the epoch).
    fn windows_on(&self, d: NaiveDate) -> impl Iterator<Item = (i64, i64)> + '_ {
        let windows: &[Window] = if self.is_holiday(d) {
            &[]
        } else {
            &self.week[d.weekday().num_days_from_monday() as usize]
        };
        windows
            .iter()
            .map(move |&(s, e)| (self.instant(d, s), self.instant(d, e)))
            .filter(|(s, e)| s < e)
    }

    /// The instant of local time `secs` after midnight of `d`. A time the
    /// clocks skip is read as the first instant after the gap; a time they
    /// pass twice, as the first of the two.
    fn instant(&self, d: NaiveDate, secs: u32) -> i64 {
        let local: NaiveDateTime =
            d.and_hms_opt(0, 0, 0).expect("midnight") + Duration::seconds(secs.into());
        let mut probe = local;
        for _ in 0..16 {
            if let Some(t) = self.zone.from_local_datetime(&probe).earliest() {
                return if probe == local {
                    t.timestamp()
                } else {
                    // The gap ends at the whole quarter hour probed; step back
                    // to its first instant.
                    gap_end(&self.zone, local, probe)
                };
            }
            probe += Duration::minutes(15);
        }
        // No zone skips four hours; read it as UTC rather than fail.
        local.and_utc().timestamp()
    }

    fn local_date(&self, t: i64) -> NaiveDate {
        self.zone
            .timestamp_opt(t, 0)
            .single()
            .map(|d| d.date_naive())
            .unwrap_or_default()
    }

    /// The instant `budget` seconds of working time after `start`.
    pub fn add(&self, start: i64, budget: i64) -> i64 {
        if budget <= 0 {
            return start;
        }
        let mut left = budget;
        // The day before too: a window of the previous local date may run
        // past midnight in UTC terms only through the zone offset, never by
        // its wall-clock end, so starting a day early is merely cautious.
        let mut day = self.local_date(start) - Duration::days(1);
        for _ in 0..MAX_DAYS_SEARCHED {
            for (s, e) in self.windows_on(day) {
                let from = s.max(start);
                if from >= e {
                    continue;
                }
                if left <= e - from {
                    return from + left;
                }
                left -= e - from;
            }
            day += Duration::days(1);
        }
        i64::MAX
    }

    /// Working seconds between `from` and `to`.
    pub fn between(&self, from: i64, to: i64) -> i64 {
        if to <= from {
            return 0;
        }
        let mut total = 0;
        let mut day = self.local_date(from) - Duration::days(1);
        let last = self.local_date(to);
        while day <= last {
            for (s, e) in self.windows_on(day) {
                let (s, e) = (s.max(from), e.min(to));
                if s < e {
                    total += e - s;
                }
            }
            day += Duration::days(1);
        }
        total
    }
}

/// The first instant at or after the wall-clock gap that `local` falls in,
/// found by bisecting between `local` (skipped) and `probe` (valid).
fn gap_end(zone: &Tz, local: NaiveDateTime, probe: NaiveDateTime) -> i64 {
    let (mut lo, mut hi) = (local, probe);
    while hi - lo > Duration::seconds(1) {
        let mid = lo + (hi - lo) / 2;
        if zone.from_local_datetime(&mid).earliest().is_some() {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    zone.from_local_datetime(&hi)
        .earliest()
        .map(|t| t.timestamp())
        .unwrap_or_else(|| hi.and_utc().timestamp())
}

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn weekday_name(i: u32) -> &'static str {
    DAYS[i as usize]
}

fn day_index(name: &str) -> Result<usize, String> {
    name.trim()
        .parse::<Weekday>()
        .map(|w| w.num_days_from_monday() as usize)
        .map_err(|_| format!("hours: {name:?} is not a weekday (mon … sun, or a range mon-fri)"))
}

/// `mon-fri`, `sat`, `mon,wed,fri` → weekday indexes (Monday 0).
fn parse_days(text: &str) -> Result<Vec<usize>, String> {
    let mut days = Vec::new();
    for part in text.split(',') {
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (day_index(a)?, day_index(b)?);
                let mut d = a;
                loop {
                    days.push(d);
                    if d == b {
                        break;
                    }
                    d = (d + 1) % 7;
                }
            }
            None => days.push(day_index(part)?),
        }
    }
    Ok(days)
}

/// `09:00-17:00` or `08:00-12:00, 13:00-17:00` → sorted windows.
fn parse_windows(text: &str) -> Result<Vec<Window>, String> {
    let mut windows = Vec::new();
    for part in text.split(',') {
        let (a, b) = part
            .split_once('-')
            .ok_or_else(|| format!("hours: {part:?} is not a span of time (09:00-17:00)"))?;
        let (a, b) = (clock_time(a)?, clock_time(b)?);
        if a >= b {
            return Err(format!("hours: {:?} ends before it starts", part.trim()));
        }
        windows.push((a, b));
    }
    windows.sort();
    if windows.windows(2).any(|w| w[0].1 > w[1].0) {
        return Err(format!("hours: {text:?} has spans that overlap"));
    }
    Ok(windows)
}

/// `09:00` → seconds after midnight; `24:00` is the day's end.
fn clock_time(text: &str) -> Result<u32, String> {
    let t = text.trim();
    let bad = || format!("hours: {t:?} is not a time of day (HH:MM, 00:00 to 24:00)");
    let (h, m) = t.split_once(':').ok_or_else(bad)?;
    let (h, m): (u32, u32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if m > 59 || h > 24 || (h == 24 && m > 0) {
        return Err(bad());
    }
    Ok(h * 3600 + m * 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn berlin(hours: &[(&str, &str)], holidays: &[&str]) -> Calendar {
        let hours: Vec<(String, String)> = hours
            .iter()
            .map(|(d, w)| (d.to_string(), w.to_string()))
            .collect();
        let holidays: Vec<String> = holidays.iter().map(|h| h.to_string()).collect();
        Calendar::new("office", "Europe/Berlin", &hours, &holidays).unwrap()
    }

    fn at(text: &str) -> i64 {
        chrono::DateTime::parse_from_rfc3339(text)
            .unwrap()
            .timestamp()
    }

    #[test]
    fn office_hours_skip_the_night_the_weekend_and_holidays() {
        let cal = berlin(&[("mon-fri", "09:00-17:00")], &["2026-12-24", "12-25"]);
        // Friday 16:00 + 4 h: one hour on Friday, three on Monday.
        assert_eq!(
            cal.add(at("2026-12-04T16:00:00+01:00"), 4 * 3600),
            at("2026-12-07T12:00:00+01:00")
        );
        // Wednesday 23rd 15:00 + 4 h: 24th and 25th are holidays, then the weekend.
        assert_eq!(
            cal.add(at("2026-12-23T15:00:00+01:00"), 4 * 3600),
            at("2026-12-28T11:00:00+01:00")
        );
        // Mail at night waits for the morning.
        assert_eq!(
            cal.add(at("2026-12-01T22:00:00+01:00"), 3600),
            at("2026-12-02T10:00:00+01:00")
        );
        assert_eq!(
            cal.between(
                at("2026-12-04T16:00:00+01:00"),
                at("2026-12-07T12:00:00+01:00")
            ),
            4 * 3600
        );
    }

    #[test]
    fn daylight_saving_changes_inside_a_window_count_as_they_are() {
        let cal = berlin(&[("sun", "00:00-06:00"), ("mon", "09:00-10:00")], &[]);
        // 29 March 2026: clocks go from 02:00 to 03:00; the window is 5 hours.
        let march = at("2026-03-29T00:00:00+01:00");
        assert_eq!(cal.between(march, march + 86_400), 5 * 3600);
        assert_eq!(cal.add(march, 5 * 3600), at("2026-03-29T06:00:00+02:00"));
        assert_eq!(
            cal.add(march, 5 * 3600 + 1800),
            at("2026-03-30T09:30:00+02:00")
        );
        // 25 October 2026: 03:00 becomes 02:00 again; the window is 7 hours.
        let october = at("2026-10-25T00:00:00+02:00");
        assert_eq!(cal.between(october, october + 2 * 86_400), 7 * 3600 + 3600);
        assert_eq!(cal.add(october, 7 * 3600), at("2026-10-25T06:00:00+01:00"));
    }

    #[test]
    fn a_window_starting_in_the_skipped_hour_starts_after_it() {
        let cal = berlin(&[("sun", "02:30-04:00")], &[]);
        let march = at("2026-03-29T00:00:00+01:00");
        // 02:30 does not exist that night: the window is 03:00–04:00 CEST.
        assert_eq!(cal.between(march, march + 86_400), 3600);
    }

    #[test]
    fn written_mistakes_are_named() {
        let e = |hours: &[(&str, &str)], zone: &str| {
            let hours: Vec<(String, String)> = hours
                .iter()
                .map(|(d, w)| (d.to_string(), w.to_string()))
                .collect();
            Calendar::new("c", zone, &hours, &[]).unwrap_err()
        };
        assert!(e(&[("mon", "9-17")], "UTC").contains("not a time of day"));
        assert!(e(&[("mon", "17:00-09:00")], "UTC").contains("ends before"));
        assert!(
            e(&[("mon-fri", "09:00-17:00"), ("fri", "09:00-12:00")], "UTC").contains("named twice")
        );
        assert!(e(&[("funday", "09:00-17:00")], "UTC").contains("not a weekday"));
        assert!(e(&[("mon", "09:00-17:00")], "Europe/Berln").contains("not a time zone"));
        assert!(e(&[], "UTC").contains("at least one day"));
        let bad_holiday = Calendar::new(
            "c",
            "UTC",
            &[("mon".into(), "09:00-10:00".into())],
            &["Xmas".into()],
        );
        assert!(bad_holiday.unwrap_err().contains("not a date"));
        let every_day: Vec<String> = (0..366)
            .map(|d| {
                let date = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + Duration::days(d);
                date.format("%m-%d").to_string()
            })
            .collect();
        let never = Calendar::new(
            "c",
            "UTC",
            &[("mon".into(), "09:00-10:00".into())],
            &every_day,
        );
        assert!(never.unwrap_err().contains("every day of the year"));
    }
}
