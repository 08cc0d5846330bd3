//! `tix reply --where QUERY --snippet S`: the same answer to many tickets
//! (OTRS's bulk action, Xentral's "Stapelverarbeitung"), each greeted by
//! name with its own ticket tag, queued in the outbox at a pace and
//! recorded on its ticket only once the server took it.

use super::reply::{composed, Args};
use crate::cli::bulk::{self, Bulk};
use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::lifecycle::Session;
use crate::store::{now, tickets};

pub fn run(ctx: &Ctx, args: &Args, query: &str) -> Result<()> {
    if args.snippet.is_empty() && args.message.is_none() && args.body_file.is_none() {
        return Err(TixError::usage(
            "a bulk answer needs its text: --snippet NAME or -m TEXT (no editor for many tickets)",
        ));
    }
    if args.send.draft.is_some() || !args.send.attach.is_empty() {
        return Err(TixError::usage(
            "--draft and --attach answer one ticket; with --where give --dry-run to see the first mail",
        ));
    }
    let actor = ctx.agent()?.to_string();
    let now = now();
    let status = super::reply::status_arg(ctx, args.state.as_deref())?;
    let until = match &args.until {
        Some(d) => Some(crate::dates::parse_date(d, now).map_err(TixError::usage)?),
        None => None,
    };
    if until.is_some() && !status.as_ref().is_some_and(|s| s.state_type.is_pending()) {
        return Err(TixError::usage("--until goes with a pending --state"));
    }
    let mut store = ctx.open_store()?;
    ctx.restrict(&store);
    let session = Session {
        conn: &store.conn,
        config: &ctx.config,
        actor: &actor,
        now,
        force: args.send.force,
    };
    let found = Bulk {
        where_query: Some(query.to_string()),
        all: args.all,
        dry_run: args.dry_run,
        force: args.send.force,
        json: false,
    };
    let ids = bulk::target_ids(&session, &found, &[])?;
    let mut answers = Vec::new();
    let mut skipped = Vec::new();
    for id in ids {
        let t = tickets::ticket_by_id(&store.conn, id)?;
        if let Err(e) = session.check_lock(&t) {
            skipped.push(format!("{e}"));
            continue;
        }
        if t.customer_address.is_none() {
            skipped.push(format!("ticket {} has no customer address", t.number));
            continue;
        }
        let mut outgoing = composed(ctx, args, &store, &t, &actor)?;
        outgoing.then_state = status.as_ref().map(|s| s.name.clone());
        outgoing.then_until = until;
        answers.push((t, outgoing));
    }
    for why in &skipped {
        ctx.warn(&format!("{why}; left out"));
    }
    if args.dry_run {
        let mut s = String::new();
        if let Some((t, o)) = answers.first() {
            let to: Vec<String> = o.to.iter().map(|m| m.to_string()).collect();
            s.push_str(&format!(
                "ticket {}\nTo: {}\nSubject: {}\n\n{}\n\n",
                t.number,
                to.join(", "),
                o.subject,
                o.body.trim_end()
            ));
        }
        s.push_str(&format!(
            "reply: would answer {} ticket(s)\n",
            answers.len()
        ));
        crate::render::out(&s);
        return Ok(());
    }
    // One mail every 60/rate seconds, the first at once.
    let gap = 60.0 / f64::from(args.rate);
    let queued = answers.len();
    store.write(|tx| {
        for (i, (t, outgoing)) in answers.iter().enumerate() {
            let built = outgoing.build(
                &crate::send::new_message_id(&t.number, &outgoing.from),
                false,
            )?;
            let at = now + (i as f64 * gap) as i64;
            crate::send::outbox::enqueue_at(
                tx,
                Some(t.id),
                "reply",
                t.customer_address.as_deref().unwrap_or_default(),
                Some(&actor),
                outgoing,
                &built,
                now,
                (at > now).then_some(at),
            )?;
        }
        Ok(())
    })?;
    let sent = ctx.send_due(&mut store)?;
    if !ctx.quiet {
        eprintln!(
            "tix: {queued} answer(s) queued, {} sent now; the rest go out at {} a minute with each fetch, maintain or tix outbox send",
            sent.sent, args.rate
        );
    }
    Ok(())
}
