//! Queue access enforced by PostgreSQL itself: each agent connects as a
//! role of its own (`tix_anna`), and row-level security lets that role see
//! and change only the rows of the queues the config gives it — tickets,
//! their articles, original mail, attachments, search index, history, tags
//! and outbox — whatever client it uses (tix or psql). The store's owner
//! (intake, fetch, maintain) is not held to the policies.

use super::db::{params, Db};
use crate::error::{Result, TixError};

/// What one agent's role may do: (queue, may change) for each restricted
/// queue it may see; unrestricted queues are everyone's.
pub struct RolePlan {
    pub agent: String,
    pub role: String,
    pub queues: Vec<(String, bool)>,
}

/// The database role of agent `name`: `tix_` and its name in lower case,
/// other characters than letters, digits and `_` as `_`.
pub fn role_name(agent: &str) -> String {
    let cleaned: String = agent
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("tix_{cleaned}")
}

/// Tables holding a ticket's data, by how a row finds its ticket.
const BY_TICKET: &[&str] = &["articles", "history", "tags", "digest_items"];

/// Creates or updates the roles, their grants and the policies; the access
/// tables are rewritten whole. One transaction.
pub fn sync(conn: &Db, restricted: &[String], plans: &[RolePlan]) -> Result<()> {
    if !conn.is_postgres() {
        return Err(TixError::usage(
            "database roles need a PostgreSQL store; on SQLite the store file's permissions are the boundary",
        ));
    }
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS tix_restricted_queues (queue TEXT PRIMARY KEY);
         CREATE TABLE IF NOT EXISTS tix_queue_access (
             role      TEXT NOT NULL,
             queue     TEXT NOT NULL,
             may_write BOOLEAN NOT NULL,
             PRIMARY KEY (role, queue)
         );
         CREATE OR REPLACE FUNCTION tix_may_see(q TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $fn$
             SELECT NOT EXISTS (SELECT 1 FROM tix_restricted_queues r WHERE r.queue = q)
                 OR EXISTS (SELECT 1 FROM tix_queue_access a WHERE a.queue = q AND a.role = current_user)
         $fn$;
         CREATE OR REPLACE FUNCTION tix_may_change(q TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $fn$
             SELECT NOT EXISTS (SELECT 1 FROM tix_restricted_queues r WHERE r.queue = q)
                 OR EXISTS (SELECT 1 FROM tix_queue_access a
                            WHERE a.queue = q AND a.role = current_user AND a.may_write)
         $fn$;
         DELETE FROM tix_restricted_queues;
         DELETE FROM tix_queue_access;",
    )?;
    for q in restricted {
        conn.execute(
            "INSERT INTO tix_restricted_queues (queue) VALUES (?1)",
            params![q],
        )?;
    }
    for plan in plans {
        for (queue, write) in &plan.queues {
            conn.execute(
                "INSERT INTO tix_queue_access (role, queue, may_write) VALUES (?1, ?2, ?3)",
                params![plan.role, queue, *write as i64],
            )?;
        }
        let role = quoted(&plan.role);
        // A role made by another store on the same server is taken as it is.
        conn.execute_batch(&format!(
            "DO $do$ BEGIN
                 CREATE ROLE {role} LOGIN;
             EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
             END $do$;
             DO $do$ BEGIN
                 EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), {name});
             END $do$;
             GRANT USAGE ON SCHEMA public TO {role};
             GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
             GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {role};
             REVOKE INSERT, UPDATE, DELETE ON tix_restricted_queues, tix_queue_access FROM {role};",
            name = literal(&plan.role)
        ))?;
    }
    let mut policies = String::from(
        "ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
         DROP POLICY IF EXISTS tix_see ON tickets;
         DROP POLICY IF EXISTS tix_add ON tickets;
         DROP POLICY IF EXISTS tix_change ON tickets;
         DROP POLICY IF EXISTS tix_remove ON tickets;
         CREATE POLICY tix_see ON tickets FOR SELECT USING (tix_may_see(queue));
         CREATE POLICY tix_add ON tickets FOR INSERT WITH CHECK (tix_may_change(queue));
         CREATE POLICY tix_change ON tickets FOR UPDATE
             USING (tix_may_change(queue)) WITH CHECK (tix_may_change(queue));
         CREATE POLICY tix_remove ON tickets FOR DELETE USING (tix_may_change(queue));
         ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
         DROP POLICY IF EXISTS tix_ticket ON outbox;
         CREATE POLICY tix_ticket ON outbox
             USING (ticket_id IS NULL OR EXISTS (SELECT 1 FROM tickets t WHERE t.id = outbox.ticket_id))
             WITH CHECK (ticket_id IS NULL OR EXISTS (SELECT 1 FROM tickets t WHERE t.id = outbox.ticket_id));
         ALTER TABLE attachments ENABLE ROW LEVEL SECURITY;
         DROP POLICY IF EXISTS tix_ticket ON attachments;
         CREATE POLICY tix_ticket ON attachments
             USING (EXISTS (SELECT 1 FROM articles a WHERE a.id = attachments.article_id))
             WITH CHECK (EXISTS (SELECT 1 FROM articles a WHERE a.id = attachments.article_id));
         ALTER TABLE articles_fts ENABLE ROW LEVEL SECURITY;
         DROP POLICY IF EXISTS tix_ticket ON articles_fts;
         CREATE POLICY tix_ticket ON articles_fts
             USING (EXISTS (SELECT 1 FROM articles a WHERE a.id = articles_fts.article_id))
             WITH CHECK (EXISTS (SELECT 1 FROM articles a WHERE a.id = articles_fts.article_id));
         ALTER TABLE raw_messages ENABLE ROW LEVEL SECURITY;
         DROP POLICY IF EXISTS tix_see ON raw_messages;
         DROP POLICY IF EXISTS tix_add ON raw_messages;
         DROP POLICY IF EXISTS tix_change ON raw_messages;
         DROP POLICY IF EXISTS tix_remove ON raw_messages;
         CREATE POLICY tix_see ON raw_messages FOR SELECT
             USING (EXISTS (SELECT 1 FROM articles a WHERE a.raw_id = raw_messages.id));
         CREATE POLICY tix_add ON raw_messages FOR INSERT WITH CHECK (true);
         CREATE POLICY tix_change ON raw_messages FOR UPDATE
             USING (EXISTS (SELECT 1 FROM articles a WHERE a.raw_id = raw_messages.id));
         CREATE POLICY tix_remove ON raw_messages FOR DELETE
             USING (EXISTS (SELECT 1 FROM articles a WHERE a.raw_id = raw_messages.id));
        ",
    );
    for table in BY_TICKET {
        policies.push_str(&format!(
            "ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
             DROP POLICY IF EXISTS tix_ticket ON {table};
             CREATE POLICY tix_ticket ON {table}
                 USING (EXISTS (SELECT 1 FROM tickets t WHERE t.id = {table}.ticket_id))
                 WITH CHECK (EXISTS (SELECT 1 FROM tickets t WHERE t.id = {table}.ticket_id));
            "
        ));
    }
    conn.execute_batch(&policies)?;
    Ok(())
}

/// A role's name as SQL names it.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A text as an SQL literal.
fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}
