//! The report as one self-contained HTML page for a board: inline CSS and
//! SVG, no script and nothing fetched from elsewhere, readable printed.
//! Each chart is an `<svg data-chart=…>` whose series are elements with
//! `data-series` (what the browser test looks for).

use super::{Report, Times};
use std::fmt::Write;

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 48.0;
const BOTTOM: f64 = 36.0;
const TOP: f64 = 16.0;
const RIGHT: f64 = 40.0;
/// Series colours, told apart also in greyscale print by dashes.
const COLOURS: &[&str] = &[
    "#1f6fb4", "#d9632b", "#2b9a4a", "#8e44ad", "#b8860b", "#c0392b", "#16a085", "#555555",
];

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A duration for people: "3 h 20 min", "2 d 4 h".
pub fn duration(secs: Option<i64>) -> String {
    let Some(secs) = secs else {
        return "–".into();
    };
    let (d, h, m) = (secs / 86_400, secs % 86_400 / 3_600, secs % 3_600 / 60);
    if d > 0 {
        format!("{d} d {h} h")
    } else if h > 0 {
        format!("{h} h {m} min")
    } else {
        format!("{m} min")
    }
}

pub fn share(s: Option<f64>) -> String {
    s.map_or("–".into(), |s| format!("{:.0} %", s * 100.0))
}

pub fn page(r: &Report, title: &str) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n<p class=\"period\">{} – {} · by {}{}</p>\n",
        escape(title),
        escape(title),
        escape(&crate::render::datetime(r.from)),
        escape(&crate::render::datetime(r.to)),
        by_name(r),
        r.queue
            .as_deref()
            .map(|q| format!(" · queue {}", escape(q)))
            .unwrap_or_default()
    );
    h.push_str(&summary(r));
    h.push_str("<h2>Tickets created and closed per week</h2>\n");
    h.push_str(&lines_chart(
        "created-closed",
        &r.weeks.iter().map(|w| w.week.clone()).collect::<Vec<_>>(),
        &[
            (
                "created",
                r.weeks.iter().map(|w| w.created as f64).collect(),
            ),
            ("closed", r.weeks.iter().map(|w| w.closed as f64).collect()),
        ],
    ));
    h.push_str("<h2>Backlog over time</h2>\n");
    let mut labels = vec!["start".to_string()];
    labels.extend(r.weeks.iter().map(|w| w.week.clone()));
    let mut backlog = vec![r.total.backlog_start as f64];
    backlog.extend(r.weeks.iter().map(|w| w.backlog as f64));
    h.push_str(&lines_chart("backlog", &labels, &[("backlog", backlog)]));
    h.push_str("<h2>First response time by queue (working time)</h2>\n");
    h.push_str(&bars_chart(r));
    h.push_str(&reasons(r));
    let _ = write!(
        h,
        "<p class=\"foot\">Made by tix {} at {}. Times are medians and 90th percentiles; working time counts the queue's calendar.</p>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        escape(&crate::render::datetime(crate::dates::now()))
    );
    h
}

/// The grouping as `--by` names it.
fn by_name(r: &Report) -> String {
    use clap::ValueEnum;
    r.by.to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}

fn summary(r: &Report) -> String {
    let mut h = String::from(
        "<table class=\"figures\">\n<thead><tr><th></th><th>created</th><th>closed</th><th>reopened</th><th>merged</th><th>backlog start</th><th>backlog end</th><th>first response median</th><th>90%</th><th>solution median</th><th>90%</th><th>answered in time</th><th>solved in time</th></tr></thead>\n<tbody>\n",
    );
    for f in r.groups.iter().chain(std::iter::once(&r.total)) {
        let class = if std::ptr::eq(f, &r.total) {
            " class=\"total\""
        } else {
            ""
        };
        let _ = writeln!(
            h,
            "<tr{class}><th>{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>{}{}<td>{}</td><td>{}</td></tr>",
            escape(&f.group),
            f.created,
            f.closed,
            f.reopened,
            f.merged,
            f.backlog_start,
            f.backlog_end,
            time_cells(&f.first_response),
            time_cells(&f.solution),
            share(f.first_response_in_time.share),
            share(f.solution_in_time.share),
        );
    }
    h.push_str("</tbody>\n</table>\n");
    h
}

fn time_cells(t: &Times) -> String {
    format!(
        "<td>{}</td><td>{}</td>",
        duration(t.median_working_seconds),
        duration(t.p90_working_seconds)
    )
}

fn reasons(r: &Report) -> String {
    let mut h = String::from("<div class=\"pair\">\n<section><h2>Closed by reason</h2>\n");
    h.push_str(&counts_table(&r.total.closed_by_reason));
    let _ = write!(
        h,
        "</section>\n<section><h2>Bounces by reason ({})</h2>\n",
        r.bounces.total
    );
    h.push_str(&counts_table(&r.bounces.by_reason));
    h.push_str("</section>\n</div>\n");
    h
}

fn counts_table(counts: &std::collections::BTreeMap<String, u64>) -> String {
    if counts.is_empty() {
        return "<p>none</p>\n".into();
    }
    let mut rows: Vec<(&String, &u64)> = counts.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let mut h = String::from("<table>\n");
    for (name, n) in rows {
        let _ = writeln!(h, "<tr><th>{}</th><td>{n}</td></tr>", escape(name));
    }
    h.push_str("</table>\n");
    h
}

/// A round upper bound for an axis: 1, 2 or 5 times a power of ten.
fn axis_top(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let power = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|top| *top >= max)
        .unwrap_or(10.0 * power)
}

