//! `tix tag T… +a -b`.

use crate::cli::bulk::{self, Bulk};
use crate::context::Ctx;
use crate::error::{Result, TixError};

/// Add (+tag) and remove (-tag) tags
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Ticket numbers (or tails) and tag changes: +urgent -later
    #[arg(
        required = true,
        allow_hyphen_values = true,
        value_name = "TICKET… +TAG|-TAG",
        add = clap_complete::ArgValueCandidates::new(crate::cli::complete::tickets),
    )]
    pub args: Vec<String>,

    #[command(flatten)]
    pub bulk: Bulk,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let (mut add, mut remove, mut tickets) = (Vec::new(), Vec::new(), Vec::new());
    for a in &args.args {
        // Tag changes start with a hyphen, so options after them would be read as tags.
        if a.starts_with("--") {
            return Err(TixError::usage(format!(
                "{a}: options go before the tickets and tags: tix tag {a} TICKET… +TAG -TAG"
            )));
        }
        if let Some(t) = a.strip_prefix('+') {
            add.push(tag_name(t)?);
        } else if let Some(t) = a.strip_prefix('-') {
            remove.push(tag_name(t)?);
        } else {
            tickets.push(a.clone());
        }
    }
    if add.is_empty() && remove.is_empty() {
        return Err(TixError::usage("name tags to add (+tag) or remove (-tag)"));
    }
    bulk::run(ctx, &args.bulk, &tickets, |s, t| s.tag(t, &add, &remove))
}

/// Tags are one lower-case word, so `tag:x` in a query finds them.
fn tag_name(t: &str) -> Result<String> {
    let t = t.trim().to_lowercase();
    if t.is_empty() || t.contains(char::is_whitespace) || t.contains(':') {
        return Err(TixError::usage(format!(
            "{t:?} is not a tag (one word, no colon)"
        )));
    }
    Ok(t)
}
