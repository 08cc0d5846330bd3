//! `tix import otrs|osticket URL`: an OTRS, Znuny or osTicket history
//! becomes tix tickets, read from the database it runs on (MySQL/MariaDB
//! or PostgreSQL, never written to).

use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::import::{otrs, source::Source, Summary};
use crate::render;
use std::path::PathBuf;

/// Bring another system's tickets in, numbers and raw mail kept
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub system: System,
}

#[derive(Debug, clap::Subcommand)]
pub enum System {
    /// From the database of OTRS 5, 6 or later, or Znuny
    Otrs(OtrsArgs),
    /// From the database of osTicket (1.10 or later)
    Osticket(OsticketArgs),
}

#[derive(Debug, clap::Args)]
pub struct OsticketArgs {
    /// mysql://USER:PASSWORD@HOST/DB (read only)
    pub url: String,
    /// The folder of osTicket's filesystem storage plugin, for attachments kept there
    #[arg(long, value_name = "DIR")]
    pub attachment_dir: Option<PathBuf>,
    /// The table prefix chosen at installation
    #[arg(long, value_name = "PREFIX", default_value = "ost_")]
    pub prefix: String,
    /// Only tickets changed since this date (the difference on switch-over day)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Count what would come, write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// The summary as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct OtrsArgs {
    /// mysql://USER:PASSWORD@HOST/DB or postgres://USER@HOST/DB (read only)
    pub url: String,
    /// OTRS's var/article folder (ArticleStorageFS): raw mail and
    /// attachments are read there first, then from the database
    #[arg(long, value_name = "DIR")]
    pub article_dir: Option<PathBuf>,
    /// Only tickets changed since this date (the difference on switch-over day)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Count what would come, write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Also write the queues, statuses, agents and snippets found as tix
    /// YAML into DIR, for review
    #[arg(long, value_name = "DIR")]
    pub write_config: Option<PathBuf>,
    /// The summary as JSON
    #[arg(long)]
    pub json: bool,
}

fn since(text: Option<&str>) -> Result<Option<i64>> {
    text.map(|s| crate::dates::parse_date(s, crate::dates::now()))
        .transpose()
        .map_err(|e| TixError::usage(format!("--since: {e}")))
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let a = match &args.system {
        System::Otrs(a) => a,
        System::Osticket(a) => return osticket(ctx, a),
    };
    let since = since(a.since.as_deref())?;
    let mut source = Source::open(&a.url)?;
    if let Some(dir) = &a.write_config {
        let file = crate::import::otrs_config::write_config(&mut source, dir)?;
        if !ctx.quiet {
            eprintln!("tix: the configuration found is in {}", file.display());
        }
    }
    let mut store = ctx.open_store()?;
    let bar = render::progress_bar(ctx.interactive && !ctx.quiet, "tickets", None);
    let summary = otrs::import(
        &mut source,
        &mut store,
        &otrs::Options {
            article_dir: a.article_dir.as_deref(),
            since,
            dry_run: a.dry_run,
        },
        &|done, total| {
            bar.set_length(total);
            bar.set_position(done);
        },
    )?;
    bar.finish_and_clear();
    report(ctx, &summary, a.json, a.dry_run)
}

fn osticket(ctx: &Ctx, a: &OsticketArgs) -> Result<()> {
    let since = since(a.since.as_deref())?;
    // The prefix goes into the queries' table names.
    if !a
        .prefix
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Err(TixError::usage(format!(
            "--prefix {:?}: a table prefix is letters, digits and _ (ost_)",
            a.prefix
        )));
    }
    let mut source = Source::open(&a.url)?;
    let mut store = ctx.open_store()?;
    let bar = render::progress_bar(ctx.interactive && !ctx.quiet, "tickets", None);
    let summary = crate::import::osticket::import(
        &mut source,
        &mut store,
        &crate::import::osticket::Options {
            attachment_dir: a.attachment_dir.as_deref(),
            since,
            dry_run: a.dry_run,
            prefix: &a.prefix,
        },
        &|done, total| {
            bar.set_length(total);
            bar.set_position(done);
        },
    )?;
    bar.finish_and_clear();
    report(ctx, &summary, a.json, a.dry_run)
}

fn report(ctx: &Ctx, s: &Summary, json: bool, dry_run: bool) -> Result<()> {
    if json {
        render::out(&render::json(s));
    } else if dry_run {
        render::out(&format!(
            "{}: {} tickets; {} to import, {} changed since the last run, {} unchanged (nothing written)\n",
            s.source, s.source_tickets, s.tickets_new, s.tickets_updated, s.tickets_unchanged
        ));
    } else if !ctx.quiet || !s.problems.is_empty() {
        let mut out = format!(
            "{}: {} new and {} updated tickets ({} unchanged), {} articles ({} rebuilt without raw mail), {} history entries, {} merges, {} links, {} contacts\nverified: the source has {} tickets and {} articles; {} raw messages read back byte for byte\n",
            s.source, s.tickets_new, s.tickets_updated, s.tickets_unchanged, s.articles, s.rebuilt,
            s.history, s.merged, s.links, s.contacts, s.source_tickets, s.source_articles, s.verified_raw
        );
        for p in &s.problems {
            out.push_str(&format!(
                "not imported: {}{}: {}\n",
                p.ticket
                    .as_deref()
                    .map(|t| format!("ticket {t}"))
                    .unwrap_or_else(|| "the run".into()),
                p.article
                    .map(|a| format!(", article {a}"))
                    .unwrap_or_default(),
                p.why
            ));
        }
        render::out(&out);
    }
    if s.problems.is_empty() {
        Ok(())
    } else {
        Err(TixError::failure(format!(
            "{} problem(s) in the import; everything else is in, and a run again retries them",
            s.problems.len()
        )))
    }
}
