//! `tix customer T… ADDRESS [--name NAME]`.

use crate::cli::bulk::split_last;
use crate::cli::bulk::{self, Bulk};
use crate::context::Ctx;
use crate::error::Result;
use crate::send::mailbox;

/// Change who a ticket is for: replies, reminders and the closing answer go to this address, greeted by this name
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Ticket numbers (or tails), then the customer's address (`a@b` or `Name <a@b>`)
    #[arg(required = true, value_name = "TICKET… ADDRESS")]
    pub args: Vec<String>,

    /// The customer's name (else the one in ADDRESS; else none)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    #[command(flatten)]
    pub bulk: Bulk,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let (typed, tickets) = split_last(&args.args, &args.bulk, "customer's address")?;
    let customer = mailbox(typed, "the customer's address")?;
    let name = args
        .name
        .clone()
        .or(customer.name.clone())
        .filter(|n| !n.trim().is_empty());
    let address = customer.email.to_string();
    bulk::run(ctx, &args.bulk, tickets, |s, t| {
        s.set_customer(t, &address, name.as_deref())
    })
}
