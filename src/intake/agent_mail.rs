//! Agents answer by mail: from their own mail client, with the ticket's tag
//! in the subject and the office in Cc, or in reply to a notification. Such
//! mail is the agent's, not the customer's: it never reopens the ticket,
//! marks it unseen or notifies anyone of the agent's own words.
//!
//! A From: is easily forged, so what the mail may do depends on whether
//! the organisation's own MTA vouched for it (`mail_verified_by`: a
//! dkim or dmarc pass for the agent's domain, in an Authentication-Results
//! above the first Received). Vouched for and written to the customer, it
//! is the agent's answer (an email-out article: first response, reply
//! state, history naming the agent). Anything else is kept as the agent's
//! internal note, which changes nothing.

use super::file::{Filing, Writer};
use super::{known, Intake, Outcome};
use crate::config::Agent;
use crate::error::Result;
use crate::mail::parse::ParsedMail;
use crate::store::tickets::{self, Ticket};
use crate::store::Db;
use crate::vocabulary::{ArticleKind, SenderType, StateType};

impl Intake<'_> {
    /// The configured agent whose address the mail is from, if any.
    pub(super) fn agent_writing(&self, mail: &ParsedMail) -> Option<&Agent> {
        let from = mail.from_addr.as_deref()?;
        self.config.agents.iter().find(|a| a.writes_from(from))
    }

    /// Files an agent's mail on `ticket`: an answer when vouched for and
    /// sent to the customer, else a note.
    pub(super) fn file_agent_mail(
        &self,
        conn: &Db,
        ticket: &Ticket,
        filing: &Filing,
        known: Option<&mut known::Known>,
        agent: &Agent,
    ) -> Result<Outcome> {
        let mail = filing.mail;
        let from = mail.from_addr.as_deref().unwrap_or("");
        let domain = from.rsplit('@').next().unwrap_or("").to_lowercase();
        let vouched = self.config.mail_verified_by.as_deref().is_some_and(|id| {
            crate::mail::verified::vouched_domains(&mail.headers, id).contains(&domain)
        });
        let own = self.config.own_addresses();
        let to_customer = mail.to.iter().chain(&mail.cc).any(|a| {
            let a = a.to_lowercase();
            !own.contains(&a)
                && self.config.agents.iter().all(|ag| {
                    !ag.email
                        .as_deref()
                        .is_some_and(|e| e.eq_ignore_ascii_case(&a))
                })
        });
        let answer = vouched && to_customer;
        let writer = Writer {
            kind: if answer {
                ArticleKind::EmailOut
            } else {
                ArticleKind::Note
            },
            sender_type: SenderType::Agent,
            actor: &agent.name,
            action: if answer {
                "replied by mail"
            } else {
                "note by mail"
            },
        };
        let why = match (answer, to_customer, vouched) {
            (true, ..) => "the agent's answer, sent from their own mail".to_string(),
            (false, true, false) => format!(
                "kept as a note: sent to the customer from {from}, but no verdict of the own MTA vouches for it (mail_verified_by)"
            ),
            _ => "written to the ticket only: kept as the agent's note".to_string(),
        };
        self.add_follow_up(conn, ticket.id, filing, known, &writer, &why)?;
        if answer {
            self.after_answer(conn, ticket, &agent.name, filing.received)?;
        }
        Ok(Outcome::FollowUp(ticket.number.clone()))
    }

    /// What an answer changes, as `tix reply` does: the queue's reply
    /// state (a new ticket becomes open), and the clocks.
    fn after_answer(&self, conn: &Db, ticket: &Ticket, agent: &str, at: i64) -> Result<()> {
        let after = self
            .config
            .queue(&ticket.queue)
            .and_then(|q| q.reply_state.as_deref())
            .and_then(|n| self.config.status(n))
            .or_else(|| {
                (ticket.state_type == StateType::New)
                    .then(|| self.config.status_of_type(StateType::Open))
            });
        if let Some(status) = after.filter(|s| s.name != ticket.state) {
            tickets::set_state(
                conn,
                ticket,
                (&status.name, status.state_type),
                agent,
                Some("answered by mail"),
                at,
            )?;
        }
        crate::escalation::refresh(conn, self.config, ticket.id, at)
    }
}
