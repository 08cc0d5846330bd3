//! The tables of a store as the store's modules share them: their order
//! (parents before children) and how each is read whole.

/// The tables of a store, parents before children; ids are kept.
pub const TABLES: &[(&str, Key)] = &[
    ("raw_messages", Key::Id),
    ("tickets", Key::Id),
    ("articles", Key::Id),
    ("attachments", Key::Id),
    ("history", Key::Id),
    ("tags", Key::Whole),
    ("ticket_counters", Key::Whole),
    ("imap_folders", Key::Whole),
    ("outbox", Key::Id),
    ("agent_absences", Key::Whole),
    ("store_facts", Key::Whole),
    ("config_versions", Key::Id),
    ("bounced_addresses", Key::Whole),
    ("digest_items", Key::Id),
    ("agent_digests", Key::Whole),
    ("bounce_events", Key::Id),
    ("bounce_addresses", Key::Whole),
    ("bounce_probes", Key::Whole),
    ("links", Key::Whole),
    ("contacts", Key::Whole),
    ("contact_addresses", Key::Whole),
    ("import_tickets", Key::Whole),
    ("import_articles", Key::Whole),
    ("data_protection_log", Key::Id),
];

/// Where `table` comes among the tables written together: parents first,
/// tables outside the list (the full-text index) after them.
pub fn parent_rank(table: &str) -> usize {
    TABLES
        .iter()
        .position(|(t, _)| *t == table)
        .unwrap_or(TABLES.len())
}

/// How a table is read: in id order a batch at a time (mail, bodies), or
/// whole (small tables without an id).
#[derive(Clone, Copy, PartialEq)]
pub enum Key {
    Id,
    Whole,
}