/// Frame, horizontal grid and y labels of a chart reaching `top`.
fn frame(h: &mut String, top: f64) {
    let plot_h = HEIGHT - TOP - BOTTOM;
    for i in 0..=4 {
        let v = top * i as f64 / 4.0;
        let y = TOP + plot_h - plot_h * i as f64 / 4.0;
        let _ = writeln!(
            h,
            "<line class=\"grid\" x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\"/><text class=\"y\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            WIDTH - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            if top >= 4.0 { format!("{v:.0}") } else { format!("{v:.1}") }
        );
    }
}

/// Labels along the x axis, thinned so they do not overlap.
fn x_labels(h: &mut String, labels: &[String], x_of: impl Fn(usize) -> f64) {
    let every = labels.len().div_ceil(12).max(1);
    for (i, l) in labels.iter().enumerate() {
        if i % every == 0 || i + 1 == labels.len() {
            let _ = writeln!(
                h,
                "<text class=\"x\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                x_of(i),
                HEIGHT - BOTTOM + 16.0,
                escape(l)
            );
        }
    }
}

fn lines_chart(name: &str, labels: &[String], series: &[(&str, Vec<f64>)]) -> String {
    let mut h = format!(
        "<svg class=\"chart\" data-chart=\"{name}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" height=\"{HEIGHT}\" role=\"img\" aria-label=\"{name}\" xmlns=\"http://www.w3.org/2000/svg\">\n"
    );
    let max = series
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .fold(0.0, f64::max);
    let top = axis_top(max);
    frame(&mut h, top);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let step = if labels.len() > 1 {
        plot_w / (labels.len() - 1) as f64
    } else {
        0.0
    };
    let x_of = |i: usize| {
        if labels.len() > 1 {
            LEFT + step * i as f64
        } else {
            LEFT + plot_w / 2.0
        }
    };
    let y_of = |v: f64| TOP + plot_h - plot_h * v / top;
    x_labels(&mut h, labels, x_of);
    for (k, (label, values)) in series.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        let dash = if k > 0 {
            " stroke-dasharray=\"6 3\""
        } else {
            ""
        };
        let points: Vec<String> = values
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{:.1},{:.1}", x_of(i), y_of(*v)))
            .collect();
        let _ = writeln!(
            h,
            "<polyline class=\"series\" data-series=\"{label}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"{dash} points=\"{}\"/>",
            points.join(" ")
        );
        for (i, v) in values.iter().enumerate() {
            let _ = writeln!(
                h,
                "<circle data-series=\"{label}\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{colour}\"><title>{} {label}: {v}</title></circle>",
                x_of(i),
                y_of(*v),
                escape(&labels[i])
            );
        }
        let _ = writeln!(
            h,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"12\" height=\"4\" fill=\"{colour}\"/><text class=\"legend\" x=\"{:.1}\" y=\"{:.1}\">{label}</text>",
            LEFT + 8.0 + 110.0 * k as f64,
            TOP - 8.0,
            LEFT + 24.0 + 110.0 * k as f64,
            TOP - 3.0
        );
    }
    h.push_str("</svg>\n");
    h
}

/// Grouped bars: per queue, one bar per response-time bucket.
fn bars_chart(r: &Report) -> String {
    let labels = &r.response_buckets;
    let mut h = format!(
        "<svg class=\"chart\" data-chart=\"response-times\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" height=\"{HEIGHT}\" role=\"img\" aria-label=\"response times\" xmlns=\"http://www.w3.org/2000/svg\">\n"
    );
    let max = r
        .response_distribution
        .iter()
        .flat_map(|d| d.counts.iter().copied())
        .max()
        .unwrap_or(0) as f64;
    let top = axis_top(max);
    frame(&mut h, top);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let slot = plot_w / labels.len().max(1) as f64;
    let queues = r.response_distribution.len().max(1) as f64;
    let bar = (slot * 0.8 / queues).min(40.0);
    x_labels(&mut h, labels, |i| LEFT + slot * (i as f64 + 0.5));
    for (k, d) in r.response_distribution.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        let _ = writeln!(
            h,
            "<g class=\"series\" data-series=\"{}\" fill=\"{colour}\">",
            escape(&d.queue)
        );
        for (i, n) in d.counts.iter().enumerate() {
            let height = plot_h * *n as f64 / top;
            let x = LEFT + slot * i as f64 + (slot - bar * queues) / 2.0 + bar * k as f64;
            let _ = writeln!(
                h,
                "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{height:.1}\"><title>{} {}: {n}</title></rect>",
                TOP + plot_h - height,
                escape(&d.queue),
                escape(&labels[i])
            );
        }
        h.push_str("</g>\n");
        let _ = writeln!(
            h,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"12\" height=\"4\" fill=\"{colour}\"/><text class=\"legend\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            LEFT + 8.0 + 130.0 * k as f64,
            TOP - 8.0,
            LEFT + 24.0 + 130.0 * k as f64,
            TOP - 3.0,
            escape(&d.queue)
        );
    }
    h.push_str("</svg>\n");
    h
}

const STYLE: &str = "
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 64em; color: #222; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
h2 { font-size: 1.1em; margin-top: 1.6em; }
.period, .foot { color: #555; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { padding: 0.25em 0.6em; border-bottom: 1px solid #ddd; text-align: right; }
th:first-child { text-align: left; }
thead th { font-weight: 600; font-size: 0.85em; vertical-align: bottom; }
tr.total { font-weight: 600; border-top: 2px solid #222; }
.pair { display: flex; gap: 3em; flex-wrap: wrap; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg .grid { stroke: #ddd; stroke-width: 1; }
svg text { font-size: 11px; fill: #444; }
svg text.y { text-anchor: end; }
svg text.x { text-anchor: middle; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2, svg.chart, table { break-inside: avoid; }
}
";
