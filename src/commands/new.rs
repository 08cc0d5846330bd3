//! `tix new`: a ticket opened by hand for a phone call, letter, fax or an
//! email typed in; prints its number (to write on the letter).

use crate::cli::input::{read_attachments, read_text};
use crate::context::Ctx;
use crate::dates::now;
use crate::error::{Result, TixError};
use crate::lifecycle::Session;
use crate::vocabulary::ArticleKind;
use std::path::PathBuf;

/// Open a ticket by hand; prints its number
#[derive(Debug, clap::Args)]
pub struct Args {
    /// How the customer got in touch
    #[arg(long, value_enum)]
    pub channel: Channel,

    /// The customer's address (email, or a postal address or phone number for the record)
    #[arg(long, value_name = "ADDR")]
    pub from: String,

    /// The customer's name
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    #[arg(long, value_name = "TEXT")]
    pub subject: String,

    /// The queue [default: the default queue]
    #[arg(long, value_name = "QUEUE")]
    pub queue: Option<String>,

    /// The text (else --body-file, standard input, or $EDITOR)
    #[arg(short, long, value_name = "TEXT")]
    pub message: Option<String>,

    #[arg(long, value_name = "FILE", conflicts_with = "message")]
    pub body_file: Option<PathBuf>,

    /// Attach a file (a voicemail, a scanned letter); may be repeated
    #[arg(long, value_name = "FILE")]
    pub attach: Vec<PathBuf>,

    /// Print the ticket as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Channel {
    Phone,
    Letter,
    Fax,
    Email,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let actor = ctx.agent()?;
    let queue = match &args.queue {
        Some(q) => ctx.queue_arg(q)?,
        None => ctx.config.default_queue.clone(),
    };
    if args.subject.trim().is_empty() {
        return Err(TixError::usage("--subject is empty"));
    }
    let text = read_text(args.message.as_deref(), args.body_file.as_deref(), "text")?;
    let files = read_attachments(&args.attach)?;
    let kind = match args.channel {
        Channel::Phone => ArticleKind::PhoneIn,
        Channel::Letter => ArticleKind::LetterIn,
        Channel::Fax => ArticleKind::FaxIn,
        Channel::Email => ArticleKind::EmailIn,
    };
    let mut store = ctx.open_store()?;
    let ticket = store.write(|tx| {
        Session {
            conn: tx,
            config: &ctx.config,
            actor,
            now: now(),
            force: false,
        }
        .open_ticket(
            kind,
            &queue,
            args.from.trim(),
            args.name.as_deref(),
            args.subject.trim(),
            &text,
            &files,
        )
    })?;
    if args.json {
        crate::render::out(&crate::render::json(&ticket));
    } else {
        println!("{}", ticket.number);
    }
    Ok(())
}
