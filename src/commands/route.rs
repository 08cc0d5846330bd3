//! `tix route --explain FILE` and `tix route --apply`: the routing rules
//! shown at work on one message, or run again over tickets in the store.

use crate::cli::bulk::{self, Bulk};
use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::intake::Intake;
use crate::mail::parse::parse;
use crate::render;
use crate::routing::{acting, explain, Landing, Subject};
use crate::store::tickets;
use crate::store::{articles, raw_messages};
use crate::vocabulary::StateType;
use std::path::PathBuf;

/// Show what the routing rules do with a message, or run them again on tickets
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("mode").required(true).args(["explain", "apply"]))]
pub struct Args {
    /// A message file: each rule, whether it matched and why, and the result; writes nothing
    #[arg(long, value_name = "FILE")]
    pub explain: Option<PathBuf>,

    /// Run the rules again on tickets already in the store (named, or --where)
    #[arg(long)]
    pub apply: bool,

    /// Ticket numbers (or tails), with --apply
    pub tickets: Vec<String>,

    #[command(flatten)]
    pub bulk: Bulk,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    match &args.explain {
        Some(file) => run_explain(ctx, args, file),
        None => run_apply(ctx, args),
    }
}

fn run_explain(ctx: &Ctx, args: &Args, file: &PathBuf) -> Result<()> {
    let raw = std::fs::read(file).map_err(|e| TixError::input(file, e))?;
    let intake = Intake::new(&ctx.config, ctx.rules.clone());
    let mail = parse(&raw, intake.max_size).map_err(|q| {
        TixError::bad_data(format!("{}: would be quarantined: {}", file.display(), q.0))
    })?;
    // A follow-up only where the store exists and knows the thread; nothing is created.
    let store = if !crate::store::may_exist(&ctx.db_path) {
        None
    } else {
        match ctx.open_store() {
            Ok(store) => Some(store),
            // A database on a server without a tix schema yet: no store.
            Err(TixError::Invalid(_)) if crate::store::is_server(&ctx.db_path) => None,
            Err(e) => return Err(e),
        }
    };
    let followup = match &store {
        Some(store) => intake
            .find_followup_ticket(&store.conn, &mail)?
            .map(|id| tickets::ticket_by_id(&store.conn, id))
            .transpose()?,
        None => None,
    };
    let landing = match &followup {
        Some(t) => Landing::FollowUp {
            was_closed: t.state_type == StateType::Closed,
        },
        None => Landing::NewTicket,
    };
    let followup = followup.map(|t| t.number);
    let source = format!("file:{}", file.display());
    let subject = Subject {
        mail: &mail,
        source: &source,
    };
    let rules = &ctx.rules;
    let verdicts = explain(rules, &subject, landing);
    let mut result = Outcome {
        followup_to: followup.clone(),
        queue: intake.route_queue(&mail),
        priority: 3,
        ..Default::default()
    };
    // The verdicts say which rules act; their actions make the result.
    let acting_rules = rules
        .rules
        .iter()
        .zip(&verdicts)
        .filter(|(_, v)| v.acts)
        .map(|(r, _)| r);
    for rule in acting_rules {
        let a = &rule.actions;
        if let Some(q) = &a.queue {
            result.queue = q.clone();
        }
        if let Some(p) = a.priority {
            result.priority = p;
        }
        result.owner = a.owner.clone().or(result.owner);
        result.responsible = a.responsible.clone().or(result.responsible);
        result.tags.extend(a.tags.iter().cloned());
        result.state = a.state.clone().or(result.state);
        result.no_autoreply |= a.no_autoreply;
    }
    // What the auto-responder would do, and on whose setting.
    let auto_reply = ctx
        .config
        .queue(&result.queue)
        .and_then(|q| q.auto_reply.as_deref());
    let why_not = if followup.is_some() {
        Some("a follow-up gets none".to_string())
    } else if result.no_autoreply {
        Some("a routing rule says no_autoreply".to_string())
    } else if let Some(name) = auto_reply {
        if ctx.config.snippet(name).is_none() {
            Some(format!("the snippet {name:?} cannot be used"))
        } else {
            crate::send::robots::no_auto_reply_because(&mail, &ctx.config.own_addresses())
        }
    } else {
        Some(format!("queue {} has none", result.queue))
    };
    match (why_not, auto_reply) {
        (Some(why), _) => result.no_auto_reply_because = Some(why),
        (None, Some(name)) => {
            result.auto_reply = Some(crate::send::notify::auto_reply_origin(
                &ctx.config,
                &result.queue,
                name,
            ))
        }
        (None, None) => {}
    }
    if args.bulk.json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            rules: &'a [crate::routing::explain::Verdict],
            result: &'a Outcome,
        }
        render::out(&render::json(&Out {
            rules: &verdicts,
            result: &result,
        }));
        return Ok(());
    }
    let mut s = match &followup {
        Some(n) => format!("as a follow-up to ticket {n}:\n"),
        None => "as a new ticket:\n".to_string(),
    };
    if verdicts.is_empty() {
        s.push_str("no rules configured\n");
    }
    let width = verdicts
        .iter()
        .map(|v| v.rule.chars().count())
        .max()
        .unwrap_or(0);
    for v in &verdicts {
        let (mark, what) = match (v.matched, v.in_scope, v.acts) {
            (true, _, true) => ("✓", "matched".to_string()),
            (true, false, _) => (
                "-",
                "matched, but does not apply to this kind of mail".to_string(),
            ),
            (true, true, false) => ("-", "matched, but an earlier rule stopped".to_string()),
            (false, _, _) => ("✗", "no match".to_string()),
        };
        s.push_str(&format!(
            "{mark} {:width$}  {what}: {}\n",
            v.rule,
            render::safe_text(&v.why, true)
        ));
    }
    let priority = format!(
        "{} {}",
        result.priority,
        tickets::priority_name(result.priority)
    );
    s.push_str(&format!(
        "result: queue {} · priority {priority}",
        result.queue
    ));
    for (label, value) in [
        ("owner", &result.owner),
        ("responsible", &result.responsible),
        ("state", &result.state),
    ] {
        if let Some(v) = value {
            s.push_str(&format!(" · {label} {v}"));
        }
    }
    if !result.tags.is_empty() {
        s.push_str(&format!(" · tags {}", result.tags.join(" ")));
    }
    s.push('\n');
    match (&result.auto_reply, &result.no_auto_reply_because) {
        (Some(origin), _) => s.push_str(&format!("auto-reply: {origin}\n")),
        (None, Some(why)) => s.push_str(&format!("no auto-reply: {why}\n")),
        (None, None) => {}
    }
    render::out(&s);
    Ok(())
}

