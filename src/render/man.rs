//! What every man page says beyond its options: EXIT STATUS, ENVIRONMENT
//! and EXAMPLES (the README's examples are the seed).

/// Examples per page name (`tix-move`); a nested command without its own
/// takes its parent's.
pub(crate) const EXAMPLES: &[(&str, &[(&str, &str)])] = &[
    ("tix", &[
        ("tix init", "Write a commented example config and create the store."),
        ("tix fetch && tix list", "Import new mail from the configured accounts and list the open tickets."),
    ]),
    ("tix-person-export", &[
        ("tix person export erika@example.org --to auskunft-erika", "Everything tix holds about Erika, for her request for access."),
    ]),
    ("tix-person-erase", &[
        ("tix person erase 4711 --dry-run", "What erasing contact 4711 (all its addresses) would delete."),
        ("tix person erase 4711 && tix store compact", "Erase the person, then remove the deleted bytes from the store's files."),
    ]),
    ("tix-store-roles", &[
        ("tix store roles", "Each agent's database role and the queues hidden from it."),
        ("tix config apply && tix store roles --sync", "Put a changed queue access in force, in tix and in PostgreSQL's row-level security."),
    ]),
    ("tix-store-compact", &[
        ("tix purge --older-than 30 && tix store compact", "Purge deleted tickets and remove their bytes from the store's files."),
    ]),
    ("tix-report", &[
        ("tix report", "Last month's figures per queue, as a table."),
        ("tix report --from 2026-01-01 --to 2026-12-31 --by month --format csv > 2026.csv", "A year by month, for a spreadsheet."),
        ("tix report --format html --mail vorstand@example.org", "Mail last month's page with charts to the board (cron, on the first of the month)."),
    ]),
    ("tix-import-otrs", &[
        ("tix import otrs 'mysql://otrs:PASSWORD@db.example/otrs' --article-dir /opt/otrs/var/article --dry-run", "Count what would come from the OTRS database, write nothing."),
        ("tix import otrs 'mysql://otrs:PASSWORD@db.example/otrs' --article-dir /opt/otrs/var/article --write-config ~/otrs-config", "Import every ticket with its raw mail and write the queues, statuses, agents and snippets found as YAML to review."),
        ("tix import otrs 'postgres://otrs@db.example/otrs' --since 2026-12-01", "On switch-over day: the tickets changed since the first import."),
    ]),
    ("tix-import-osticket", &[
        ("tix import osticket 'mysql://osticket:PASSWORD@db.example/osticket' --dry-run", "Count what would come from the osTicket database, write nothing."),
        ("tix import osticket 'mysql://osticket:PASSWORD@db.example/osticket' --attachment-dir /var/osticket/files", "Import every ticket, its mail rebuilt from what osTicket kept, attachments from the database or the filesystem plugin's folder."),
    ]),
    ("tix-init", &[
        ("tix init", "The example config in $XDG_CONFIG_HOME/tix and a store."),
        ("tix init --store-only", "Only the store, for a config that is already there."),
    ]),
    ("tix-config", &[
        ("tix config check", "Every problem as file:line:column: message; exit 2 if any."),
        ("tix config paths", "Where tix looks for the config and the store."),
    ]),
    ("tix-ingest", &[
        ("presse: \"|/usr/local/bin/tix --config /etc/tix --db /var/lib/tix/tix.db ingest --queue Presse\"",
         "An /etc/aliases line. Postfix runs the pipe as the owner of the aliases file (often nobody), with no HOME and no TIX_* variables: name the config and the store, and let that user write the store and its folder. Exit 75 (no store, a config error, a busy store, a full disk) makes the MTA keep the mail and try again; 65 refuses the message itself (over max_message_mb)."),
        ("tix ingest < message.eml", "Store one message from standard input."),
    ]),
    ("tix-fetch", &[
        ("*/5 * * * *  tix fetch", "A crontab line: silent when all is well."),
        ("tix fetch --watch", "Stay connected and import mail as it arrives (IMAP IDLE), e.g. as a systemd service."),
        ("tix fetch --mbox archive-2025.mbox --queue Archiv", "Import an archive into one queue; no auto-replies."),
    ]),
    ("tix-new", &[("tix new --from erika@example.org --subject 'Anruf: Austritt' --channel phone -m 'Rückruf erbeten'", "Open a ticket for a phone call.")]),
    ("tix-list", &[
        ("tix list queue:Presse is:unseen", "New mail in the press queue since the responsible looked."),
        ("tix list --json | jq -r '.[].number'", "Ticket numbers for a script."),
    ]),
    ("tix-search", &[("tix search 'Satzung OR Beitragsordnung' age:<30d", "Full text with fields (tix-query(7)).")]),
    ("tix-show", &[
        ("tix show 731", "A ticket by the tail of its number: articles, history."),
        ("tix show 731 --raw 1 > original.eml", "The first article's original message, byte for byte."),
    ]),
    ("tix-history", &[("tix history 731", "Every change: who, when, what.")]),
    ("tix-move", &[
        ("tix move 731 LV::Mitgliederdaten", "Move a ticket."),
        ("tix move --where 'from:MAILER-DAEMON state:new' LV::Mitgliederdaten --dry-run", "What a bulk move would change."),
    ]),
    ("tix-assign", &[("tix assign 731 732 anna", "Make anna the owner.")]),
    ("tix-responsible", &[("tix responsible 731 ben -m 'Ben, kannst du antworten?'", "Hand over with a note (ben is notified if he asked to be).")]),
    ("tix-lock", &[("tix lock 731", "Lock a ticket to yourself while you work on it.")]),
    ("tix-unlock", &[("tix unlock 731", "Release your lock (or someone's, with --force).")]),
    ("tix-state", &[("tix state 731 waiting-for-customer --until 2026-12-15", "Wait for the customer until a date.")]),
    ("tix-priority", &[("tix priority 731 high", "Raise the priority.")]),
    ("tix-tag", &[("tix tag 731 +austritt -neu", "Add and remove tags.")]),
    ("tix-customer", &[("tix customer 731 'Erika Muster <erika@example.org>'", "A board member forwarded Erika's mail: answer her, not the board member.")]),
    ("tix-note", &[("tix note 731 -m 'Rückruf vereinbart' --channel phone-out", "Record a call.")]),
    ("tix-reply", &[
        ("tix reply 731 -m 'Die Satzung hängt an.' --attach satzung.pdf --quote", "Answer with an attachment, quoting the customer."),
        ("tix reply 731 --snippet eingang --draft -", "Show the message without sending it."),
    ]),
    ("tix-forward", &[("tix forward 731 --to vorstand@example.org -m 'Zur Kenntnis'", "Forward with the original attached.")]),
    ("tix-merge", &[("tix merge 731 732 --oldest", "Merge into the older of the two.")]),
    ("tix-close", &[("tix close 731 -m 'Erledigt'", "Close as successful with a note.")]),
    ("tix-reopen", &[("tix reopen 731", "Open a closed ticket again.")]),
    ("tix-delete", &[("tix delete 731", "Hide a ticket everywhere; tix purge removes it later.")]),
    ("tix-purge", &[("tix purge --older-than 90 --dry-run", "What purging tickets deleted 90 days ago or earlier would remove.")]),
    ("tix-route", &[("tix route --explain message.eml", "Which rules match a message, and why.")]),
    ("tix-bounce-report", &[
        ("tix bounce-report @bounces --format addresses > remove.txt", "The hard-bounced addresses, one per line, for the member list."),
        ("tix bounce-report --path ~/Maildir/.Bounces --format csv", "Every failed address from a folder, with reason and counts."),
    ]),
    ("tix-snippet", &[("tix snippet render eingang --ticket 731", "A snippet as it would read for a ticket.")]),
    ("tix-quarantine", &[
        ("tix quarantine list", "Mail that could not be filed, and why."),
        ("tix quarantine retry 12", "File it again after fixing the cause."),
    ]),
    ("tix-outbox", &[
        ("tix outbox list", "Queued, sent and failed auto-replies and notifications."),
        ("tix outbox send", "Send what is due now."),
    ]),
];

