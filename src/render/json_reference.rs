//! The JSON tix prints, as tix-json(7) describes it: each document's fields
//! with what they hold. A test runs each command and holds the fields it
//! prints to this list, both ways: a field added undocumented, or one
//! documented that is gone, fails it.
//!
//! The rules for all of them: times are RFC 3339 with the offset
//! (`2026-12-07T10:00:00+01:00`), absent values are `null` (never left
//! out), ticket numbers are strings, a document that is an object carries
//! `"version"`; lists stay bare lists.

/// One document: the command that prints it, and its fields. A field
/// inside a list of objects is written `list[].field`; the documents that
/// are a list have fields `[].field`.
pub struct Document {
    pub command: &'static str,
    pub about: &'static str,
    pub fields: &'static [(&'static str, &'static str)],
}

/// The fields of a ticket, as `list` and `show` print them.
macro_rules! ticket_fields {
    ($p:literal) => {
        [
            (
                concat!($p, "number"),
                "The ticket number (a string: leading digits matter).",
            ),
            (
                concat!($p, "title"),
                "The title (the first mail's subject, without the ticket tag).",
            ),
            (concat!($p, "queue"), "The queue's full name (A::B)."),
            (concat!($p, "state"), "The status's name."),
            (
                concat!($p, "state_type"),
                "new, open, pending-reminder, pending-auto-close, closed, merged or removed.",
            ),
            (concat!($p, "priority"), "1 (very low) to 5 (very high)."),
            (concat!($p, "owner"), "The owning agent, or null."),
            (
                concat!($p, "responsible"),
                "The responsible agent, or null.",
            ),
            (
                concat!($p, "customer_address"),
                "Whom replies go to, or null.",
            ),
            (
                concat!($p, "customer_name"),
                "The customer's name, or null.",
            ),
            (
                concat!($p, "merged_into"),
                "The number of the ticket it was merged into, or null.",
            ),
            (concat!($p, "created_at"), "When it was opened."),
            (concat!($p, "updated_at"), "When it last changed."),
            (concat!($p, "tags"), "Its tags, a list of strings."),
            (
                concat!($p, "locked_by"),
                "Who holds its lock, or null (see locked_until).",
            ),
            (
                concat!($p, "locked_until"),
                "When that lock lapses, or null.",
            ),
            (
                concat!($p, "pending_until"),
                "A pending ticket's date, or null.",
            ),
            (
                concat!($p, "last_customer_at"),
                "When the customer last wrote, or null.",
            ),
            (
                concat!($p, "escalation_at"),
                "The earliest escalation time in force, or null.",
            ),
            (
                concat!($p, "escalation_kind"),
                "first-response, update or solution, or null.",
            ),
            (
                concat!($p, "first_response_at"),
                "When an agent first answered the customer, or null.",
            ),
            (
                concat!($p, "closed_at"),
                "When it was last closed, or null.",
            ),
            (
                concat!($p, "unseen"),
                "The customer wrote since you (the acting agent), its responsible, looked.",
            ),
            (
                concat!($p, "contact"),
                "The id of the contact whose address the customer's is (tix contact), or null.",
            ),
            (concat!($p, "contact_name"), "That contact's name, or null."),
        ]
    };
}

const LIST: [(&str, &str); 25] = ticket_fields!("[].");
const SHOW_TICKET: [(&str, &str); 25] = ticket_fields!("");

const SHOW_REST: &[(&str, &str)] = &[
    ("version", "The version of tix's JSON documents (1); every document that is an object has it."),
    ("links", "Its links, a list (empty when none)."),
    ("links[].ticket", "The other ticket's number."),
    ("links[].kind", "What this ticket is to the other: parent, child or related."),
    ("links[].open", "Whether the other ticket is still open (new, open or pending)."),
    ("articles", "Its articles in date order."),
    ("articles[].index", "Its number in the ticket, from 1 (tix show --raw K, tix split --article K)."),
    ("articles[].kind", "email-in, email-out, note, phone-in, phone-out, letter-in, letter-out, fax-in, fax-out."),
    ("articles[].sender_type", "customer, agent or system."),
    ("articles[].from_name", "The writer's name, or null."),
    ("articles[].from_addr", "The writer's address, or null."),
    ("articles[].to", "The To addresses as one string, comma-separated, or null."),
    ("articles[].cc", "The Cc addresses as one string, comma-separated, or null."),
    ("articles[].to_addresses", "The To addresses, a list (empty when none)."),
    ("articles[].cc_addresses", "The Cc addresses, a list (empty when none)."),
    ("articles[].subject", "The subject."),
    ("articles[].message_id", "The Message-ID without brackets, or null."),
    ("articles[].date", "When it was written (the mail's Date), else stored."),
    ("articles[].created_by", "The agent who wrote it, or tix for mail that came in."),
    ("articles[].body", "The text (HTML mail as text)."),
    ("articles[].attachments", "Its attachments, a list."),
    ("articles[].attachments[].filename", "The file name."),
    ("articles[].attachments[].content_type", "The MIME type."),
    ("articles[].attachments[].size", "Bytes."),
    ("articles[].attachments[].sha256", "The SHA-256 of the bytes, hex."),
    ("articles[].undelivered", "Mail tix sent that a report said did not arrive: to whom, with the status; else null."),
    ("articles[].rebuilt", "Brought by tix import and rebuilt from the other system's fields (it kept no raw mail): true; else false."),
    ("articles[].report_of", "A delivery report of this ticket's mail: that mail's Message-ID (\"\" when named by the ticket tag only); else null."),
];

