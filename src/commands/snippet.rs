//! `tix snippet list|show|render`: salutations, signatures and answers.

use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::render::{self, safe_text};
use crate::snippets::{render as render_snippet, Kind};
use crate::store::tickets;

/// Salutations, signatures and answer templates from the config
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// List the snippets and the queues that use them by default
    List {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Print a snippet's template
    Show { name: String },
    /// Print a snippet filled in for a ticket (what a reply would contain)
    Render {
        name: String,
        /// The ticket (number or tail)
        #[arg(long, value_name = "TICKET")]
        ticket: String,
    },
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    match &args.action {
        Action::List { json } => {
            let used_by = |name: &str| -> Vec<String> {
                ctx.config
                    .queues
                    .iter()
                    .filter(|q| {
                        [&q.salutation, &q.signature]
                            .iter()
                            .any(|s| s.as_deref().is_some_and(|s| s.eq_ignore_ascii_case(name)))
                    })
                    .map(|q| q.name.clone())
                    .collect()
            };
            if *json {
                #[derive(serde::Serialize)]
                struct Row<'a> {
                    name: &'a str,
                    kind: Kind,
                    queues: Vec<String>,
                }
                let rows: Vec<Row> = ctx
                    .config
                    .snippets
                    .iter()
                    .map(|s| Row {
                        name: &s.name,
                        kind: s.kind,
                        queues: used_by(&s.name),
                    })
                    .collect();
                render::out(&render::json(&rows));
                return Ok(());
            }
            let rows = ctx
                .config
                .snippets
                .iter()
                .map(|s| {
                    let first = s.text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
                    vec![
                        s.name.clone(),
                        format!("{:?}", s.kind).to_lowercase(),
                        used_by(&s.name).join(", "),
                        safe_text(first, true),
                    ]
                })
                .collect();
            render::out(&render::table(
                &["Name", "Kind", "Default in", "Begins"],
                rows,
            ));
            Ok(())
        }
        Action::Show { name } => {
            let s = find(ctx, name)?;
            render::out(&s.text);
            Ok(())
        }
        Action::Render { name, ticket } => {
            let s = find(ctx, name)?;
            let store = ctx.open_store()?;
            ctx.restrict(&store);
            let id = tickets::resolve(&store.conn, ticket)?;
            let t = tickets::ticket_by_id(&store.conn, id)?;
            let agent = ctx.config.agent(&ctx.actor);
            let vars = crate::snippets::variables(&t, agent, &ctx.actor);
            render::out(&render_snippet(s, &vars)?);
            Ok(())
        }
    }
}

fn find<'c>(ctx: &'c Ctx, name: &str) -> Result<&'c crate::snippets::Snippet> {
    ctx.config.snippet(name).ok_or_else(|| {
        let names: Vec<&str> = ctx
            .config
            .snippets
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        TixError::usage(format!(
            "unknown snippet {name:?}; snippets: {}",
            if names.is_empty() {
                "none configured".to_string()
            } else {
                names.join(", ")
            }
        ))
    })
}