fn examples_for(page: &str) -> &'static [(&'static str, &'static str)] {
    let mut name = page;
    loop {
        if let Some((_, e)) = EXAMPLES.iter().find(|(n, _)| *n == name) {
            return e;
        }
        match name.rsplit_once('-') {
            Some((parent, _)) => name = parent,
            None => return &[],
        }
    }
}

/// Roff text: backslashes and hyphens escaped, quotes and non-ASCII
/// letters as named glyphs (man pages are read in any locale).
fn esc(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '-' => out.push_str("\\-"),
            '\'' => out.push_str("\\(aq"),
            c if c.is_ascii() => out.push(c),
            c => out.push_str(&format!("\\[u{:04X}]", c as u32)),
        }
    }
    out
}

/// EXIT STATUS, ENVIRONMENT and EXAMPLES for the page `page`, in roff.
pub fn extra_sections(page: &str) -> String {
    let mut out = String::from(".SH \"EXIT STATUS\"\n");
    let codes: &[(&str, &str)] = if page == "tix-ingest" {
        &[
            ("0", "The message is stored (quarantine included)."),
            ("65", "The message itself cannot be taken (over max_message_mb); the MTA bounces it."),
            ("75", "Anything else: no store, a config error, permissions, a busy store, a full disk, a crash. The MTA keeps the message and retries."),
        ]
    } else {
        &[
            ("0", "Success."),
            (
                "1",
                "Failure: refused or impossible (no such ticket, a lock, a server that said no).",
            ),
            ("2", "A mistake on the command line or in the config."),
            (
                "65",
                "Input that cannot be used (quarantined mail after fetch).",
            ),
            (
                "75",
                "Temporary: the store is busy, a server is down; try again later.",
            ),
        ]
    };
    for (code, what) in codes {
        out.push_str(&format!(".TP\n\\fB{code}\\fR\n{}\n", esc(what)));
    }
    out.push_str(".SH ENVIRONMENT\n");
    for (var, what) in [
        ("TIX_DB", "The store file (--db)."),
        ("TIX_CONFIG", "The config file or folder (--config)."),
        ("TIX_AGENT", "The acting agent (--as), else the login name."),
        (
            "TIX_BUSY_TIMEOUT_MS",
            "How long to wait for another writer (default 10000).",
        ),
        (
            "TIX_PASSWORD_COMMAND_TIMEOUT",
            "Seconds a password_command may take (default 30).",
        ),
        (
            "TIX_IMAP_TIMEOUT",
            "Seconds a silent IMAP server is waited for (default 60).",
        ),
        (
            "TIX_WAL_CHECKPOINT_MB",
            "During a long import into an SQLite store, the write-ahead log is copied into the store and started over once it holds this many megabytes (default 128).",
        ),
        (
            "TIX_NOW",
            "The clock: seconds since 1970 or an RFC 3339 time (tests, replaying a run).",
        ),
        (
            "VISUAL, EDITOR",
            "The editor for texts not given otherwise.",
        ),
    ] {
        out.push_str(&format!(".TP\n\\fB{var}\\fR\n{}\n", esc(what)));
    }
    let examples = examples_for(page);
    if !examples.is_empty() {
        out.push_str(".SH EXAMPLES\n");
        for (command, what) in examples {
            out.push_str(&format!(".TP\n\\fB{}\\fR\n{}\n", esc(command), esc(what)));
        }
    }
    out
}
/// tix-config(5), in roff, from the keys config/reference.rs describes.
pub fn config_page() -> String {
    use crate::config::reference::{keys, SECTIONS};
    let esc = |s: &str| s.replace('\\', "\\\\").replace('-', "\\-");
    let mut out = String::from(
        ".TH TIX-CONFIG 5 \"\" \"tix\" \"File Formats\"\n\
         .SH NAME\ntix\\-config \\- the YAML configuration of tix\n\
         .SH DESCRIPTION\nA folder of *.yaml files (or one file), read in name order and merged: \
         \\fI$XDG_CONFIG_HOME/tix/\\fR, or \\fB\\-\\-config\\fR / \\fBTIX_CONFIG\\fR. With no \
         configuration tix runs on built\\-in defaults. Lists (queues, agents, rules, ...) are joined \
         across files; a setting given in two files is an error. Every mistake is reported as \
         \\fIfile:line:column: message\\fR by \\fBtix config check\\fR.\n",
    );
    for (prefix, title) in SECTIONS {
        out.push_str(&format!(".SH {}\n", title.to_uppercase()));
        // A key deeper than the section's (rules[].if.all in rules[].) has
        // its own section.
        let in_section = keys()
            .filter(|k| k.path.starts_with(prefix) && !k.path[prefix.len()..].contains(['.', '[']));
        for k in in_section {
            let default = if k.default.is_empty() {
                String::new()
            } else {
                format!("; default: {}", esc(k.default))
            };
            out.push_str(&format!(
                ".TP\n\\fB{}\\fR ({}{default})\n{}\n",
                esc(k.path),
                esc(k.kind),
                esc(k.about)
            ));
        }
    }
    out.push_str(
        ".SH SEE ALSO\n\\fBtix\\fR(1), \\fBtix\\-config\\-check\\fR(1), \\fBtix\\-query\\fR(7)\n",
    );
    out
}

#[cfg(test)]
mod config_page_tests {
    #[test]
    fn every_described_key_is_on_the_page() {
        let page = super::config_page();
        for k in crate::config::reference::keys() {
            assert!(
                page.contains(&k.path.replace('-', "\\-")),
                "{} not on the page",
                k.path
            );
        }
    }
}
