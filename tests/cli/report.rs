//! `tix report`: a November of a small office, made through the command
//! line with the clock moved (TIX_NOW, Berlin time), whose figures are
//! known by hand; and the HTML page opened in headless Chromium.

use crate::common::*;

const CONFIG: &str = "calendars:
  - name: office
    zone: Europe/Berlin
    hours: { mon-fri: \"09:00-17:00\" }
queues:
  - name: Presse
    addresses: [presse@verein.example]
    escalation: { first_response: 4h, solution: 16h, calendar: office }
  - name: Kasse
    addresses: [kasse@verein.example]
agents:
  - name: anna
    email: anna@verein.example
  - name: ben
    email: ben@verein.example
statuses:
  - { name: new, type: new }
  - { name: open, type: open }
  - { name: closed successful, type: closed }
  - { name: closed unsuccessful, type: closed }
  - { name: merged, type: merged }
  - { name: deleted, type: removed }
";

struct Office {
    env: Env,
}

impl Office {
    fn at(&self, now: &str, args: &[&str]) -> String {
        self.env.ok_at(now, args)
    }

    /// A customer's mail at `now`; the ticket's number.
    fn mail(&self, now: &str, to: &str, subject: &str) -> String {
        let id = format!("{}.{}", subject.replace(' ', "-"), now.replace(':', ""));
        let message = format!(
            "From: Erika <erika@kunde.example>\nTo: {to}\nSubject: {subject}\nMessage-ID: <{id}@kunde.example>\n\nHallo\n"
        );
        let r = self
            .env
            .run_at(now, &["ingest", "-v"], Some(message.as_bytes()));
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.stdout.split_whitespace().last().unwrap().to_string()
    }

    fn phoned_back(&self, ticket: &str, now: &str) {
        self.at(
            now,
            &[
                "--as",
                "anna",
                "note",
                ticket,
                "--channel",
                "phone-out",
                "-m",
                "Rückruf",
            ],
        );
    }
}

/// The office's November (Berlin, +01:00):
/// - O (Kasse) came on 28 October and is closed on 25 November;
/// - A (Presse) 2 Nov 10:00, called back 12:00, closed 3 Nov 10:00;
/// - B (Presse) Fri 6 Nov 16:00, called back Mon 9 Nov 10:00, closed 3 Dec;
/// - C (Presse) 10 Nov 10:00, never answered;
/// - D (Kasse) 12 Nov 09:00, closed unsuccessful 15:00, reopened by the
///   customer's mail on 16 Nov, closed 20 Nov 10:00;
/// - E (Kasse) 13 Nov 10:00, merged into D at 11:00;
/// - F (Presse) 2 December: after the period;
/// - a bounce report on 18 November (into Presse).
fn november() -> Office {
    let office = Office {
        env: Env::with_config(CONFIG),
    };
    let o = office.mail("2026-10-28T10:00:00+01:00", "kasse@verein.example", "Altes");
    let a = office.mail(
        "2026-11-02T10:00:00+01:00",
        "presse@verein.example",
        "Interview",
    );
    office.phoned_back(&a, "2026-11-02T12:00:00+01:00");
    office.at("2026-11-03T10:00:00+01:00", &["--as", "anna", "close", &a]);
    let b = office.mail("2026-11-06T16:00:00+01:00", "presse@verein.example", "Foto");
    office.at(
        "2026-11-06T16:30:00+01:00",
        &["--as", "anna", "assign", &b, "ben"],
    );
    office.phoned_back(&b, "2026-11-09T10:00:00+01:00");
    office.mail(
        "2026-11-10T10:00:00+01:00",
        "presse@verein.example",
        "Termin",
    );
    let d = office.mail(
        "2026-11-12T09:00:00+01:00",
        "kasse@verein.example",
        "Beitrag",
    );
    office.at(
        "2026-11-12T15:00:00+01:00",
        &["--as", "ben", "close", &d, "--reason", "unsuccessful"],
    );
    let e = office.mail(
        "2026-11-13T10:00:00+01:00",
        "kasse@verein.example",
        "Beitrag nochmal",
    );
    office.at(
        "2026-11-13T11:00:00+01:00",
        &["--as", "ben", "merge", &e, "--into", &d],
    );
    office.mail(
        "2026-11-16T10:00:00+01:00",
        "kasse@verein.example",
        &format!("Re: [Ticket#{d}] Beitrag"),
    );
    office.at("2026-11-20T10:00:00+01:00", &["--as", "ben", "close", &d]);
    office.at("2026-11-25T10:00:00+01:00", &["--as", "ben", "close", &o]);
    let bounce = delivery_report(
        "bounce-18nov",
        "weg@kunde.example",
        "From: presse@verein.example\nTo: weg@kunde.example\nSubject: Rundbrief\nMessage-ID: <rundbrief-1@verein.example>\n",
    );
    let r = office.env.run_at(
        "2026-11-18T09:00:00+01:00",
        &["ingest"],
        Some(bounce.as_bytes()),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    office.mail(
        "2026-12-02T10:00:00+01:00",
        "presse@verein.example",
        "Später",
    );
    office.at("2026-12-03T10:00:00+01:00", &["--as", "ben", "close", &b]);
    office
}

const NOW: &str = "2026-12-05T12:00:00+01:00";

/// `tix report` over November with `extra`, at [`NOW`]: what it printed.
fn november_text(office: &Office, extra: &[&str]) -> String {
    let mut args = vec!["report", "--from", "2026-11-01", "--to", "2026-11-30"];
    args.extend_from_slice(extra);
    office.at(NOW, &args)
}

fn report(office: &Office, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["--json"];
    args.extend_from_slice(extra);
    serde_json::from_str(&november_text(office, &args)).unwrap()
}

fn group<'a>(r: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    r["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == name)
        .unwrap_or_else(|| panic!("no group {name} in {r:#}"))
}

#[test]
fn a_month_by_queue_has_the_figures_counted_by_hand() {
    let office = november();
    let r = report(&office, &[]);
    assert_eq!(r["from"], "2026-11-01T00:00:00+01:00");
    assert_eq!(r["to"], "2026-12-01T00:00:00+01:00");

    let presse = group(&r, "Presse");
    // A, B, C and the bounce report's ticket.
    assert_eq!(presse["created"], 4);
    assert_eq!(presse["closed"], 1);
    assert_eq!(
        presse["closed_by_reason"],
        serde_json::json!({"closed successful": 1})
    );
    assert_eq!(presse["backlog_start"], 0);
    // B (closed only in December), C and the bounce.
    assert_eq!(presse["backlog_end"], 3);
    // A: 2 h; B: 66 h on the clock, 2 h of office hours (Fri 16–17, Mon 9–10).
    assert_eq!(
        presse["first_response"],
        serde_json::json!({
            "tickets": 2,
            "median_seconds": (7200 + 237_600) / 2,
            "p90_seconds": 237_600,
            "median_working_seconds": 7200,
            "p90_working_seconds": 7200,
        })
    );
    // A and B answered within 4 working hours; C and the bounce never were.
    assert_eq!(presse["first_response_in_time"]["within"], 2);
    assert_eq!(presse["first_response_in_time"]["missed"], 2);
    assert_eq!(presse["first_response_in_time"]["share"], 0.5);
    // A: a day on the clock, 8 office hours (Mon 10–17, Tue 9–10).
    assert_eq!(presse["solution"]["median_seconds"], 86_400);
    assert_eq!(presse["solution"]["median_working_seconds"], 28_800);
    assert_eq!(presse["solution_in_time"]["within"], 1);
    assert_eq!(presse["solution_in_time"]["missed"], 0);

    let kasse = group(&r, "Kasse");
    assert_eq!(kasse["created"], 2);
    // D twice (unsuccessful, then after the reopening), O once.
    assert_eq!(kasse["closed"], 3);
    assert_eq!(
        kasse["closed_by_reason"],
        serde_json::json!({"closed successful": 2, "closed unsuccessful": 1})
    );
    assert_eq!(kasse["reopened"], 1);
    assert_eq!(kasse["merged"], 1);
    assert_eq!(kasse["backlog_start"], 1);
    assert_eq!(kasse["backlog_end"], 0);
    assert_eq!(kasse["first_response"]["tickets"], 0);
    // D: 8 days 1 hour to its last closing; O: 28 days; no calendar.
    assert_eq!(
        kasse["solution"],
        serde_json::json!({
            "tickets": 2,
            "median_seconds": (694_800 + 2_419_200) / 2,
            "p90_seconds": 2_419_200,
            "median_working_seconds": (694_800 + 2_419_200) / 2,
            "p90_working_seconds": 2_419_200,
        })
    );
    assert_eq!(
        kasse["first_response_in_time"]["share"],
        serde_json::Value::Null
    );

    let total = &r["total"];
    assert_eq!(total["created"], 6);
    assert_eq!(total["closed"], 4);
    assert_eq!(total["reopened"], 1);
    assert_eq!(total["merged"], 1);
    assert_eq!(total["backlog_start"], 1);
    assert_eq!(total["backlog_end"], 3);
    assert_eq!(total["solution"]["tickets"], 3);
    assert_eq!(total["solution"]["median_seconds"], 694_800);
    assert_eq!(total["solution"]["p90_seconds"], 2_419_200);
    assert_eq!(total["bounces"], serde_json::Value::Null);
    assert_eq!(r["bounces"]["total"], 1);
    assert_eq!(
        r["bounces"]["by_reason"],
        serde_json::json!({"userunknown": 1})
    );

    // Narrowed to a queue, the figures are that queue's.
    let only = report(&office, &["--queue", "Kasse"]);
    assert_eq!(only["total"]["created"], 2);
    assert_eq!(only["total"]["backlog_start"], 1);
    assert_eq!(only["bounces"]["total"], 0);
    assert_eq!(only["groups"].as_array().unwrap().len(), 1);
}

#[test]
fn weeks_and_agents_split_the_same_month() {
    let office = november();
    let r = report(&office, &["--by", "week"]);
    let weeks: Vec<(String, u64, u64, i64, i64)> = r["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["group"].as_str().unwrap().to_string(),
                g["created"].as_u64().unwrap(),
                g["closed"].as_u64().unwrap(),
                g["backlog_start"].as_i64().unwrap(),
                g["backlog_end"].as_i64().unwrap(),
            )
        })
        .collect();
    // 1 November is a Sunday: week 44 has one day of the period.
    assert_eq!(
        weeks,
        vec![
            ("2026-W44".into(), 0, 0, 1, 1),
            ("2026-W45".into(), 2, 1, 1, 2),
            ("2026-W46".into(), 3, 1, 2, 3),
            ("2026-W47".into(), 1, 1, 3, 4),
            ("2026-W48".into(), 0, 1, 4, 3),
            ("2026-W49".into(), 0, 0, 3, 3),
        ]
    );
    // The chart series are the same weeks.
    let series: Vec<i64> = r["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["backlog"].as_i64().unwrap())
        .collect();
    assert_eq!(series, vec![1, 2, 3, 4, 3, 3]);

    let r = report(&office, &["--by", "agent"]);
    // B is ben's; everything else has no owner.
    let ben = group(&r, "ben");
    assert_eq!(ben["created"], 1);
    assert_eq!(ben["backlog_end"], 1);
    assert_eq!(ben["first_response"]["tickets"], 1);
    assert_eq!(group(&r, "-")["created"], 5);
}

