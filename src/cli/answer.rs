//! What reply and forward share: their flags, the ticket they answer, the
//! sender, and writing a draft or sending and recording the message.

use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::lifecycle::{Report, Session};
use crate::send::{Built, Outgoing};
use crate::store::tickets::{self, Ticket};
use crate::store::{now, Store};
use lettre::message::Mailbox;
use std::path::PathBuf;

/// What reply and forward share: attachments, drafts, locks, output.
#[derive(Debug, clap::Args)]
pub struct SendArgs {
    /// Attach a file; may be repeated
    #[arg(long, value_name = "FILE")]
    pub attach: Vec<PathBuf>,

    /// Write the message to FILE ("-" for standard output) instead of sending it
    #[arg(long, value_name = "FILE")]
    pub draft: Option<PathBuf>,

    /// Act on a ticket someone else has locked
    #[arg(long)]
    pub force: bool,

    /// Print what was sent as JSON
    #[arg(long)]
    pub json: bool,
}

/// The ticket to answer: merges followed, not removed, not locked by another.
pub fn target(ctx: &Ctx, store: &Store, typed: &str, actor: &str, force: bool) -> Result<Ticket> {
    let id = tickets::resolve(&store.conn, typed)?;
    let t = tickets::ticket_by_id(&store.conn, id)?;
    let session = Session {
        conn: &store.conn,
        config: &ctx.config,
        actor,
        now: now(),
        force,
    };
    session.refuse_merged_or_removed(&t)?;
    session.check_lock(&t)?;
    Ok(t)
}

/// The queue's sender address, or a usage error that says how to set one.
pub fn sender(ctx: &Ctx, t: &Ticket) -> Result<Mailbox> {
    ctx.config.sender_for_queue(&t.queue).ok_or_else(|| {
        TixError::usage(format!(
            "queue {:?} has no sender address: give it addresses or from, or set smtp.from",
            t.queue
        ))
    })
}

pub fn with_types(files: Vec<(String, Vec<u8>)>) -> Vec<(String, String, Vec<u8>)> {
    files
        .into_iter()
        .map(|(name, bytes)| {
            let ct = mime_guess::from_path(&name)
                .first_or_octet_stream()
                .essence_str()
                .to_string();
            (name, ct, bytes)
        })
        .collect()
}

/// Writes a draft, or sends the message and records it on the ticket (see
/// [`crate::send::answer::send_and_record`]), then sends what the change
/// queued (notifications).
#[allow(clippy::too_many_arguments)]
pub fn send_and_record(
    ctx: &Ctx,
    store: &mut Store,
    t: &Ticket,
    outgoing: &Outgoing,
    draft: Option<&PathBuf>,
    action: &str,
    actor: &str,
    after: impl Fn(&Session, &Ticket) -> Result<Vec<Report>>,
) -> Result<Option<Built>> {
    if let Some(path) = draft {
        let message_id = crate::send::new_message_id(&t.number, &outgoing.from);
        let built = outgoing.build(&message_id, true)?;
        if path.as_os_str() == "-" {
            use std::io::Write;
            std::io::stdout()
                .write_all(&built.bytes)
                .map_err(crate::render::stdout_error)?;
        } else {
            std::fs::write(path, &built.bytes).map_err(|e| TixError::input(path, e))?;
        }
        return Ok(None);
    }
    // An address a report said is gone for good: the agent hears so
    // before the mail goes (it may have been fixed since).
    for m in outgoing.to.iter().chain(&outgoing.cc).chain(&outgoing.bcc) {
        let address = m.email.to_string();
        if let Some((at, status)) = crate::store::bounced::hard_bounce(&store.conn, &address)? {
            ctx.warn(&format!(
                "mail to {address} bounced for good on {} ({status}); sending anyway",
                crate::render::datetime(at)
            ));
        }
    }
    let built = crate::send::answer::send_and_record(
        &ctx.config,
        store,
        t,
        outgoing,
        action,
        actor,
        after,
        &|m| ctx.warn(m),
    )?;
    ctx.send_due(store)?;
    Ok(Some(built))
}

pub fn print_sent(ctx: &Ctx, json: bool, t: &Ticket, sent: &Option<Built>, o: &Outgoing) {
    let Some(built) = sent else { return };
    if json {
        crate::render::out(&crate::render::json(&serde_json::json!({
            "ticket": t.number,
            "message_id": built.message_id,
            "to": built.envelope_to,
            "subject": o.subject,
        })));
    } else if ctx.verbose || ctx.interactive {
        println!(
            "ticket {}: sent to {}",
            t.number,
            built.envelope_to.join(", ")
        );
    }
}
