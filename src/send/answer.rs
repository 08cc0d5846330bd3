//! An agent's mail to a customer (reply, forward): sent, then recorded on
//! the ticket with what the answer changes, or not sent at all.

use super::{Built, Outgoing, SentRecord};
use crate::config::Config;
use crate::error::{Result, TixError};
use crate::lifecycle::{Report, Session};
use crate::store::tickets::{self, Ticket};
use crate::store::Db;
use crate::store::{now, Store};
use crate::vocabulary::{ArticleKind, SenderType};

/// Sends `outgoing` and records the article (and what `after` changes) in
/// one transaction. Everything recording could refuse is tried first, in a
/// transaction that is rolled back, so a message that could not be
/// recorded is never sent; nothing is recorded when the server did not
/// take it. A message the server took is always recorded: if the ticket
/// changed meanwhile (another agent merged or closed it), it goes on the
/// ticket a merge left, with `after` if that still applies and without it
/// otherwise, and `warn` says so.
#[allow(clippy::too_many_arguments)]
pub fn send_and_record(
    config: &Config,
    store: &mut Store,
    t: &Ticket,
    outgoing: &Outgoing,
    action: &str,
    actor: &str,
    after: impl Fn(&Session, &Ticket) -> Result<Vec<Report>>,
    warn: &dyn Fn(&str),
) -> Result<Built> {
    let message_id = super::new_message_id(&t.number, &outgoing.from);
    let built = outgoing.build(&message_id, false)?;
    let server = super::smtp::server_for(config, outgoing.from.email.as_ref())?;
    let record = |tx: &Db, ticket_id: i64, with_changes: bool| -> Result<()> {
        let when = now();
        let r = SentRecord {
            ticket_id,
            kind: ArticleKind::EmailOut,
            action,
            sender_type: SenderType::Agent,
            actor,
            now: when,
        };
        super::record_sent(tx, &r, outgoing, &built)?;
        if !with_changes {
            return Ok(());
        }
        let session = Session {
            conn: tx,
            config,
            actor,
            now: when,
            force: true,
        };
        let current = tickets::ticket_by_id(tx, ticket_id)?;
        after(&session, &current)?;
        crate::escalation::refresh(tx, config, ticket_id, when)?;
        if config.lock_on_note && current.lock_holder(when).is_none() {
            session.lock(&current)?;
        }
        Ok(())
    };
    // Whatever would keep the reply from being recorded (a status that
    // needs a date, a transition not allowed) stops it before it is sent:
    // a sent but unrecorded reply is sent again by the agent who retries.
    store.rehearse(|tx| record(tx, t.id, true))?;
    let accepted = super::smtp::deliver(server, &built, &Default::default())?;
    let recorded = store.write(|tx| record(tx, t.id, true));
    let recorded = match recorded {
        Ok(()) => Ok(()),
        Err(changed) => store
            .write(|tx| {
                let target = tickets::follow_merges(tx, t.id)?;
                let number = tickets::ticket_by_id(tx, target)?.number;
                let note = match crate::store::savepoint(tx, || record(tx, target, true)) {
                    Ok(()) => String::new(),
                    Err(e) => {
                        record(tx, target, false)?;
                        format!(", without its change ({e})")
                    }
                };
                Ok((number, note))
            })
            .map(|(number, note)| {
                warn(&format!(
                    "ticket {} changed while the message was being sent ({changed}); the sent message is recorded on ticket {number}{note}",
                    t.number
                ));
            }),
    };
    drop(accepted);
    if let Err(e) = recorded {
        return Err(TixError::failure(format!(
            "the message was sent (Message-ID <{}>) but could not be recorded on ticket {}: {}",
            built.message_id, t.number, e
        )));
    }
    Ok(built)
}
