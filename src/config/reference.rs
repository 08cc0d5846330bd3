//! Every configuration key, its type, default and meaning: the text of
//! tix-config(5). A test compares it with the keys the file types accept,
//! so a key cannot be added without being described here.

/// One key: its place (`queues[].parent`), value type, default, meaning.
pub struct Key {
    pub path: &'static str,
    pub kind: &'static str,
    pub default: &'static str,
    pub about: &'static str,
}

pub(super) const fn key(
    path: &'static str,
    kind: &'static str,
    default: &'static str,
    about: &'static str,
) -> Key {
    Key {
        path,
        kind,
        default,
        about,
    }
}

/// The sections of the page: a key's place starts with one of these.
pub const SECTIONS: &[(&str, &str)] = &[
    ("", "Settings"),
    ("queues[].", "Queues"),
    ("queues[].escalation.", "Escalation"),
    ("calendars[].", "Calendars"),
    ("agents[].", "Agents"),
    ("statuses[].", "Statuses"),
    ("snippets[].", "Snippets"),
    ("rules[].", "Routing rules"),
    ("rules[].if.", "Rule conditions"),
    ("rules[].then.", "Rule actions"),
    ("accounts[].", "Mail accounts"),
    ("smtp.", "Sending"),
    ("bounce_policy.", "Bounce policy"),
    ("hooks[].", "Hooks"),
    ("contacts[].", "Contacts"),
];