pub const DOCUMENTS: &[Document] = &[
    Document {
        command: "tix list --json",
        about: "The tickets found, a list, in the order shown.",
        fields: &LIST,
    },
    Document {
        command: "tix show T --json",
        about: "One ticket with its links and articles, an object.",
        fields: &[],
    },
    Document {
        command: "tix history T --json",
        about: "The ticket's history, a list, oldest first.",
        fields: &[
            ("[].at", "When."),
            ("[].actor", "The agent, or tix."),
            (
                "[].action",
                "What: created, state, queue, owner, replied, merged into, split, linked, …",
            ),
            ("[].old", "The value before, or null."),
            ("[].new", "The value after, or null."),
            ("[].detail", "More words, or null."),
        ],
    },
    Document {
        command: "tix outbox list --json",
        about: "Queued (with --all also sent) mail and hooks, a list.",
        fields: &[
            ("[].id", "The entry's id."),
            ("[].ticket", "The ticket's number, or null."),
            (
                "[].kind",
                "auto-reply, notification, digest, probe, reply or hook.",
            ),
            ("[].recipient", "The address (a hook: its program)."),
            ("[].subject", "The subject (\"\" for a hook)."),
            ("[].created_at", "When it was queued."),
            ("[].attempts", "Tries so far."),
            ("[].status", "queued, sending, sent or failed."),
            ("[].last_error", "The last try's error, or null."),
        ],
    },
    Document {
        command: "tix bounce list --json",
        about: "The bounce record, one object per address, a list.",
        fields: &[
            ("[].address", "The address as the reports spell it."),
            ("[].state", "ok, watch, hold or removed."),
            ("[].score", "Its score (bounce_policy in tix-config(5))."),
            ("[].watch_since", "On watch since, or null."),
            ("[].hold_since", "Held since, or null."),
            ("[].removed_at", "Removed at, or null."),
            ("[].last_bounce", "The last bounce, or null."),
            ("[].hard", "The last failure was hard."),
            (
                "[].reason",
                "The last failure's reason (userunknown, mailboxfull, …), or null.",
            ),
            ("[].status", "The last failure's status (5.1.1), or null."),
            (
                "[].member",
                "The member a return path or list header named, or null.",
            ),
            (
                "[].probe_sent_at",
                "When a bounce round last wrote to it, or null.",
            ),
        ],
    },
];

/// The documented fields of `doc`.
pub fn fields_of(doc: &Document) -> Vec<(&'static str, &'static str)> {
    if doc.command.starts_with("tix show") {
        SHOW_TICKET.iter().chain(SHOW_REST).copied().collect()
    } else {
        doc.fields.to_vec()
    }
}

/// tix-json(7), in roff.
pub fn man_page() -> String {
    let esc = |s: &str| s.replace('\\', "\\\\").replace('-', "\\-");
    let mut out = String::from(
        ".TH TIX-JSON 7 \"\" \"tix\" \"Miscellaneous\"\n\
         .SH NAME\ntix\\-json \\- the JSON documents tix prints, field by field\n\
         .SH DESCRIPTION\nEvery \\fB\\-\\-json\\fR document follows the same rules: times are RFC 3339 \
         with their offset (\\fB2026\\-12\\-07T10:00:00+01:00\\fR); a value that is absent is \\fBnull\\fR, \
         never left out, so every field below is always there; ticket numbers are strings. A document \
         that is an object carries \\fB\"version\": 1\\fR first; a document that is a list stays a bare \
         list (its version is this page's). The CSV of \\fBtix list \\-\\-csv\\fR has the same fields \
         under the same names (lists joined with \", \"), after the columns created, from and subject \
         it always had. A field \
         inside a list of objects is written \\fIlist\\fB[].\\fIfield\\fR. Fields are only ever added; \
         a field that changes its meaning gets a new name. A test holds this page to what tix prints.\n",
    );
    for doc in DOCUMENTS {
        out.push_str(&format!(
            ".SH {}\n{}\n",
            esc(&doc.command.to_uppercase()),
            esc(doc.about)
        ));
        for (name, about) in fields_of(doc) {
            out.push_str(&format!(".TP\n\\fB{}\\fR\n{}\n", esc(name), esc(about)));
        }
    }
    out.push_str(".SH SEE ALSO\n\\fBtix\\fR(1), \\fBtix\\-query\\fR(7), \\fBtix\\-config\\fR(5)\n");
    out
}
