//! `tix note T…`: internal notes and logged calls, letters and faxes.

use crate::cli::bulk::Tickets;
use crate::cli::input::{read_attachments, read_text};
use crate::context::Ctx;
use crate::error::Result;
use crate::vocabulary::ArticleKind;
use std::path::PathBuf;

/// Add an internal note, or log a phone call, letter or fax
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The text (else --body-file, standard input, or $EDITOR)
    #[arg(short, long, value_name = "TEXT")]
    pub message: Option<String>,

    /// Read the text from a file
    #[arg(long, value_name = "FILE", conflicts_with = "message")]
    pub body_file: Option<PathBuf>,

    /// Attach a file (a voicemail, a scanned letter); may be repeated
    #[arg(long, value_name = "FILE")]
    pub attach: Vec<PathBuf>,

    /// What is logged: an internal note (default), or a call, letter or fax
    #[arg(long, value_enum, default_value_t = Channel::Note)]
    pub channel: Channel,

    #[command(flatten)]
    pub named: Tickets,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Channel {
    Note,
    PhoneIn,
    PhoneOut,
    LetterIn,
    LetterOut,
    FaxIn,
    FaxOut,
}

impl Channel {
    pub fn kind(self) -> ArticleKind {
        match self {
            Channel::Note => ArticleKind::Note,
            Channel::PhoneIn => ArticleKind::PhoneIn,
            Channel::PhoneOut => ArticleKind::PhoneOut,
            Channel::LetterIn => ArticleKind::LetterIn,
            Channel::LetterOut => ArticleKind::LetterOut,
            Channel::FaxIn => ArticleKind::FaxIn,
            Channel::FaxOut => ArticleKind::FaxOut,
        }
    }
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let text = read_text(args.message.as_deref(), args.body_file.as_deref(), "note")?;
    let files = read_attachments(&args.attach)?;
    args.named
        .run(ctx, |s, t| s.note(t, args.channel.kind(), &text, &files))
}