/// The keys of queues, agents, statuses, snippets and rules (the mail
/// side is in reference_mail.rs).
const CORE_KEYS: &[Key] = &[
    key(
        "system_id",
        "number 0-99",
        "10",
        "Two digits of every ticket number; set once, before the first ticket.",
    ),
    key(
        "subject_hook",
        "text",
        "Ticket#",
        "The word in the subject tag: [Ticket#2026120110000731].",
    ),
    key(
        "subject_divider",
        "text",
        "(none)",
        "Text between the hook and the number.",
    ),
    key(
        "default_queue",
        "queue name",
        "the first queue",
        "Where mail to no queue's address goes.",
    ),
    key(
        "mail_verified_by",
        "host name",
        "(none: mail from an agent's address is a note)",
        "The authserv-id your own MTA writes in Authentication-Results (OpenDKIM, OpenDMARC, rspamd). Mail from an agent's address that it verified (dkim or dmarc pass for the address's domain, in a header above the first Received) counts as the agent's answer; without that verdict it is kept as the agent's internal note, since a From: is easily forged.",
    ),
    key(
        "queues",
        "list",
        "one queue, Inbox",
        "The queues; see QUEUES.",
    ),
    key(
        "agents",
        "list",
        "(none: anyone may act)",
        "The agents; see AGENTS.",
    ),
    key(
        "statuses",
        "list",
        "the built-in statuses",
        "A whole list replaces the built-in one; see STATUSES.",
    ),
    key(
        "searches",
        "map name: query",
        "(none)",
        "Saved searches, used as @name in any query (see tix-query(7)).",
    ),
    key(
        "store",
        "file or postgres:// URL",
        "$XDG_DATA_HOME/tix/tix.db",
        "The store, unless --db or TIX_DB names one: an SQLite file, or postgres://USER@HOST[:PORT]/DATABASE (the password from TIX_DB_PASSWORD, store_password_command or store_password_file, PGPASSWORD or ~/.pgpass, in that order; TLS with the server's certificate checked for a server elsewhere, sslmode= and sslrootcert= as for libpq).",
    ),
    key(
        "store_password_command",
        "shell command",
        "(none)",
        "Prints the password of the server store named by store (a keyring, pass); run with sh -c, no stdin, stopped after 30 s. Not used for a store named by --db or TIX_DB.",
    ),
    key(
        "store_password_file",
        "path",
        "(none)",
        "A file holding the password of the server store named by store (mode 600; tix warns when others can read it). One of this and store_password_command.",
    ),
    key(
        "store_ca_file",
        "path",
        "(the system's CAs)",
        "A CA certificate (PEM) to trust for the server store named by store, for a server with a private CA; sslrootcert= in the URL comes first.",
    ),
    key(
        "lock_minutes",
        "number",
        "60",
        "A lock lapses by itself after this long.",
    ),
    key(
        "lock_on_note",
        "true/false",
        "true",
        "Writing a note or a reply locks the ticket to its writer.",
    ),
    key(
        "accounts",
        "list",
        "(none)",
        "IMAP accounts for tix fetch; see MAIL ACCOUNTS.",
    ),
    key(
        "smtp",
        "map",
        "(none: nothing is sent)",
        "The server replies, auto-replies and notifications go out through; see SENDING.",
    ),
    key(
        "bounce_policy",
        "map",
        "(the defaults below)",
        "How bounces add up to watching, holding and removing an address (tix bounce); see BOUNCE POLICY.",
    ),
    key(
        "hooks",
        "list",
        "(none)",
        "Programs run on events, the event as JSON on stdin; see HOOKS.",
    ),
    key(
        "contacts",
        "list",
        "(none)",
        "The people tickets are for, usually in contacts.yaml; put in the store by tix config apply (or tix contact import without a file); see CONTACTS.",
    ),
    key(
        "auto_reply_limit",
        "number",
        "1",
        "Auto-replies per sender address in 24 hours.",
    ),
    key(
        "max_message_mb",
        "number",
        "25",
        "A larger message is quarantined with its first part kept.",
    ),
    key(
        "outbox_budget_seconds",
        "number",
        "5",
        "How long fetch and ingest may send queued mail after storing; the rest stays queued.",
    ),
    key(
        "rules",
        "list",
        "(none)",
        "Routing rules, applied in order at intake; see ROUTING RULES.",
    ),
    key(
        "snippets",
        "list",
        "(none)",
        "Salutations, signatures and answers; see SNIPPETS.",
    ),
    key(
        "queues[].name",
        "text",
        "(required)",
        "The queue's name; LV::Presse nests Presse below LV.",
    ),
    key(
        "queues[].parent",
        "queue name",
        "(none)",
        "The queue this one is nested below. It takes each key below that it leaves unset from the parent (addresses aside): replies, auto-replies, language, escalation, retention.",
    ),
    key(
        "queues[].addresses",
        "list of addresses",
        "(none)",
        "Mail to these addresses lands in this queue.",
    ),
    key(
        "queues[].on_closed_followup",
        "reopen, new-ticket, zombie",
        "reopen (a nested queue uses its parent's)",
        "What a customer's mail to a closed ticket does.",
    ),
    key(
        "queues[].language",
        "de, en or fr",
        "en (a nested queue uses its parent's)",
        "The language its snippets are written in; replies of agents without a language use it.",
    ),
    key(
        "queues[].salutation",
        "snippet name",
        "(none; a nested queue uses its parent's)",
        "The salutation replies and auto-replies start with.",
    ),
    key(
        "queues[].signature",
        "snippet name",
        "(none; a nested queue uses its parent's)",
        "The signature replies and auto-replies end with.",
    ),
    key(
        "queues[].from",
        "address",
        "the first address, else the parent's, else smtp.from",
        "The sender of replies: Presse <presse@example.org>.",
    ),
    key(
        "queues[].auto_reply",
        "snippet name",
        "(none; a nested queue uses its parent's)",
        "The answer sent at once to each new ticket's sender.",
    ),
    key(
        "queues[].reply_state",
        "status name",
        "(unchanged; new becomes open; a nested queue uses its parent's)",
        "The status after a reply.",
    ),
    key(
        "queues[].escalation",
        "map",
        "(none; a nested queue uses its parent's)",
        "How long tickets may wait; see ESCALATION.",
    ),
    key(
        "queues[].delete_closed_after",
        "duration (365d)",
        "(never; a nested queue uses its parent's)",
        "tix maintain deletes closed tickets this long after their last change.",
    ),
    key(
        "queues[].purge_after",
        "duration (30d)",
        "(never; a nested queue uses its parent's)",
        "tix maintain purges deleted tickets this long after their deletion, as tix purge does.",
    ),
    key(
        "queues[].escalation.first_response",
        "duration of working time (4h)",
        "(none)",
        "From the ticket's creation to the first answer to the customer (a reply, or a call or letter logged as outgoing).",
    ),
    key(
        "queues[].escalation.update",
        "duration of working time (2d)",
        "(none)",
        "From the customer's latest unanswered mail to the next answer.",
    ),
    key(
        "queues[].escalation.solution",
        "duration of working time (5d)",
        "(none)",
        "From the ticket's creation to its closing.",
    ),
    key(
        "queues[].escalation.calendar",
        "calendar name",
        "(around the clock)",
        "Whose working hours the durations count in; 16h in a 09:00-17:00 calendar is two working days. Time in a pending status does not count.",
    ),
    key(
        "queues[].escalation.warn_at",
        "percent (80%)",
        "(no warning)",
        "The owner is warned once when this share of a time is used, and told once when it runs out.",
    ),
    key(
        "calendars",
        "list",
        "(none)",
        "Working hours for escalation times; see CALENDARS.",
    ),
    key(
        "calendars[].name",
        "text",
        "(required)",
        "The name queues give in escalation.calendar.",
    ),
    key(
        "calendars[].zone",
        "time zone (Europe/Berlin)",
        "(required)",
        "The zone the hours and holidays are read in; daylight-saving changes count as they happen.",
    ),
    key(
        "calendars[].hours",
        "map: weekdays to spans",
        "(required)",
        "Working time per weekday: { mon-fri: \"09:00-17:00\", sat: \"10:00-12:00, 14:00-16:00\" }; 24:00 ends a day.",
    ),
    key(
        "calendars[].holidays",
        "list of dates",
        "(none)",
        "Days without working time: 2026-12-24, or 12-25 for every year.",
    ),
    key(
        "agents[].name",
        "one word",
        "(required)",
        "The name typed after --as and in queries.",
    ),
    key(
        "agents[].email",
        "address",
        "(none)",
        "Where notifications go.",
    ),
    key(
        "agents[].full_name",
        "text",
        "(none)",
        "The name replies are signed with (agent_name).",
    ),
    key(
        "agents[].also_from",
        "list of addresses",
        "(none)",
        "Further addresses the agent writes from (a personal account): mail from them is the agent's (see mail_verified_by).",
    ),
    key(
        "agents[].notify",
        "list: responsible, followup, new_ticket, reminder, escalation, undelivered",
        "[responsible, reminder, undelivered]",
        "Which events mail this agent, and only those; never the agent's own doing. [] for none.",
    ),
    key(
        "agents[].language",
        "de, en or fr",
        "(the queue's language)",
        "The language of the words tix adds to this agent's replies (the line above a --quote).",
    ),
    key(
        "agents[].zone",
        "time zone (Europe/Berlin)",
        "(the queue calendar's zone, else local time)",
        "The zone the times in this agent's notifications are shown in, and whose day a digest follows.",
    ),
    key(
        "agents[].digest",
        "none, daily",
        "none",
        "daily: the agent's notifications are gathered and sent as one mail by the first tix maintain run of each day (in the agent's zone), listing the earlier days' events, each line led by its ticket tag; an answer that keeps one such line is filed on that ticket (as the agent's note).",
    ),
    key(
        "agents[].subscribe",
        "list of queue names",
        "(none)",
        "Queues whose new tickets mail this agent (with notify: [new_ticket]).",
    ),
    key(
        "statuses[].name",
        "text",
        "(required)",
        "The status's name; - and _ stand for spaces on the command line.",
    ),
    key(
        "statuses[].type",
        "new, open, pending-reminder, pending-auto-close, closed, merged, removed",
        "(required)",
        "What the status means to tix.",
    ),
    key(
        "statuses[].next",
        "list of status names",
        "(all)",
        "The statuses a ticket may move to from this one.",
    ),
    key(
        "statuses[].pending_for",
        "duration (3d, 12h)",
        "3d for the built-in pending statuses",
        "A pending status's date when none is given.",
    ),
    key(
        "statuses[].closes_to",
        "status name",
        "the first closed status",
        "A pending-auto-close status: the closed status tix maintain sets once its date is reached.",
    ),
    key(
        "statuses[].on_due",
        "status name",
        "(stays pending, marked due)",
        "A pending-reminder status: the new or open status tix maintain sets once its date is reached.",
    ),
    key(
        "statuses[].answer",
        "snippet name",
        "(nothing is sent)",
        "A pending-auto-close status: the answer mailed to the customer (with the queue's salutation and signature) when tix maintain closes the ticket by date.",
    ),
    key(
        "snippets[].name",
        "one word",
        "(required)",
        "The snippet's name.",
    ),
    key(
        "snippets[].kind",
        "salutation, signature, answer",
        "answer",
        "What the snippet is for.",
    ),
    key(
        "snippets[].text",
        "text with {{ variables }}",
        "(required)",
        "The text (minijinja); an unknown variable is a config error.",
    ),
    key(
        "snippets[].plain",
        "true/false",
        "false",
        "An answer sent exactly as written, without the queue's salutation and signature.",
    ),
    key(
        "rules[].name",
        "text",
        "(required)",
        "The rule's name, in history and in tix route --explain.",
    ),
    key(
        "rules[].if",
        "condition",
        "(required)",
        "When the rule applies; see RULE CONDITIONS.",
    ),
    key(
        "rules[].then",
        "actions",
        "(nothing)",
        "What the rule does; see RULE ACTIONS.",
    ),
    key(
        "rules[].followups",
        "new, both, followups",
        "new",
        "Which mail the rule looks at: new tickets, follow-ups, or both.",
    ),
    key(
        "rules[].stop",
        "true/false",
        "false",
        "No later rule applies once this one matched.",
    ),
    key(
        "rules[].ticket_closed",
        "true/false",
        "(either)",
        "Only follow-ups to a closed (true) or open (false) ticket.",
    ),
    key(
        "rules[].if.all",
        "list of conditions",
        "",
        "Every condition holds.",
    ),
    key(
        "rules[].if.any",
        "list of conditions",
        "",
        "At least one holds.",
    ),
    key(
        "rules[].if.not",
        "condition",
        "",
        "The condition does not hold.",
    ),
    key(
        "rules[].if.header",
        "header name",
        "",
        "A header, with matches: REGEX or exists: true/false.",
    ),
    key(
        "rules[].if.matches",
        "regular expression",
        "",
        "The header's value matches.",
    ),
    key(
        "rules[].if.exists",
        "true/false",
        "",
        "The header is there (or not).",
    ),
    key(
        "rules[].if.from",
        "regular expression",
        "",
        "The sender's address or name matches.",
    ),
    key(
        "rules[].if.to",
        "regular expression",
        "",
        "A To address matches.",
    ),
    key(
        "rules[].if.cc",
        "regular expression",
        "",
        "A Cc address matches.",
    ),
    key(
        "rules[].if.subject",
        "regular expression",
        "",
        "The subject matches.",
    ),
    key(
        "rules[].if.body",
        "regular expression",
        "",
        "The text matches.",
    ),
    key(
        "rules[].if.attachment",
        "regular expression",
        "",
        "An attachment's name matches.",
    ),
    key(
        "rules[].if.mailbox",
        "regular expression",
        "",
        "Where the mail came from (account/folder, Maildir, mbox) matches.",
    ),
    key(
        "rules[].if.case_sensitive",
        "true/false",
        "false",
        "Match the pattern's case exactly.",
    ),
    key(
        "rules[].then.queue",
        "queue name",
        "",
        "Put the ticket in this queue.",
    ),
    key(
        "rules[].then.priority",
        "1-5 or very-low ... very-high",
        "",
        "Set the priority.",
    ),
    key(
        "rules[].then.owner",
        "agent name",
        "",
        "Make this agent the owner.",
    ),
    key(
        "rules[].then.responsible",
        "agent name",
        "",
        "Make this agent responsible.",
    ),
    key("rules[].then.tags", "list of words", "", "Add these tags."),
    key(
        "rules[].then.state",
        "status name",
        "",
        "Set this status (not a pending or merged one).",
    ),
    key(
        "rules[].then.no_autoreply",
        "true/false",
        "false",
        "Send no auto-reply for this ticket.",
    ),
];

/// Every key, in the order of the page.
pub fn keys() -> impl Iterator<Item = &'static Key> {
    CORE_KEYS.iter().chain(super::reference_mail::MAIL_KEYS)
}

#[cfg(test)]
#[path = "reference_tests.rs"]
mod tests;
