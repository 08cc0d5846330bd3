//! Dates typed by people: `2026-12-01`, `2026-12-01 14:30`, RFC 3339,
//! `today`, `tomorrow`, or a duration from now such as `3d` or `+2h`.

use chrono::{Datelike, Local, NaiveDate, NaiveDateTime, TimeZone};

/// Seconds since the epoch for `text`, relative forms counted from `now`.
pub fn parse_date(text: &str, now: i64) -> Result<i64, String> {
    let at = parse_any(text.trim(), now)?;
    if in_range(at) {
        Ok(at)
    } else {
        Err(out_of_range(text.trim()))
    }
}

fn parse_any(t: &str, now: i64) -> Result<i64, String> {
    let local_midnight = |d: NaiveDate| {
        Local
            .from_local_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight exists"))
            .earliest()
            .map(|dt| dt.timestamp())
    };
    let today = Local
        .timestamp_opt(now, 0)
        .single()
        .map(|d| d.date_naive())
        .ok_or("the clock is out of range")?;
    match t {
        "today" => return local_midnight(today).ok_or_else(|| bad(t)),
        "tomorrow" => return local_midnight(today + chrono::Days::new(1)).ok_or_else(|| bad(t)),
        _ => {}
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(t) {
        return Ok(dt.timestamp());
    }
    for fmt in [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
    ] {
        if let Ok(n) = NaiveDateTime::parse_from_str(t, fmt) {
            return Local
                .from_local_datetime(&n)
                .earliest()
                .map(|d| d.timestamp())
                .ok_or_else(|| bad(t));
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return local_midnight(d).ok_or_else(|| bad(t));
    }
    if let Ok(d) = humantime::parse_duration(t.trim_start_matches('+')) {
        return i64::try_from(d.as_secs())
            .ok()
            .and_then(|s| now.checked_add(s))
            .filter(|at| in_range(*at))
            .ok_or_else(|| out_of_range(t));
    }
    Err(bad(t))
}

/// The last second tix keeps a date for: the end of year 9999. Later
/// dates would not print as four-digit years (nor number tickets).
pub const LAST_SECOND: i64 = 253_402_300_799;

fn in_range(at: i64) -> bool {
    (0..=LAST_SECOND).contains(&at)
}

fn out_of_range(t: &str) -> String {
    format!("{t:?} is outside the dates tix keeps (1970 to 9999)")
}

/// Checks `TIX_NOW` once, before anything reads the clock: a value that is
/// no time, or one outside the years tix keeps, is refused rather than
/// replaced by the real clock or wrapped into the past.
pub fn check_clock() -> Result<(), String> {
    let Ok(v) = std::env::var("TIX_NOW") else {
        return Ok(());
    };
    match parse_clock(&v) {
        Some(at) if in_range(at) => Ok(()),
        Some(_) => Err(format!("TIX_NOW: {}", out_of_range(v.trim()))),
        None => Err(format!(
            "TIX_NOW {:?} is not a time (seconds since 1970, or an RFC 3339 time)",
            v.trim()
        )),
    }
}

fn parse_clock(v: &str) -> Option<i64> {
    v.trim().parse::<i64>().ok().or_else(|| {
        chrono::DateTime::parse_from_rfc3339(v.trim())
            .ok()
            .map(|d| d.timestamp())
    })
}

fn bad(t: &str) -> String {
    format!("{t:?} is not a date (2026-12-01, \"2026-12-01 14:30\", today, tomorrow, or a duration such as 3d)")
}

/// Seconds since the epoch, the one time unit tix keeps. `TIX_NOW`
/// (seconds, or an RFC 3339 time) overrides the clock, for tests and for
/// replaying what a run at another time would do.
pub fn now() -> i64 {
    static OVERRIDE: std::sync::OnceLock<Option<i64>> = std::sync::OnceLock::new();
    let fixed = OVERRIDE.get_or_init(|| parse_clock(&std::env::var("TIX_NOW").ok()?));
    fixed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    })
}

