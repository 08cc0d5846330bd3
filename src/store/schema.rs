//! The store's schema, one migration per version. A store is upgraded step by
//! step; one written by a newer tix is refused rather than damaged.

/// Migration N (1-based) brings a store from version N-1 to N.
use super::db::{params, Db};
use crate::error::Result;

pub const MIGRATIONS: &[&str] = &[
    // 1: tickets, articles, raw mail, attachments, history, tags, full text.
    r#"
    CREATE TABLE tickets (
        id               INTEGER PRIMARY KEY,
        number           TEXT NOT NULL UNIQUE,
        title            TEXT NOT NULL,
        queue            TEXT NOT NULL,
        state            TEXT NOT NULL,
        state_type       TEXT NOT NULL,
        priority         INTEGER NOT NULL DEFAULT 3,
        owner            TEXT,
        responsible      TEXT,
        customer_address TEXT,
        customer_name    TEXT,
        merged_into      INTEGER REFERENCES tickets(id),
        pending_until    INTEGER,
        created_at       INTEGER NOT NULL,
        updated_at       INTEGER NOT NULL,
        last_customer_at INTEGER
    );
    CREATE INDEX tickets_state_created ON tickets(state_type, created_at);
    CREATE INDEX tickets_queue_state ON tickets(queue, state_type, created_at);
    CREATE INDEX tickets_owner ON tickets(owner, state_type);
    CREATE INDEX tickets_merged_into ON tickets(merged_into) WHERE merged_into IS NOT NULL;

    -- The original bytes of every message, stored before anything else.
    -- fingerprint identifies the same message met again (see mail::fingerprint).
    CREATE TABLE raw_messages (
        id          INTEGER PRIMARY KEY,
        fingerprint BLOB NOT NULL UNIQUE,
        message_id  TEXT,
        bytes       BLOB NOT NULL,
        size        INTEGER NOT NULL,
        source      TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('stored', 'quarantined')),
        error       TEXT
    );
    CREATE INDEX raw_messages_quarantined ON raw_messages(id) WHERE status = 'quarantined';

    CREATE TABLE articles (
        id          INTEGER PRIMARY KEY,
        ticket_id   INTEGER NOT NULL REFERENCES tickets(id),
        kind        TEXT NOT NULL,
        sender_type TEXT NOT NULL,
        from_name   TEXT,
        from_addr   TEXT,
        to_addrs    TEXT,
        cc_addrs    TEXT,
        subject     TEXT NOT NULL DEFAULT '',
        message_id  TEXT,
        in_reply_to TEXT,
        refs        TEXT,
        body        TEXT NOT NULL DEFAULT '',
        raw_id      INTEGER REFERENCES raw_messages(id),
        sent_at     INTEGER,
        created_at  INTEGER NOT NULL,
        created_by  TEXT NOT NULL
    );
    CREATE INDEX articles_ticket ON articles(ticket_id, id);
    CREATE INDEX articles_message_id ON articles(message_id) WHERE message_id IS NOT NULL;

    CREATE TABLE attachments (
        id           INTEGER PRIMARY KEY,
        article_id   INTEGER NOT NULL REFERENCES articles(id),
        filename     TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size         INTEGER NOT NULL,
        sha256       TEXT NOT NULL,
        -- Attachments of received mail are not stored twice: `part` is their
        -- position among the raw message's attachments and they are decoded
        -- from it on demand. Files attached by hand carry their bytes.
        part         INTEGER,
        bytes        BLOB,
        CHECK ((part IS NULL) <> (bytes IS NULL))
    );
    CREATE INDEX attachments_article ON attachments(article_id);

    CREATE TABLE history (
        id        INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES tickets(id),
        at        INTEGER NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT,
        detail    TEXT
    );
    CREATE INDEX history_ticket ON history(ticket_id, id);

    CREATE TABLE tags (
        ticket_id INTEGER NOT NULL REFERENCES tickets(id),
        tag       TEXT NOT NULL,
        PRIMARY KEY (tag, ticket_id)
    ) WITHOUT ROWID;

    -- The daily counter behind ticket numbers; bumped inside the intake's
    -- write transaction, so two intakes never hand out one number.
    CREATE TABLE ticket_counters (
        day  TEXT PRIMARY KEY,
        last INTEGER NOT NULL
    );

    CREATE VIRTUAL TABLE articles_fts USING fts5(
        subject, from_addr, to_addrs, body,
        content = 'articles', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
    );
    "#,
    // 2: locks, what a responsible agent has seen, rule flags, number tails.
    r#"
    ALTER TABLE tickets ADD COLUMN locked_by TEXT;
    ALTER TABLE tickets ADD COLUMN locked_until INTEGER;
    ALTER TABLE tickets ADD COLUMN responsible_seen_at INTEGER;
    -- A routing rule said: no auto-response for this ticket.
    ALTER TABLE tickets ADD COLUMN no_autoreply INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX tickets_responsible ON tickets(responsible, state_type);
    CREATE INDEX tickets_queue_status ON tickets(queue, state, created_at);
    -- Tickets are named by a tail of their number: the reversed number,
    -- filled by fill_reversed_numbers for tickets from version 1.
    ALTER TABLE tickets ADD COLUMN number_rev TEXT;
    CREATE INDEX tickets_number_rev ON tickets(number_rev);
    CREATE INDEX tickets_updated ON tickets(state_type, updated_at);
    CREATE INDEX raw_messages_received ON raw_messages(received_at);
    "#,
    // 3: where each IMAP folder's import stands.
    r#"
    CREATE TABLE imap_folders (
        account      TEXT NOT NULL,
        folder       TEXT NOT NULL,
        uid_validity INTEGER NOT NULL,
        last_uid     INTEGER NOT NULL,
        PRIMARY KEY (account, folder)
    ) WITHOUT ROWID;
    "#,
    // 4: mail tix sends by itself (auto-replies, notifications), kept until
    // the server took it; sent rows stay for the auto-reply rate limit.
    r#"
    CREATE TABLE outbox (
        id            INTEGER PRIMARY KEY,
        ticket_id     INTEGER REFERENCES tickets(id),
        kind          TEXT NOT NULL CHECK (kind IN ('auto-reply', 'notification')),
        recipient     TEXT NOT NULL,
        agent         TEXT,
        message_id    TEXT NOT NULL,
        envelope_from TEXT NOT NULL,
        envelope_to   TEXT NOT NULL,
        -- The parts an article needs, as JSON, and the message as built.
        outgoing      TEXT NOT NULL,
        bytes         BLOB NOT NULL,
        created_at    INTEGER NOT NULL,
        attempts      INTEGER NOT NULL DEFAULT 0,
        last_error    TEXT,
        sent_at       INTEGER,
        failed_at     INTEGER
    );
    CREATE INDEX outbox_due ON outbox(id) WHERE sent_at IS NULL AND failed_at IS NULL;
    CREATE INDEX outbox_recipient ON outbox(kind, recipient, created_at);
    "#,
    // 5: the child side of every foreign key indexed, so deleting a ticket
    // or a raw message (purge) looks its references up instead of scanning
    // whole tables: purge was quadratic.
    r#"
    CREATE INDEX articles_raw ON articles(raw_id) WHERE raw_id IS NOT NULL;
    CREATE INDEX tags_ticket ON tags(ticket_id);
    CREATE INDEX outbox_ticket ON outbox(ticket_id) WHERE ticket_id IS NOT NULL;
    "#,
    // 6: how far the after-import action (seen, move, delete) got on the
    // server; NULL: as far as last_uid. A run stopped between its commit
    // and the server leaves it behind, and the next run catches up.
    r#"
    ALTER TABLE imap_folders ADD COLUMN acted_uid INTEGER;
    "#,
    // 7: the full-text index holds folded text (German spellings, signs as
    // words; crate::fold::SIGNS are its token characters), so it keeps no
    // copy of its own and forgets an article by its id. Filled again from
    // the articles right after this step.
    r#"
    DROP TABLE articles_fts;
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        subject, from_addr, to_addrs, body,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2 tokenchars ''€$£¥%§'''
    );
    "#,
    // 8: the default listing (open tickets, oldest first) and a listing of
    // one status read in order from an index instead of sorting every open
    // ticket: a partial index of the open ones by age, and status by age.
    r#"
    CREATE INDEX tickets_open_by_age ON tickets(created_at)
        WHERE state_type IN ('new', 'open', 'pending-reminder', 'pending-auto-close');
    CREATE INDEX tickets_status_by_age ON tickets(state, created_at);
    "#,
    // 9: time acts on tickets (tix maintain, tix dashboard). Answers and
    // closings are dated on the ticket; escalation times are kept current
    // by every change (crate::escalation) so that "escalated" is an index
    // lookup; reminders and escalations remember what was announced.
    r#"
    -- The first and the latest answer to the customer (filled below).
    ALTER TABLE tickets ADD COLUMN first_response_at INTEGER;
    ALTER TABLE tickets ADD COLUMN last_answer_at INTEGER;
    -- When the ticket was last closed (closed tickets of old stores: their last change).
    ALTER TABLE tickets ADD COLUMN closed_at INTEGER;
    UPDATE tickets SET closed_at = updated_at WHERE state_type = 'closed';
    -- The pending date a reminder went out for: once per date.
    ALTER TABLE tickets ADD COLUMN reminded_for INTEGER;
    -- A pending status stops the escalation clock: since when, and how
    -- much working time it stood still in all (and since the customer's
    -- latest mail, for the update time).
    ALTER TABLE tickets ADD COLUMN clock_stopped_at INTEGER;
    ALTER TABLE tickets ADD COLUMN clock_stopped_secs INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE tickets ADD COLUMN clock_stopped_since_customer INTEGER NOT NULL DEFAULT 0;
    -- The earliest escalation time in force and which one it is.
    ALTER TABLE tickets ADD COLUMN escalation_at INTEGER;
    ALTER TABLE tickets ADD COLUMN escalation_kind TEXT;
    ALTER TABLE tickets ADD COLUMN escalation_warn_at INTEGER;
    -- The escalation time a warning / a notification went out for.
    ALTER TABLE tickets ADD COLUMN escalation_warned_for INTEGER;
    ALTER TABLE tickets ADD COLUMN escalation_notified_for INTEGER;
    -- When tix maintain next has something to say about this ticket.
    ALTER TABLE tickets ADD COLUMN escalation_alert_at INTEGER;
    CREATE INDEX tickets_escalation ON tickets(escalation_at) WHERE escalation_at IS NOT NULL;
    CREATE INDEX tickets_escalation_alert ON tickets(escalation_alert_at)
        WHERE escalation_alert_at IS NOT NULL;
    CREATE INDEX tickets_pending_due ON tickets(pending_until)
        WHERE state_type IN ('pending-reminder', 'pending-auto-close');
    CREATE INDEX tickets_created ON tickets(created_at);
    CREATE INDEX tickets_closed ON tickets(closed_at) WHERE closed_at IS NOT NULL;

    CREATE TABLE agent_absences (
        agent      TEXT PRIMARY KEY COLLATE NOCASE,
        until      INTEGER NOT NULL,
        substitute TEXT,
        set_at     INTEGER NOT NULL,
        set_by     TEXT NOT NULL
    ) WITHOUT ROWID;

    -- Facts about the store as a whole (the escalation rules its times
    -- were computed with).
    CREATE TABLE store_facts (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    "#,
    // 10: what tix maintain and tix dashboard read, each from an index of
    // its own: reminders not yet told (a run with nothing new to tell reads
    // none of the told ones), tickets closing by date, the tickets being worked on by queue and
    // state type (the dashboard's counts, without reading closed ones), and
    // an agent's tickets.
    r#"
    CREATE INDEX tickets_reminders_untold ON tickets(pending_until)
        WHERE state_type = 'pending-reminder' AND reminded_for IS NOT pending_until;
    CREATE INDEX tickets_auto_close ON tickets(pending_until)
        WHERE state_type = 'pending-auto-close';
    CREATE INDEX tickets_open_by_queue ON tickets(queue, state_type, created_at)
        WHERE state_type IN ('new', 'open', 'pending-reminder', 'pending-auto-close');
    -- An agent's tickets, as agents are compared (regardless of case):
    -- the indexes of version 2 compare exactly and so served no query.
    CREATE INDEX tickets_owner_any_case ON tickets(owner COLLATE NOCASE)
        WHERE owner IS NOT NULL;
    CREATE INDEX tickets_responsible_any_case ON tickets(responsible COLLATE NOCASE)
        WHERE responsible IS NOT NULL;
    CREATE INDEX tickets_locked_by ON tickets(locked_by COLLATE NOCASE)
        WHERE locked_by IS NOT NULL;
    "#,
    // 11: when a run began handing an outbox message to the server; still
    // set on an unsent row, the run was stopped before it knew the answer.
    r#"
    ALTER TABLE outbox ADD COLUMN sending_since INTEGER;
    "#,
    // 12: the configuration in force, every version applied (tix config
    // apply): the latest is what every command on every machine uses.
    r#"
    CREATE TABLE config_versions (
        id          INTEGER PRIMARY KEY,
        applied_at  INTEGER NOT NULL,
        applied_by  TEXT NOT NULL,
        source      TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        -- Each file's name and text, as JSON.
        files       TEXT NOT NULL
    );
    "#,
    // 13: addresses mail from tix bounced hard at (a report of it came
    // back): replies warn, automatic mail skips them.
    r#"
    CREATE TABLE bounced_addresses (
        address    TEXT PRIMARY KEY,
        bounced_at INTEGER NOT NULL,
        status     TEXT NOT NULL,
        ticket_id  INTEGER
    ) WITHOUT ROWID;
    "#,
    // 14: a delivery report of mail tix sent names that mail (report_of: its
    // Message-ID, '' when known by the ticket tag only); the mail it failed
    // to deliver says so (undelivered: to whom, with the status).
    r#"
    ALTER TABLE articles ADD COLUMN report_of TEXT;
    ALTER TABLE articles ADD COLUMN undelivered TEXT;
    "#,
    // 15: notifications of agents who take them as a daily digest, until
    // tix maintain sends it, and when each agent's last one went out.
    r#"
    CREATE TABLE digest_items (
        id        INTEGER PRIMARY KEY,
        agent     TEXT NOT NULL,
        ticket_id INTEGER REFERENCES tickets(id),
        at        INTEGER NOT NULL,
        line      TEXT NOT NULL
    );
    CREATE INDEX digest_items_agent ON digest_items(agent, id);
    CREATE TABLE agent_digests (
        agent   TEXT PRIMARY KEY,
        sent_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    "#,
    // 16: the bounce record (every verdict about an address, and each
    // address's score and state), the probes of a bounce round, and the
    // outbox taking digests, probes and bulk replies as kinds of their own,
    // a bulk reply paced by not_before (SQLite
    // changes a CHECK only by making the table anew).
    r#"
    CREATE TABLE bounce_events (
        id      INTEGER PRIMARY KEY,
        address TEXT NOT NULL,
        at      INTEGER NOT NULL,
        kind    TEXT NOT NULL,
        hard    INTEGER NOT NULL DEFAULT 0,
        reason  TEXT,
        status  TEXT,
        score   REAL NOT NULL DEFAULT 0,
        -- The message it came from; no foreign key: a purged ticket's mail
        -- goes, the verdict stays.
        raw_id  INTEGER,
        ticket  TEXT,
        member  TEXT
    );
    CREATE INDEX bounce_events_address ON bounce_events(address, at);
    CREATE INDEX bounce_events_raw ON bounce_events(raw_id) WHERE raw_id IS NOT NULL;
    CREATE TABLE bounce_addresses (
        address       TEXT PRIMARY KEY,
        shown         TEXT NOT NULL,
        state         TEXT NOT NULL,
        score         REAL NOT NULL,
        watch_since   INTEGER,
        hold_since    INTEGER,
        removed_at    INTEGER,
        last_bounce   INTEGER,
        hard          INTEGER NOT NULL DEFAULT 0,
        reason        TEXT,
        status        TEXT,
        member        TEXT,
        probe_sent_at INTEGER
    ) WITHOUT ROWID;
    CREATE INDEX bounce_addresses_state ON bounce_addresses(state, address);
    CREATE TABLE bounce_probes (
        token   TEXT PRIMARY KEY,
        address TEXT NOT NULL,
        sent_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE outbox_kinds (
        id            INTEGER PRIMARY KEY,
        ticket_id     INTEGER REFERENCES tickets(id),
        kind          TEXT NOT NULL
            CHECK (kind IN ('auto-reply', 'notification', 'digest', 'probe', 'reply', 'hook')),
        recipient     TEXT NOT NULL,
        agent         TEXT,
        message_id    TEXT NOT NULL,
        envelope_from TEXT NOT NULL,
        envelope_to   TEXT NOT NULL,
        outgoing      TEXT NOT NULL,
        bytes         BLOB NOT NULL,
        created_at    INTEGER NOT NULL,
        attempts      INTEGER NOT NULL DEFAULT 0,
        last_error    TEXT,
        sent_at       INTEGER,
        failed_at     INTEGER,
        sending_since INTEGER,
        -- Not to be sent before this time (a bulk answer's pace).
        not_before    INTEGER
    );
    INSERT INTO outbox_kinds (id, ticket_id, kind, recipient, agent, message_id, envelope_from,
            envelope_to, outgoing, bytes, created_at, attempts, last_error, sent_at, failed_at,
            sending_since)
        SELECT id, ticket_id, kind, recipient, agent, message_id, envelope_from, envelope_to,
            outgoing, bytes, created_at, attempts, last_error, sent_at, failed_at, sending_since
        FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_kinds RENAME TO outbox;
    CREATE INDEX outbox_due ON outbox(id) WHERE sent_at IS NULL AND failed_at IS NULL;
    CREATE INDEX outbox_recipient ON outbox(kind, recipient, created_at);
    CREATE INDEX outbox_ticket ON outbox(ticket_id) WHERE ticket_id IS NOT NULL;
    "#,
    // 17: links between tickets (parent/child, related), and the ticket a
    // merge brought each article from, so that a merge can be undone.
    r#"
    CREATE TABLE links (
        a          INTEGER NOT NULL REFERENCES tickets(id),
        b          INTEGER NOT NULL REFERENCES tickets(id),
        -- parent: a is the parent of b; related: a < b.
        kind       TEXT NOT NULL CHECK (kind IN ('parent', 'related')),
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        PRIMARY KEY (a, b)
    ) WITHOUT ROWID;
    CREATE INDEX links_b ON links(b);
    ALTER TABLE articles ADD COLUMN merged_from INTEGER;
    CREATE INDEX articles_merged_from ON articles(merged_from) WHERE merged_from IS NOT NULL;
    "#,
    // 18: contacts (the member list): an identifier, a name, an
    // organisation, free fields, and one or more addresses (one may be
    // inactive; two members may share one).
    r#"
    CREATE TABLE contacts (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL DEFAULT '',
        org        TEXT,
        fields     TEXT NOT NULL DEFAULT '{}',
        updated_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX contacts_org ON contacts(org) WHERE org IS NOT NULL;
    CREATE TABLE contact_addresses (
        contact_id TEXT NOT NULL REFERENCES contacts(id),
        address    TEXT NOT NULL,
        inactive   INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (contact_id, address)
    ) WITHOUT ROWID;
    CREATE INDEX contact_addresses_address ON contact_addresses(address);
    "#,
    // 19: where a contact came from: 'config' (contacts: in the config in
    // force, removed with it) or the file it was imported from.
    r#"
    ALTER TABLE contacts ADD COLUMN source TEXT NOT NULL DEFAULT 'import';
    "#,
    // 20: what tix import brought from another system: each ticket and
    // article by its id there (a run again brings only what is new or
    // changed; one stopped resumes), and which articles were rebuilt from
    // database fields because the system kept no raw mail.
    r#"
    CREATE TABLE import_tickets (
        source       TEXT NOT NULL,
        source_id    INTEGER NOT NULL,
        ticket_id    INTEGER NOT NULL REFERENCES tickets(id),
        changed      TEXT NOT NULL,
        history_done INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (source, source_id)
    ) WITHOUT ROWID;
    CREATE TABLE import_articles (
        source     TEXT NOT NULL,
        source_id  INTEGER NOT NULL,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        rebuilt    INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (source, source_id)
    ) WITHOUT ROWID;
    CREATE INDEX import_articles_article ON import_articles(article_id);
    "#,
    // 21: history by time, for tix report: the status changes, merges and
    // unmerges of a period are read, not every ticket's history; and the
    // report mailed to a board (`tix report --mail`) is an outbox kind.
    r#"
    CREATE INDEX history_at ON history(at);
    CREATE TABLE outbox_kinds (
        id            INTEGER PRIMARY KEY,
        ticket_id     INTEGER REFERENCES tickets(id),
        kind          TEXT NOT NULL
            CHECK (kind IN ('auto-reply', 'notification', 'digest', 'probe', 'reply', 'hook',
                            'report')),
        recipient     TEXT NOT NULL,
        agent         TEXT,
        message_id    TEXT NOT NULL,
        envelope_from TEXT NOT NULL,
        envelope_to   TEXT NOT NULL,
        outgoing      TEXT NOT NULL,
        bytes         BLOB NOT NULL,
        created_at    INTEGER NOT NULL,
        attempts      INTEGER NOT NULL DEFAULT 0,
        last_error    TEXT,
        sent_at       INTEGER,
        failed_at     INTEGER,
        sending_since INTEGER,
        -- Not to be sent before this time (a bulk answer's pace).
        not_before    INTEGER
    );
    INSERT INTO outbox_kinds (id, ticket_id, kind, recipient, agent, message_id, envelope_from,
            envelope_to, outgoing, bytes, created_at, attempts, last_error, sent_at, failed_at,
            sending_since, not_before)
        SELECT id, ticket_id, kind, recipient, agent, message_id, envelope_from, envelope_to,
            outgoing, bytes, created_at, attempts, last_error, sent_at, failed_at, sending_since,
            not_before
        FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_kinds RENAME TO outbox;
    CREATE INDEX outbox_due ON outbox(id) WHERE sent_at IS NULL AND failed_at IS NULL;
    CREATE INDEX outbox_recipient ON outbox(kind, recipient, created_at);
    CREATE INDEX outbox_ticket ON outbox(ticket_id) WHERE ticket_id IS NOT NULL;
    "#,
    // 22: the dashboard's counts read from indexes alone (the tickets by
    // creation and by closing carry their queue and state type), and the
    // open tickets in each order a listing can ask for, each read from an
    // index and stopped at the limit. (Counts kept by triggers were tried:
    // every ticket written then kept a statement journal, and intake took
    // 1.4 times as long.)
    r#"
    DROP INDEX tickets_created;
    CREATE INDEX tickets_created ON tickets(created_at, queue, state_type);
    DROP INDEX tickets_closed;
    CREATE INDEX tickets_closed ON tickets(closed_at, queue, state_type) WHERE closed_at IS NOT NULL;
    CREATE INDEX tickets_open_by_priority ON tickets(priority, id)
        WHERE state_type IN ('new', 'open', 'pending-reminder', 'pending-auto-close');
    CREATE INDEX tickets_open_by_status ON tickets(state, id)
        WHERE state_type IN ('new', 'open', 'pending-reminder', 'pending-auto-close');
    CREATE INDEX tickets_open_by_update ON tickets(updated_at, id)
        WHERE state_type IN ('new', 'open', 'pending-reminder', 'pending-auto-close');
    CREATE INDEX tickets_open_by_queue_name ON tickets(queue, id)
        WHERE state_type IN ('new', 'open', 'pending-reminder', 'pending-auto-close');
    CREATE INDEX tickets_open_by_number ON tickets(number)
        WHERE state_type IN ('new', 'open', 'pending-reminder', 'pending-auto-close');
    CREATE INDEX tickets_answered ON tickets(created_at, queue, first_response_at)
        WHERE first_response_at IS NOT NULL;
    "#,
    // 23: data-protection actions (tix person export and erase), kept
    // without the data: who, when, what kind, how much.
    r#"
    CREATE TABLE data_protection_log (
        id      INTEGER PRIMARY KEY,
        at      INTEGER NOT NULL,
        actor   TEXT NOT NULL,
        action  TEXT NOT NULL,
        summary TEXT NOT NULL
    );
    "#,
];

pub const CURRENT_VERSION: i64 = MIGRATIONS.len() as i64;

/// Work a migration needs beyond SQL, run right after migration `version`.
pub fn after_migration(conn: &Db, version: usize) -> Result<()> {
    if version == 2 {
        let numbers: Vec<(i64, String)> = conn
            .prepare("SELECT id, number FROM tickets WHERE number_rev IS NULL")?
            .query_map(params![], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_>>()?;
        let mut update = conn.prepare("UPDATE tickets SET number_rev = ?2 WHERE id = ?1")?;
        for (id, number) in numbers {
            update.execute(params![id, crate::store::tickets::reversed(&number)])?;
        }
    }
    if version == 7 {
        reindex_articles(conn)?;
    }
    if version == 9 {
        conn.execute_batch(&format!(
            "UPDATE tickets SET
                 first_response_at = (SELECT min(a.created_at) FROM articles a
                     WHERE a.ticket_id = tickets.id AND {answer}),
                 last_answer_at = (SELECT max(a.created_at) FROM articles a
                     WHERE a.ticket_id = tickets.id AND {answer})",
            answer = crate::store::articles::ANSWER_CONDITION
        ))?;
    }
    Ok(())
}

/// Fills the full-text index from the articles, as intake does.
fn reindex_articles(conn: &Db) -> Result<()> {
    // Minutes on a large store, inside whatever command opened it first
    // after an upgrade: say why it waits, once.
    let articles: i64 = conn.query_row("SELECT count(*) FROM articles", params![], |r| r.get(0))?;
    if articles > 50_000 {
        eprintln!("tix: re-indexing {articles} articles for search, once after this upgrade");
    }
    conn.query_each(
        "SELECT id, subject, from_name, from_addr, to_addrs, cc_addrs, body FROM articles",
        params![],
        |r| {
            let text = |i| r.get::<Option<String>>(i);
            let (from_name, from_addr, to, cc) = (text(2)?, text(3)?, text(4)?, text(5)?);
            let addresses = crate::store::articles::Addresses {
                from_name: from_name.as_deref(),
                from_addr: from_addr.as_deref(),
                to: to.as_deref(),
                cc: cc.as_deref(),
            };
            crate::store::articles::index_article(
                conn,
                r.get(0)?,
                &r.get::<String>(1)?,
                &addresses,
                &r.get::<String>(6)?,
            )?;
            Ok(true)
        },
    )
}
