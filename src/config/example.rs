//! The commented example configuration `tix init` writes.

pub const EXAMPLE: &str = r##"# tix configuration. Every *.yaml file in this folder is read and merged;
# split queues, agents and statuses into files of their own if you like.
# Check it with `tix config check`: problems are reported as file:line:column.

# Two digits in every ticket number (YYYYMMDD + system id + counter + check digit).
# Keep the id of an earlier OTRS so old numbers keep matching.
system_id: 10

# Outgoing subjects carry "[Ticket#2013070410000731]"; replies with that tag
# land on their ticket.
subject_hook: "Ticket#"

# Mail that matches no queue address lands here (default: the first queue).
default_queue: Inbox

# Queues: a name, an optional parent (nested names are written "LV::Presse"),
# and the addresses whose mail arrives in the queue.
queues:
  - name: Inbox
    addresses: [info@example.org]
  - name: Presse
    addresses: [presse@example.org]
    # Mail to a closed ticket: reopen (default), zombie (added, stays
    # closed as "closed zombie"), or new-ticket.
    on_closed_followup: zombie
    # Escalation times (tix maintain tells the owner; tix dashboard shows
    # them), counted in a calendar's working hours; a nested queue uses its
    # parent's. Retention: closed tickets deleted, deleted ones purged.
    # escalation: { first_response: 4h, update: 16h, solution: 40h, calendar: office, warn_at: 80% }
    # delete_closed_after: 365d
    # purge_after: 30d
  - name: LV
  - name: Mitglieder
    parent: LV
    addresses: [mitglieder@example.org]

# Working hours for escalation times, in the calendar's own time zone.
# calendars:
#   - name: office
#     zone: Europe/Berlin
#     hours: { mon-fri: "09:00-17:00" }
#     holidays: [2026-12-24, 12-25, 12-26]   # MM-DD: every year

# Agents: the name used with --as / TIX_AGENT and on the command line.
agents:
  - name: anna
    full_name: Anna Beispiel
    email: anna@example.org

# Saved searches, used in queries as @name: tix list @bounces
searches:
  bounces: "from:MAILER-DAEMON"

# Mail accounts for `tix fetch` (cron), and the SMTP server replies,
# auto-replies and notifications go out through. Passwords come from the
# environment, a command or a file, never from here. Remove the "# " to use.
# accounts:
#   - name: info
#     host: imap.example.org
#     tls: implicit               # implicit (993) | starttls (143) | none + insecure: true
#     user: info@example.org
#     password_env: TIX_INFO_PASSWORD
#     folders: [INBOX]
#     after_import: seen          # keep | seen | delete | move:Archiv
# smtp:
#   host: smtp.example.org
#   tls: starttls                 # port 587
#   user: info@example.org
#   password_env: TIX_INFO_PASSWORD
#   from: "Verein e.V. <info@example.org>"
# auto_reply_limit: 1             # auto-replies per sender in 24 hours
# outbox_budget_seconds: 5        # fetch/ingest send queued mail this long, then leave it queued

# A message over this size is quarantined, its first max_message_mb kept.
# max_message_mb: 25

# A lock lapses after this many minutes; a note locks the ticket to its writer.
lock_minutes: 60
lock_on_note: true

# Statuses map a name to one of the state types
# new, open, pending-reminder, pending-auto-close, closed, merged, removed.
# Leave this out to use the built-in set shown here. "next" lists the
# statuses a ticket may go to from one (all, when left out), e.g.
#   - { name: new, type: new, next: [open, closed spam] }
# "pending_for" is the date a pending status gets when none is given.
# `tix maintain` (cron) acts on pending dates: "on_due" sets a due reminder
# back to an open status, "closes_to" is where an auto-close ends (default
# the first closed status), "answer" a snippet mailed to the customer then.
# statuses:
#   - { name: new, type: new }
#   - { name: open, type: open }
#   - { name: in progress, type: open }
#   - { name: clarify, type: open }
#   - { name: waiting for customer, type: pending-reminder, pending_for: 3d, on_due: open }
#   - { name: waiting internal, type: pending-reminder, pending_for: 3d }
#   - { name: pending auto close, type: pending-auto-close, pending_for: 3d, closes_to: closed successful }
#   - { name: closed successful, type: closed }
#   - { name: closed unsuccessful, type: closed }
#   - { name: closed spam, type: closed }
#   - { name: closed zombie, type: closed }
#   - { name: merged, type: merged }
#   - { name: deleted, type: removed }
"##;
