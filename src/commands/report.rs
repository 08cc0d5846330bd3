//! `tix report`: the office's figures over a period, for a board: as a
//! table, CSV, JSON or one self-contained HTML page with charts, printed or
//! mailed through the outbox (cron on the first of the month).

use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::report::html::{duration, share};
use crate::report::{By, Figures, Report, Request};
use crate::send::Outgoing;

/// Figures over a period: created, closed, backlog, response and solution times, bounces
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The first day (or instant) of the period [default: the first of the month --to falls in, else of last month]
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,

    /// The last day of the period, included (or an instant, excluded)
    /// [default: now with --from, else the end of last month]
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,

    /// Figures per queue, agent (the ticket's owner), month or week
    #[arg(long, value_enum, default_value_t = By::Queue)]
    pub by: By,

    /// Only this queue and the queues nested below it
    #[arg(long, value_name = "QUEUE", add = clap_complete::ArgValueCandidates::new(crate::cli::complete::queues))]
    pub queue: Option<String>,

    /// Output form; html is one self-contained page with charts
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// The same as --format json
    #[arg(long, conflicts_with = "format")]
    pub json: bool,

    /// Mail the report to these addresses through the outbox instead of
    /// printing it (the table as text, the chosen form attached)
    #[arg(long, value_name = "ADDRESS", num_args = 1..)]
    pub mail: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Html,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let now = crate::dates::now();
    let (from, to) = period(args, now)?;
    let queues = match &args.queue {
        Some(q) => Some(ctx.config.queue_with_children(&ctx.queue_arg(q)?)),
        None => None,
    };
    let format = if args.json { Format::Json } else { args.format };
    let recipients = crate::send::mailboxes(&args.mail, "--mail")?;
    let store = ctx.open_store_to_read()?;
    ctx.restrict(&store);
    let mut report = crate::report::compute(
        &store.conn,
        &ctx.config,
        &Request {
            from,
            to,
            by: args.by,
            queues: queues.as_deref(),
            now,
        },
    )?;
    report.queue = args.queue.clone();
    let title = title(&report);
    let text = match format {
        Format::Table => table(&report),
        Format::Csv => csv(&report)?,
        Format::Json => crate::render::json(&report),
        Format::Html => crate::report::html::page(&report, &title),
    };
    if recipients.is_empty() {
        store.close();
        crate::render::out(&text);
        return Ok(());
    }
    drop(store);
    let mut store = ctx.open_store()?;
    let from_box = ctx
        .config
        .smtp
        .as_ref()
        .and_then(|s| s.from.clone())
        .or_else(|| {
            ctx.config
                .queues
                .iter()
                .find_map(|q| ctx.config.sender_for_queue(&q.name))
        })
        .ok_or_else(|| {
            TixError::usage(
                "tix report --mail: no address to send from (set smtp.from or a queue's address)",
            )
        })?;
    let attachment = match format {
        Format::Table => vec![],
        Format::Csv => vec![(
            format!("{}.csv", file_stem(&report)),
            "text/csv; charset=utf-8",
            text,
        )],
        Format::Json => vec![(
            format!("{}.json", file_stem(&report)),
            "application/json",
            text,
        )],
        Format::Html => vec![(
            format!("{}.html", file_stem(&report)),
            "text/html; charset=utf-8",
            text,
        )],
    };
    let outgoing = Outgoing {
        from: from_box.clone(),
        to: recipients.clone(),
        cc: vec![],
        bcc: vec![],
        subject: title.clone(),
        body: format!("{title}\n\n{}", table(&report)),
        in_reply_to: None,
        references: vec![],
        attachments: attachment
            .into_iter()
            .map(|(name, ct, text)| (name, ct.to_string(), text.into_bytes()))
            .collect(),
        auto_submitted: Some("auto-generated".into()),
        origin: None,
        then_state: None,
        then_until: None,
    };
    let id = crate::send::new_message_id("report", &from_box);
    let built = outgoing.build(&id, false)?;
    let recipient_list = recipients
        .iter()
        .map(|m| m.email.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    store.write(|tx| {
        crate::send::outbox::enqueue(
            tx,
            None,
            "report",
            &recipient_list,
            Some(&ctx.actor),
            &outgoing,
            &built,
            now,
        )
    })?;
    let sent = ctx.send_due(&mut store)?;
    if ctx.verbose {
        eprintln!(
            "report queued for {recipient_list}{}",
            if sent.sent > 0 { " and sent" } else { "" }
        );
    }
    Ok(())
}

/// The period asked for: a plain day as its end means the end of that day.
fn period(args: &Args, now: i64) -> Result<(i64, i64)> {
    let parse = |what: &str, text: &str| {
        crate::dates::parse_date(text, now)
            .map_err(|e| TixError::usage(format!("--{what} {text:?}: {e}")))
    };
    let from = args.from.as_deref().map(|t| parse("from", t)).transpose()?;
    let to = match args.to.as_deref() {
        Some(t) if crate::dates::is_plain_day(t) => {
            Some(crate::dates::days_after(parse("to", t)?, 1))
        }
        Some(t) => Some(parse("to", t)?),
        None => None,
    };
    let (from, to) = match (from, to) {
        (Some(f), Some(t)) => (f, t),
        (Some(f), None) => (f, now),
        (None, Some(t)) => (crate::dates::month_start(t - 1, 0), t),
        (None, None) => (
            crate::dates::month_start(now, -1),
            crate::dates::month_start(now, 0),
        ),
    };
    if to <= from {
        return Err(TixError::usage(format!(
            "the period ends ({}) before it starts ({})",
            crate::render::datetime(to),
            crate::render::datetime(from)
        )));
    }
    Ok((from, to))
}

