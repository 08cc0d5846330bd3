//! `tix forward T --to ADDR`: pass a ticket's mail on to someone outside
//! (a board member, a lawyer), the original attached whole.

use crate::cli::answer::{print_sent, send_and_record, sender, target, with_types, SendArgs};
use crate::cli::input::read_attachments;
use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::send::{compose, mailboxes, notify::reply_subject, Outgoing};

/// Forward the ticket's last mail (attached as it came) to other addresses
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ticket (number or tail)
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::cli::complete::tickets))]
    pub ticket: String,

    /// Where to: may be repeated
    #[arg(long, value_name = "ADDR", required = true)]
    pub to: Vec<String>,

    #[arg(long, value_name = "ADDR")]
    pub cc: Vec<String>,

    /// A few words above the forwarded mail
    #[arg(short, long, value_name = "TEXT")]
    pub message: Option<String>,

    #[command(flatten)]
    pub send: SendArgs,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let actor = ctx.agent()?.to_string();
    let mut store = ctx.open_store()?;
    ctx.restrict(&store);
    let t = target(ctx, &store, &args.ticket, &actor, args.send.force)?;
    let mail = compose::last_mail(&store.conn, t.id)?
        .ok_or_else(|| TixError::usage(format!("ticket {} has no mail to forward", t.number)))?;
    let mut body = args.message.clone().unwrap_or_default();
    let mut attachments = Vec::new();
    match mail.raw_id {
        Some(raw) => {
            if !body.is_empty() {
                body.push_str("\n\n");
            }
            body.push_str(&format!(
                "The forwarded mail is attached: {}\n",
                mail.subject
            ));
            attachments.push((
                "forwarded.eml".to_string(),
                "message/rfc822".to_string(),
                crate::store::raw_messages::raw_bytes(&store.conn, raw)?,
            ));
        }
        // A mail without its original (never the case for fetched mail): the text inline.
        None => body.push_str(&format!(
            "\n\n---------- Forwarded message ----------\n{}",
            compose::quote(&mail, crate::vocabulary::Language::En)
        )),
    }
    attachments.extend(with_types(read_attachments(&args.send.attach)?));
    let outgoing = Outgoing {
        from: sender(ctx, &t)?,
        to: mailboxes(&args.to, "--to")?,
        cc: mailboxes(&args.cc, "--cc")?,
        bcc: vec![],
        subject: reply_subject(&ctx.config, &t, "Fwd:"),
        body,
        in_reply_to: None,
        references: vec![],
        attachments,
        auto_submitted: None,
        origin: None,
        then_state: None,
        then_until: None,
    };
    let sent = send_and_record(
        ctx,
        &mut store,
        &t,
        &outgoing,
        args.send.draft.as_ref(),
        "forwarded",
        &actor,
        |_, _| Ok(vec![]),
    )?;
    print_sent(ctx, args.send.json, &t, &sent, &outgoing);
    Ok(())
}