#[test]
fn table_csv_and_bad_periods() {
    let office = november();
    let text = november_text(&office, &[]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[1].starts_with(" GROUP"), "{text}");
    assert!(
        lines
            .iter()
            .any(|l| l.split_whitespace().collect::<Vec<_>>()
                == [
                    "total", "6", "4", "1", "1", "1", "→", "3", "2", "h", "0", "min", "/", "2",
                    "h", "0", "min", "8", "d", "1", "h", "/", "28", "d", "0", "h", "50", "%", "/",
                    "100", "%"
                ]),
        "{text}"
    );
    assert!(text.contains("Bounces: 1 (userunknown 1)"), "{text}");

    let csv = november_text(&office, &["--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3, "{csv}");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(&rows[0][col("group")], "Kasse");
    assert_eq!(&rows[1][col("group")], "Presse");
    assert_eq!(&rows[2][col("group")], "total");
    assert_eq!(&rows[2][col("closed closed unsuccessful")], "1");
    assert_eq!(&rows[2][col("solution_median_seconds")], "694800");
    assert_eq!(&rows[0][col("first_response_median_seconds")], "");

    // The default period is last month.
    let default: serde_json::Value =
        serde_json::from_str(&office.at(NOW, &["report", "--json"])).unwrap();
    assert_eq!(default["from"], "2026-11-01T00:00:00+01:00");
    assert_eq!(default["total"]["created"], 6);

    let r = office.env.run_at(
        NOW,
        &["report", "--from", "2026-12-01", "--to", "2026-11-01"],
        None,
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("before it starts"), "{}", r.stderr);
    let r = office
        .env
        .run_at(NOW, &["report", "--from", "Novembre"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--from \"Novembre\""), "{}", r.stderr);
}

/// The page as a browser draws it: a screenshot that is not blank and
/// carries each series' colour, and the DOM after layout with every chart
/// and its series (one point per week).
#[test]
fn the_html_page_draws_its_charts_in_a_real_browser() {
    let office = november();
    let html = november_text(&office, &["--format", "html"]);
    assert!(!html.contains("<script"), "no script");
    for fetching in ["src=", "href=", "url(", "@import"] {
        assert!(!html.contains(fetching), "nothing fetched: {fetching}");
    }
    let page = office.env.path("report.html");
    std::fs::write(&page, &html).unwrap();
    let url = format!("file://{}", page.display());
    let shot = office.env.path("report.png");
    let chromium = |extra: &[&str]| {
        let out = std::process::Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--window-size=1200,1400",
                &format!("--user-data-dir={}", office.env.path("chromium").display()),
            ])
            .args(extra)
            .arg(&url)
            .output()
            .expect("chromium is installed (.ci/run installs it)");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    chromium(&[&format!("--screenshot={}", shot.display())]);
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    let channels = info.color_type.samples();
    let rgb: Vec<(u8, u8, u8)> = pixels[..info.buffer_size()]
        .chunks(channels)
        .map(|p| (p[0], p[1], p[2]))
        .collect();
    let not_white = rgb.iter().filter(|p| **p != (255, 255, 255)).count();
    assert!(
        not_white > rgb.len() / 100,
        "the page is drawn: {not_white} of {} pixels",
        rgb.len()
    );
    // The first series' blue and the second's orange are on the screen.
    let near = |c: (u8, u8, u8), want: (u8, u8, u8)| {
        c.0.abs_diff(want.0) < 12 && c.1.abs_diff(want.1) < 12 && c.2.abs_diff(want.2) < 12
    };
    for colour in [(0x1f, 0x6f, 0xb4), (0xd9, 0x63, 0x2b)] {
        let n = rgb.iter().filter(|p| near(**p, colour)).count();
        assert!(n > 50, "colour {colour:?} drawn ({n} pixels)");
    }

    let dom = chromium(&["--dump-dom"]);
    for chart in ["created-closed", "backlog", "response-times"] {
        assert!(
            dom.contains(&format!("data-chart=\"{chart}\"")),
            "chart {chart}"
        );
    }
    let points = |series: &str| -> usize {
        let at = dom
            .find(&format!(
                "<polyline class=\"series\" data-series=\"{series}\""
            ))
            .unwrap_or_else(|| panic!("series {series}"));
        let rest = &dom[at..];
        let p = rest.find("points=\"").unwrap() + 8;
        rest[p..rest[p..].find('"').unwrap() + p]
            .split_whitespace()
            .count()
    };
    assert_eq!(points("created"), 6);
    assert_eq!(points("closed"), 6);
    // The start and the end of each week.
    assert_eq!(points("backlog"), 7);
    // One bar group per queue with first responses, a bar per bucket.
    assert!(dom.contains("<g class=\"series\" data-series=\"Presse\""));
    assert_eq!(dom.matches("<title>Presse ").count(), 6);
}

#[test]
fn the_report_goes_to_the_board_through_the_outbox() {
    let office = november();
    // No SMTP server in this config: the mail waits in the outbox.
    let out = november_text(
        &office,
        &["--format", "html", "--mail", "vorstand@verein.example"],
    );
    assert_eq!(out, "", "nothing printed when mailed");
    let queued: serde_json::Value =
        serde_json::from_str(&office.at(NOW, &["outbox", "list", "--json"])).unwrap();
    let entries = queued.as_array().unwrap();
    let report = entries
        .iter()
        .find(|e| e["kind"] == "report")
        .unwrap_or_else(|| panic!("{queued:#}"));
    assert_eq!(report["recipient"], "vorstand@verein.example");
    assert!(report["subject"]
        .as_str()
        .unwrap()
        .contains("tix report 2026-11-01 – 2026-11-30"));
}

/// The dashboard counts from indexes alone: after every kind of change its
/// counts agree with the tickets themselves.
#[test]
fn the_dashboard_counts_agree_with_the_tickets_after_every_kind_of_change() {
    let office = november();
    let now = "2026-12-06T12:00:00+01:00";
    let later = office.mail(now, "presse@verein.example", "Noch eins");
    let spam = office.mail(now, "kasse@verein.example", "Gewinn");
    office.at(now, &["--as", "anna", "move", &later, "Kasse"]);
    office.at(now, &["--as", "anna", "state", &later, "open"]);
    office.at(now, &["--as", "anna", "delete", &spam]);
    office.at(
        "2026-12-06T13:00:00+01:00",
        &["--as", "anna", "purge", "--older-than", "0"],
    );
    let dashboard: serde_json::Value =
        serde_json::from_str(&office.at(now, &["--as", "anna", "dashboard", "--json"])).unwrap();
    let tickets: Vec<serde_json::Value> =
        serde_json::from_str(&office.at(now, &["list", "--json"])).unwrap();
    for queue in dashboard["queues"].as_array().unwrap() {
        let name = queue["name"].as_str().unwrap();
        let of = |states: &[&str]| {
            tickets
                .iter()
                .filter(|t| t["queue"] == name && states.contains(&t["state"].as_str().unwrap()))
                .count() as i64
        };
        assert_eq!(queue["new"].as_i64().unwrap(), of(&["new"]), "{name} new");
        assert_eq!(
            queue["open"].as_i64().unwrap(),
            of(&["open"]),
            "{name} open"
        );
    }
    assert_eq!(
        dashboard["queues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["new"].as_i64().unwrap() + q["open"].as_i64().unwrap())
            .sum::<i64>(),
        tickets.len() as i64
    );
    // The last two weeks, day by day: created (the deleted one not) and
    // closed (a ticket's latest closing), as the report counts them.
    let days: Vec<(String, i64, i64)> = dashboard["days"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["created"] != 0 || d["closed"] != 0)
        .map(|d| {
            (
                d["date"].as_str().unwrap().to_string(),
                d["created"].as_i64().unwrap(),
                d["closed"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        days,
        vec![
            ("2026-11-25".to_string(), 0, 1),
            ("2026-12-02".to_string(), 1, 0),
            ("2026-12-03".to_string(), 0, 1),
            ("2026-12-06".to_string(), 1, 0),
        ]
    );
}