/// `YYYY/MM/DD` of a UTC day: where OTRS files an article of that day.
pub fn utc_day_path(ts: i64) -> String {
    chrono::DateTime::from_timestamp(ts, 0)
        .map(|t| t.format("%Y/%m/%d").to_string())
        .unwrap_or_default()
}

/// RFC 3339 for JSON and CSV.
pub fn iso(ts: i64) -> String {
    match chrono::Local.timestamp_opt(ts, 0).single() {
        Some(t) => rfc3339(&t),
        None => String::new(),
    }
}

/// `t` as chrono's `to_rfc3339_opts(Secs, false)` writes it, with the
/// digits put down directly: JSON lists print several dates per row, and
/// chrono's general formatter was a fifth of `bounce list --json`.
fn rfc3339<Tz: TimeZone>(t: &chrono::DateTime<Tz>) -> String {
    use chrono::{Offset, Timelike};
    let year = t.year();
    if !(0..=9999).contains(&year) {
        return t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    }
    let offset = t.offset().fix().local_minus_utc();
    // The offset to the minute, rounded as chrono rounds it.
    let minutes = (offset.unsigned_abs() + 30) / 60;
    let mut out = [0u8; 25];
    let mut put = |at: usize, value: u32, width: usize| {
        let mut v = value;
        for i in (0..width).rev() {
            out[at + i] = b'0' + (v % 10) as u8;
            v /= 10;
        }
    };
    put(0, year as u32, 4);
    put(5, t.month(), 2);
    put(8, t.day(), 2);
    put(11, t.hour(), 2);
    put(14, t.minute(), 2);
    put(17, t.second().min(59), 2);
    put(20, minutes / 60, 2);
    put(23, minutes % 60, 2);
    for (at, b) in [
        (4, b'-'),
        (7, b'-'),
        (10, b'T'),
        (13, b':'),
        (16, b':'),
        (22, b':'),
    ] {
        out[at] = b;
    }
    out[19] = if offset < 0 { b'-' } else { b'+' };
    String::from_utf8_lossy(&out).into_owned()
}

/// serde helper: timestamps as RFC 3339 in JSON.
pub fn serialize_ts<S: serde::Serializer>(ts: &i64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&iso(*ts))
}

pub fn serialize_opt_ts<S: serde::Serializer>(ts: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
    match ts {
        Some(t) => s.serialize_str(&iso(*t)),
        None => s.serialize_none(),
    }
}

/// A span given in seconds (fractions allowed) by an environment variable,
/// else `default`: the tuning knobs TIX_*_TIMEOUT.
pub fn seconds_from_env(name: &str, default: std::time::Duration) -> std::time::Duration {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0)
        .map(std::time::Duration::from_secs_f64)
        .unwrap_or(default)
}

/// Local midnight of the day `t` falls on.
pub fn local_midnight_of(t: i64) -> i64 {
    let day = Local
        .timestamp_opt(t, 0)
        .single()
        .map(|d| d.date_naive())
        .unwrap_or_default();
    local_midnight(day).unwrap_or(t)
}

/// Local midnight `days` calendar days before the local midnight `midnight`
/// (a day across a daylight-saving change is 23 or 25 hours long).
pub fn days_before(midnight: i64, days: i64) -> i64 {
    let day = Local
        .timestamp_opt(midnight, 0)
        .single()
        .map(|d| d.date_naive())
        .unwrap_or_default();
    local_midnight(day - chrono::Days::new(days.max(0) as u64)).unwrap_or(midnight - days * 86_400)
}