/// What the rules would make of the message.
#[derive(Debug, Default, serde::Serialize)]
struct Outcome {
    followup_to: Option<String>,
    queue: String,
    priority: i64,
    owner: Option<String>,
    responsible: Option<String>,
    tags: Vec<String>,
    state: Option<String>,
    no_autoreply: bool,
    /// The auto-reply a new ticket would get and the queue that set it.
    auto_reply: Option<String>,
    no_auto_reply_because: Option<String>,
}

fn run_apply(ctx: &Ctx, args: &Args) -> Result<()> {
    let config = &ctx.config;
    bulk::run(ctx, &args.bulk, &args.tickets, |s, t| {
        // The rules look at the message that opened the ticket.
        let Some((raw_id, source)) = articles::first_mail(s.conn, t.id)? else {
            return Ok(vec![]); // opened by hand: no mail to route
        };
        let raw = raw_messages::raw_bytes(s.conn, raw_id)?;
        let Ok(mail) = parse(&raw, usize::MAX) else {
            return Ok(vec![]);
        };
        let hits = ctx.rules.evaluate(&Subject {
            mail: &mail,
            source: &source,
        });
        let rules = acting(&ctx.rules, &hits, Landing::NewTicket);
        crate::routing::apply(s.conn, config, &rules, t.id, s.now)
    })
}
