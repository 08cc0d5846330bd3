//! `tix agent`: who is away, until when, and who stands in.

use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::render;
use crate::store::absences::{self, Absence};

/// Mark agents away (their notifications go to a substitute) and list them
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Mark an agent away until a date: what would be mailed to them goes
    /// to the substitute, else to the queue's subscribers
    Away {
        /// The agent ("me" for yourself)
        #[arg(add = clap_complete::ArgValueCandidates::new(crate::cli::complete::agents))]
        agent: String,
        /// Back on this date (2026-12-24, "2026-12-24 12:00", 2w), local time
        #[arg(long, value_name = "DATE")]
        until: String,
        /// Who stands in meanwhile
        #[arg(long, value_name = "AGENT", add = clap_complete::ArgValueCandidates::new(crate::cli::complete::agents))]
        substitute: Option<String>,
    },
    /// End an agent's absence now
    Back {
        #[arg(add = clap_complete::ArgValueCandidates::new(crate::cli::complete::agents))]
        agent: String,
    },
    /// The configured agents, and who is away
    List {
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let mut store = ctx.open_store()?;
    let now = crate::dates::now();
    match &args.action {
        Action::Away {
            agent,
            until,
            substitute,
        } => {
            let agent = named(ctx, agent)?;
            let until = crate::dates::parse_date(until, now).map_err(TixError::usage)?;
            if until <= now {
                return Err(TixError::usage(format!(
                    "--until {} is not in the future",
                    render::datetime(until)
                )));
            }
            let substitute = substitute.as_deref().map(|s| named(ctx, s)).transpose()?;
            if substitute
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case(&agent))
            {
                return Err(TixError::usage(format!(
                    "{agent} cannot stand in for themselves"
                )));
            }
            let set_by = ctx.agent()?.to_string();
            store.write(|tx| {
                absences::set(
                    tx,
                    &Absence {
                        agent: agent.clone(),
                        until,
                        substitute: substitute.clone(),
                        set_at: now,
                        set_by,
                    },
                )
            })?;
            if !ctx.quiet {
                let instead = substitute.map_or(String::new(), |s| format!("; {s} stands in"));
                render::out(&format!(
                    "{agent} is away until {}{instead}\n",
                    render::datetime(until)
                ));
            }
        }
        Action::Back { agent } => {
            let agent = named(ctx, agent)?;
            let was = store.write(|tx| absences::clear(tx, &agent))?;
            if !ctx.quiet {
                let said = if was { "is back" } else { "was not away" };
                render::out(&format!("{agent} {said}\n"));
            }
        }
        Action::List { json } => {
            let away = absences::current(&store.conn, now)?;
            let absence = |name: &str| away.iter().find(|a| a.agent.eq_ignore_ascii_case(name));
            if *json {
                #[derive(serde::Serialize)]
                struct Row<'a> {
                    name: &'a str,
                    email: Option<&'a str>,
                    away: Option<&'a Absence>,
                }
                let rows: Vec<Row> = ctx
                    .config
                    .agents
                    .iter()
                    .map(|a| Row {
                        name: &a.name,
                        email: a.email.as_deref(),
                        away: absence(&a.name),
                    })
                    .collect();
                render::out(&render::json(&rows));
                return Ok(());
            }
            let rows = ctx
                .config
                .agents
                .iter()
                .map(|a| {
                    let (until, sub) = match absence(&a.name) {
                        Some(x) => (
                            format!("away until {}", render::datetime(x.until)),
                            x.substitute.clone().unwrap_or_default(),
                        ),
                        None => (String::new(), String::new()),
                    };
                    vec![
                        a.name.clone(),
                        a.email.clone().unwrap_or_default(),
                        until,
                        sub,
                    ]
                })
                .collect();
            render::out(&render::table(
                &["Agent", "Email", "Away", "Substitute"],
                rows,
            ));
        }
    }
    Ok(())
}

/// A configured agent named on the command line.
fn named(ctx: &Ctx, name: &str) -> Result<String> {
    if ctx.config.agents.is_empty() {
        return Err(TixError::usage(
            "no agents are configured; absences are of configured agents",
        ));
    }
    ctx.agent_arg(name)?
        .ok_or_else(|| TixError::usage("name an agent, not none"))
}