fn title(r: &Report) -> String {
    let last_day = crate::dates::local_date(r.to - 1);
    let mut t = format!(
        "tix report {} – {last_day}",
        crate::dates::local_date(r.from)
    );
    if let Some(q) = &r.queue {
        t.push_str(&format!(", queue {q}"));
    }
    t
}

fn file_stem(r: &Report) -> String {
    format!(
        "tix-report-{}-{}",
        crate::dates::local_date(r.from),
        crate::dates::local_date(r.to - 1)
    )
}

const HEADER: &[&str] = &[
    "GROUP",
    "CREATED",
    "CLOSED",
    "REOPENED",
    "MERGED",
    "BACKLOG",
    "1ST RESPONSE",
    "SOLUTION",
    "IN TIME",
];

fn table(r: &Report) -> String {
    let rows = r
        .groups
        .iter()
        .chain(std::iter::once(&r.total))
        .map(|f| {
            vec![
                crate::render::safe_text(&f.group, true),
                f.created.to_string(),
                f.closed.to_string(),
                f.reopened.to_string(),
                f.merged.to_string(),
                format!("{} → {}", f.backlog_start, f.backlog_end),
                format!(
                    "{} / {}",
                    duration(f.first_response.median_working_seconds),
                    duration(f.first_response.p90_working_seconds)
                ),
                format!(
                    "{} / {}",
                    duration(f.solution.median_working_seconds),
                    duration(f.solution.p90_working_seconds)
                ),
                format!(
                    "{} / {}",
                    share(f.first_response_in_time.share),
                    share(f.solution_in_time.share)
                ),
            ]
        })
        .collect();
    let mut out = format!(
        "{} – {}\n",
        crate::render::datetime(r.from),
        crate::render::datetime(r.to)
    );
    out.push_str(&crate::render::table(HEADER, rows));
    out.push_str(
        "Times: median / 90th percentile in working time; in time: answered / solved within the queue's escalation times.\n",
    );
    let reasons: Vec<String> = r
        .total
        .closed_by_reason
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    if !reasons.is_empty() {
        out.push_str(&format!("Closed: {}\n", reasons.join(", ")));
    }
    let bounces: Vec<String> = r
        .bounces
        .by_reason
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    out.push_str(&format!(
        "Bounces: {}{}\n",
        r.bounces.total,
        if bounces.is_empty() {
            String::new()
        } else {
            format!(" ({})", bounces.join(", "))
        }
    ));
    out
}

/// One row per group and the totals, every figure in a column of its own
/// (seconds for times, a fraction for shares).
fn csv(r: &Report) -> Result<String> {
    let mut reasons: Vec<&String> = r.total.closed_by_reason.keys().collect();
    reasons.sort();
    let mut w = csv::Writer::from_writer(vec![]);
    let mut header: Vec<String> = [
        "group",
        "created",
        "closed",
        "reopened",
        "merged",
        "backlog_start",
        "backlog_end",
        "first_response_tickets",
        "first_response_median_seconds",
        "first_response_p90_seconds",
        "first_response_median_working_seconds",
        "first_response_p90_working_seconds",
        "solution_tickets",
        "solution_median_seconds",
        "solution_p90_seconds",
        "solution_median_working_seconds",
        "solution_p90_working_seconds",
        "first_response_within",
        "first_response_missed",
        "solution_within",
        "solution_missed",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(reasons.iter().map(|r| format!("closed {r}")));
    w.write_record(&header).map_err(csv_error)?;
    let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    for f in r.groups.iter().chain(std::iter::once(&r.total)) {
        let mut row = vec![
            crate::render::csv_text(&f.group),
            f.created.to_string(),
            f.closed.to_string(),
            f.reopened.to_string(),
            f.merged.to_string(),
            f.backlog_start.to_string(),
            f.backlog_end.to_string(),
        ];
        row.extend(times_cells(&f.first_response, opt));
        row.extend(times_cells(&f.solution, opt));
        row.extend(in_time_cells(f));
        row.extend(
            reasons
                .iter()
                .map(|k| f.closed_by_reason.get(*k).copied().unwrap_or(0).to_string()),
        );
        w.write_record(&row).map_err(csv_error)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| TixError::failure(e.to_string()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn times_cells(t: &crate::report::Times, opt: impl Fn(Option<i64>) -> String) -> Vec<String> {
    vec![
        t.tickets.to_string(),
        opt(t.median_seconds),
        opt(t.p90_seconds),
        opt(t.median_working_seconds),
        opt(t.p90_working_seconds),
    ]
}

fn in_time_cells(f: &Figures) -> Vec<String> {
    vec![
        f.first_response_in_time.within.to_string(),
        f.first_response_in_time.missed.to_string(),
        f.solution_in_time.within.to_string(),
        f.solution_in_time.missed.to_string(),
    ]
}

fn csv_error(e: csv::Error) -> TixError {
    TixError::failure(format!("writing CSV: {e}"))
}
