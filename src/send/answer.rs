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
/// take it.
pub fn send_and_record(
    config: &Config,
    store: &mut Store,
    t: &Ticket,
    outgoing: &Outgoing,
    action: &str,
    actor: &str,
    after: impl Fn(&Session, &Ticket) -> Result<Vec<Report>>,
) -> Result<Built> {
    let message_id = super::new_message_id(&t.number, &outgoing.from);
    let built = outgoing.build(&message_id, false)?;
    let server = super::smtp::server_for(config, outgoing.from.email.as_ref())?;
    let record = |tx: &Db| -> Result<()> {
        let when = now();
        let r = SentRecord {
            ticket_id: t.id,
            kind: ArticleKind::EmailOut,
            action,
            sender_type: SenderType::Agent,
            actor,
            now: when,
        };
        super::record_sent(tx, &r, outgoing, &built)?;
        let session = Session {
            conn: tx,
            config,
            actor,
            now: when,
            force: true,
        };
        let current = tickets::ticket_by_id(tx, t.id)?;
        after(&session, &current)?;
        crate::escalation::refresh(tx, config, t.id, when)?;
        if config.lock_on_note && current.lock_holder(when).is_none() {
            session.lock(&current)?;
        }
        Ok(())
    };
    // Whatever would keep the reply from being recorded (a status that
    // needs a date, a transition not allowed) stops it before it is sent:
    // a sent but unrecorded reply is sent again by the agent who retries.
    store.rehearse(record)?;
    super::smtp::deliver(server, &built, &Default::default())?;
    if let Err(e) = store.write(record) {
        return Err(TixError::failure(format!(
            "the message was sent (Message-ID <{}>) but could not be recorded on ticket {}: {}",
            built.message_id, t.number, e
        )));
    }
    Ok(built)
}