/// The local date of `t`, as YYYY-MM-DD.
pub fn local_date(t: i64) -> String {
    Local
        .timestamp_opt(t, 0)
        .single()
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// Local midnight of the first day of the month `t` falls in, and of the
/// month `months` later (negative: earlier).
pub fn month_start(t: i64, months: i32) -> i64 {
    let day = Local
        .timestamp_opt(t, 0)
        .single()
        .map(|d| d.date_naive())
        .unwrap_or_default();
    let first = day.with_day(1).unwrap_or(day);
    let moved = if months >= 0 {
        first.checked_add_months(chrono::Months::new(months as u32))
    } else {
        first.checked_sub_months(chrono::Months::new(months.unsigned_abs()))
    };
    local_midnight(moved.unwrap_or(first)).unwrap_or(t)
}

/// Local midnight of the Monday of the week `t` falls in.
pub fn week_start(t: i64) -> i64 {
    let day = Local
        .timestamp_opt(t, 0)
        .single()
        .map(|d| d.date_naive())
        .unwrap_or_default();
    let monday = day - chrono::Days::new(day.weekday().num_days_from_monday() as u64);
    local_midnight(monday).unwrap_or(t)
}

/// Local midnight seven calendar days after the local midnight `midnight`.
pub fn week_after(midnight: i64) -> i64 {
    days_after(midnight, 7)
}

/// Local midnight `days` calendar days after the local midnight `midnight`.
pub fn days_after(midnight: i64, days: u64) -> i64 {
    let day = Local
        .timestamp_opt(midnight, 0)
        .single()
        .map(|d| d.date_naive())
        .unwrap_or_default();
    local_midnight(day + chrono::Days::new(days)).unwrap_or(midnight + days as i64 * 86_400)
}

/// The month of `t` as `2026-11`, its ISO week as `2026-W47`.
pub fn month_label(t: i64) -> String {
    datetime_label(t, "%Y-%m")
}

pub fn week_label(t: i64) -> String {
    datetime_label(t, "%G-W%V")
}

fn datetime_label(t: i64, format: &str) -> String {
    Local
        .timestamp_opt(t, 0)
        .single()
        .map(|d| d.format(format).to_string())
        .unwrap_or_default()
}

/// Whether `text` names a day without a time (`2026-11-30`): as the end of
/// a period it means the end of that day.
pub fn is_plain_day(text: &str) -> bool {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").is_ok()
}

fn local_midnight(d: NaiveDate) -> Option<i64> {
    Local
        .from_local_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight exists"))
        .earliest()
        .map(|dt| dt.timestamp())
}

#[cfg(test)]
mod tests {
    #[test]
    fn rfc3339_is_written_as_chrono_writes_it() {
        use chrono::FixedOffset;
        // Whole hours, half hours, a local mean time with seconds (rounded
        // to the minute), both signs, the epoch, leap days, far years.
        let offsets = [
            0,
            3600,
            -18000,
            19800,
            -34200,
            561,
            -561,
            45 * 60 + 29,
            13 * 3600,
        ];
        let times = [
            0,
            951_782_400,
            1_795_000_000,
            1_830_297_599,
            -2_208_988_800,
            253_402_300_799,
            253_402_300_800,
            -62_167_219_201,
        ];
        for off in offsets {
            let zone = FixedOffset::east_opt(off).unwrap();
            for ts in times {
                let t = zone.timestamp_opt(ts, 0).unwrap();
                assert_eq!(
                    rfc3339(&t),
                    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
                    "{ts} at {off}"
                );
            }
        }
    }

    use super::*;

    #[test]
    fn forms() {
        let now = 1_800_000_000;
        assert_eq!(parse_date("3d", now).unwrap(), now + 3 * 86400);
        assert_eq!(parse_date("+2h", now).unwrap(), now + 7200);
        assert_eq!(
            parse_date("2026-12-01T10:00:00+00:00", now).unwrap(),
            1_796_119_200
        );
        assert!(parse_date("2026-12-01", now).is_ok());
        assert!(parse_date("2026-12-01 14:30", now).is_ok());
        assert!(parse_date("tomorrow", now).unwrap() > now);
        assert!(parse_date("soon", now)
            .unwrap_err()
            .contains("is not a date"));
    }
}
