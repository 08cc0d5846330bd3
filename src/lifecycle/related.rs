//! How tickets relate: links (parent, child, related), a ticket split in
//! two, and a merge undone. Each change is a history row on both tickets.

use super::{Report, Session};
use crate::error::{Result, TixError};
use crate::store::links::{self, LinkKind};
use crate::store::tickets::{self, Ticket};
use crate::vocabulary::StateType;

impl Session<'_> {
    /// Notes that the customer's mail `what` was resent to `to`.
    pub fn redirected(&self, t: &Ticket, to: &str, what: &str) -> Result<Vec<Report>> {
        Ok(vec![self.change(
            t,
            "redirected",
            None,
            Some(to),
            Some(what),
        )?])
    }

    /// Links `t` to `other` as `kind` (what `t` is to `other`).
    pub fn link(&self, t: &Ticket, other: &Ticket, kind: LinkKind) -> Result<Vec<Report>> {
        if t.id == other.id {
            return Err(TixError::usage(format!(
                "ticket {} cannot be linked to itself",
                t.number
            )));
        }
        for x in [t, other] {
            if matches!(x.state_type, StateType::Merged | StateType::Removed) {
                return Err(TixError::failure(format!(
                    "ticket {} is {}; link the ticket it became",
                    x.number,
                    x.state_type.as_str()
                )));
            }
        }
        if !links::set(self.conn, t.id, other.id, kind, self.now, self.actor)? {
            return Ok(vec![]);
        }
        let (mine, theirs) = match kind {
            LinkKind::Parent => ("parent of", "child of"),
            LinkKind::Child => ("child of", "parent of"),
            LinkKind::Related => ("related to", "related to"),
        };
        Ok(vec![
            self.change(
                t,
                "linked",
                None,
                Some(&format!("{mine} {}", other.number)),
                None,
            )?,
            self.change(
                other,
                "linked",
                None,
                Some(&format!("{theirs} {}", t.number)),
                None,
            )?,
        ])
    }

    pub fn unlink(&self, t: &Ticket, other: &Ticket) -> Result<Vec<Report>> {
        if !links::remove(self.conn, t.id, other.id)? {
            return Ok(vec![]);
        }
        Ok(vec![
            self.change(t, "unlinked", Some(&other.number), None, None)?,
            self.change(other, "unlinked", Some(&t.number), None, None)?,
        ])
    }

    /// Refuses to close a parent whose children are still open, unless
    /// forced (as OTRS and RT do).
    pub(super) fn refuse_closing_a_parent(&self, t: &Ticket) -> Result<()> {
        if self.force {
            return Ok(());
        }
        let open: Vec<String> = links::of(self.conn, t.id)?
            .into_iter()
            .filter(|l| l.kind == LinkKind::Parent && l.open)
            .map(|l| l.ticket)
            .collect();
        if open.is_empty() {
            return Ok(());
        }
        Err(TixError::failure(format!(
            "ticket {} has open child tickets ({}); close them first, or give --force",
            t.number,
            open.join(", ")
        )))
    }

    /// Moves article `index` (as `tix show` numbers them) of `t` with its
    /// raw mail, attachments and index rows to a new ticket for the same
    /// person: the writer of that article if a customer wrote it, else
    /// `t`'s customer. The two are linked (related); mail answering that
    /// article later finds the new ticket by its Message-ID.
    pub fn split(
        &self,
        t: &Ticket,
        index: usize,
        queue: Option<&str>,
        title: Option<&str>,
    ) -> Result<(Ticket, Vec<Report>)> {
        self.refuse_merged_or_removed(t)?;
        self.check_lock(t)?;
        let all = crate::store::articles::articles(self.conn, t.id)?;
        let Some(article) = all.iter().find(|a| a.index == index) else {
            return Err(TixError::usage(format!(
                "ticket {} has no article {index}; it has {}",
                t.number,
                all.len()
            )));
        };
        if all.len() < 2 {
            return Err(TixError::failure(format!(
                "ticket {} has one article only; nothing would stay",
                t.number
            )));
        }
        let from_customer = article.sender_type == crate::vocabulary::SenderType::Customer;
        let (address, name) = if from_customer && article.from_addr.is_some() {
            (article.from_addr.as_deref(), article.from_name.as_deref())
        } else {
            (t.customer_address.as_deref(), t.customer_name.as_deref())
        };
        let title = title.unwrap_or_else(|| {
            let s = self.config.subject_tag().strip(&article.subject);
            if s.trim().is_empty() {
                t.title.as_str()
            } else {
                article.subject.as_str()
            }
        });
        let title = self.config.subject_tag().strip(title).trim().to_string();
        let queue = queue.unwrap_or(&t.queue);
        let new = self.config.status_of_type(StateType::New);
        let (id, number) = tickets::insert_ticket(
            self.conn,
            self.config.system_id,
            &tickets::NewTicket {
                title: &title,
                queue,
                state: &new.name,
                state_type: new.state_type,
                customer_address: address,
                customer_name: name,
                // The member has waited since they wrote (a Date in the
                // future is not believed).
                created_at: article.date.min(self.now),
            },
        )?;
        crate::store::articles::move_to_ticket(self.conn, article.id, id)?;
        if t.priority != 3 {
            crate::store::changes::set_priority(self.conn, id, t.priority)?;
        }
        if from_customer {
            tickets::customer_wrote(self.conn, id, article.date.min(self.now))?;
        }
        crate::store::articles::recount_answers(self.conn, t.id)?;
        crate::store::articles::recount_answers(self.conn, id)?;
        links::set(self.conn, t.id, id, LinkKind::Related, self.now, self.actor)?;
        let split_off = tickets::ticket_by_id(self.conn, id)?;
        let what = format!("article {index} ({})", article.subject);
        let reports = vec![
            self.change(t, "split", None, Some(&number), Some(&what))?,
            self.change(&split_off, "split from", None, Some(&t.number), Some(&what))?,
        ];
        self.hook(
            id,
            crate::config::HookEvent::Created,
            serde_json::json!({ "split_from": t.number, "by": self.actor }),
        )?;
        Ok((tickets::ticket_by_id(self.conn, id)?, reports))
    }

    /// Undoes the merge of `t`: its own articles go back to it from the
    /// ticket it was merged into, and it gets the status it had.
    pub fn unmerge(&self, t: &Ticket) -> Result<Vec<Report>> {
        if t.state_type != StateType::Merged {
            return Err(TixError::failure(format!(
                "ticket {} is not merged ({})",
                t.number, t.state
            )));
        }
        let Some(into) = t.merged_into.as_deref() else {
            return Err(TixError::failure(format!(
                "ticket {} is merged into a ticket that is gone",
                t.number
            )));
        };
        let target = tickets::ticket_by_id(self.conn, tickets::resolve(self.conn, into)?)?;
        self.check_lock(&target)?;
        let moved = crate::store::articles::take_back_merged(self.conn, t.id, target.id)?;
        if moved == 0 && crate::store::articles::articles(self.conn, t.id)?.is_empty() {
            return Err(TixError::failure(format!(
                "ticket {} was merged before tix kept where articles came from; its articles stay in {}",
                t.number, target.number
            )));
        }
        // The status it had, as the merge's history row kept it.
        let before = crate::store::history::merged_into_row(self.conn, t.id)?;
        let (before, pending_before) = before.unwrap_or_default();
        let pending_before = pending_before
            .and_then(|p| chrono::DateTime::parse_from_rfc3339(&p).ok())
            .map(|d| d.timestamp());
        let status = before
            .as_deref()
            .and_then(|name| self.config.status(name))
            .filter(|s| !matches!(s.state_type, StateType::Merged | StateType::Removed))
            .unwrap_or_else(|| self.config.status_of_type(StateType::Open))
            .clone();
        let until = pending_before.filter(|_| status.state_type.is_pending());
        let until = match (status.state_type.is_pending(), until) {
            (true, None) => Some(
                self.now
                    + status
                        .pending_for
                        .map_or(3 * 86_400, |d| d.as_secs() as i64),
            ),
            (_, u) => u,
        };
        crate::store::changes::unmerge(self.conn, t.id, &status.name, status.state_type, until)?;
        crate::store::articles::recount_answers(self.conn, t.id)?;
        crate::store::articles::recount_answers(self.conn, target.id)?;
        let last = crate::store::articles::last_customer_mail(self.conn, t.id)?;
        if let Some(at) = last {
            tickets::customer_wrote(self.conn, t.id, at)?;
        }
        let what = format!("{moved} article(s) back");
        Ok(vec![
            self.change(
                t,
                "unmerged",
                Some(&target.number),
                Some(&status.name),
                Some(&what),
            )?,
            self.change(&target, "unmerged", Some(&t.number), None, Some(&what))?,
        ])
    }
}
