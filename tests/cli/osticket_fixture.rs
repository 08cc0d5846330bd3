//! An osTicket-shaped database for the import tests (MySQL/MariaDB, as
//! osTicket runs on nothing else), built here from the table and column
//! names of osTicket's install schema: nested departments, statuses, a
//! staff member, a user, a ticket whose thread holds a mail with its kept
//! header block, an HTML body and two attachments (one in file_chunk in two
//! chunks, one in the filesystem plugin's folder), a response and a note;
//! a second ticket from the web form merged into the first.

use std::path::Path;

pub const PDF: &[u8] = b"%PDF-1.4 Kontoauszug";

pub fn statements() -> Vec<String> {
    let chunk = |b: &[u8]| {
        format!(
            "X'{}'",
            b.iter().map(|x| format!("{x:02x}")).collect::<String>()
        )
    };
    vec![
        "CREATE TABLE ost_department (id INT PRIMARY KEY, pid INT NULL, name VARCHAR(128) NOT NULL, signature TEXT NOT NULL, path VARCHAR(128) NOT NULL DEFAULT '/', created DATETIME NOT NULL, updated DATETIME NOT NULL)".into(),
        "CREATE TABLE ost_ticket_status (id INT PRIMARY KEY, name VARCHAR(60) NOT NULL, state VARCHAR(16) NULL, mode INT NOT NULL DEFAULT 0, flags INT NOT NULL DEFAULT 0, sort INT NOT NULL DEFAULT 0, properties TEXT NOT NULL, created DATETIME NOT NULL, updated DATETIME NOT NULL)".into(),
        "CREATE TABLE ost_staff (staff_id INT PRIMARY KEY, dept_id INT NOT NULL DEFAULT 0, username VARCHAR(32) NOT NULL, firstname VARCHAR(32) NULL, lastname VARCHAR(32) NULL, email VARCHAR(128) NULL, signature TEXT NOT NULL, isactive TINYINT NOT NULL DEFAULT 1, created DATETIME NOT NULL, updated DATETIME NOT NULL)".into(),
        "CREATE TABLE ost_user (id INT PRIMARY KEY, org_id INT NOT NULL, default_email_id INT NOT NULL, status INT NOT NULL DEFAULT 0, name VARCHAR(128) NOT NULL, created DATETIME NOT NULL, updated DATETIME NOT NULL)".into(),
        "CREATE TABLE ost_user_email (id INT PRIMARY KEY, user_id INT NOT NULL, flags INT NOT NULL DEFAULT 0, address VARCHAR(255) NOT NULL)".into(),
        "CREATE TABLE ost_ticket_priority (priority_id TINYINT PRIMARY KEY, priority VARCHAR(60) NOT NULL, priority_desc VARCHAR(30) NOT NULL, priority_color VARCHAR(7) NOT NULL, priority_urgency TINYINT NOT NULL, ispublic TINYINT NOT NULL DEFAULT 1)".into(),
        "CREATE TABLE ost_ticket (ticket_id INT PRIMARY KEY, ticket_pid INT NULL, number VARCHAR(20), user_id INT NOT NULL DEFAULT 0, user_email_id INT NOT NULL DEFAULT 0, status_id INT NOT NULL DEFAULT 0, dept_id INT NOT NULL DEFAULT 0, sla_id INT NOT NULL DEFAULT 0, topic_id INT NOT NULL DEFAULT 0, staff_id INT NOT NULL DEFAULT 0, team_id INT NOT NULL DEFAULT 0, email_id INT NOT NULL DEFAULT 0, lock_id INT NOT NULL DEFAULT 0, flags INT NOT NULL DEFAULT 0, ip_address VARCHAR(64) NOT NULL DEFAULT '', source ENUM('Web','Email','Phone','API','Other') NOT NULL DEFAULT 'Other', isoverdue TINYINT NOT NULL DEFAULT 0, isanswered TINYINT NOT NULL DEFAULT 0, duedate DATETIME NULL, est_duedate DATETIME NULL, reopened DATETIME NULL, closed DATETIME NULL, lastupdate DATETIME NULL, created DATETIME NOT NULL, updated DATETIME NOT NULL)".into(),
        "CREATE TABLE ost_ticket__cdata (ticket_id INT PRIMARY KEY, subject MEDIUMTEXT, priority MEDIUMTEXT)".into(),
        "CREATE TABLE ost_thread (id INT PRIMARY KEY, object_id INT NOT NULL, object_type CHAR(1) NOT NULL, extra TEXT, created DATETIME NOT NULL)".into(),
        "CREATE TABLE ost_thread_entry (id INT PRIMARY KEY, pid INT NOT NULL DEFAULT 0, thread_id INT NOT NULL DEFAULT 0, staff_id INT NOT NULL DEFAULT 0, user_id INT NOT NULL DEFAULT 0, type CHAR(1) NOT NULL DEFAULT '', flags INT NOT NULL DEFAULT 0, poster VARCHAR(128) NOT NULL DEFAULT '', editor INT NULL, editor_type CHAR(1) NULL, source VARCHAR(32) NOT NULL DEFAULT '', title VARCHAR(255), body TEXT NOT NULL, format VARCHAR(16) NOT NULL DEFAULT 'html', ip_address VARCHAR(64) NOT NULL DEFAULT '', created DATETIME NOT NULL, updated DATETIME NOT NULL, KEY thread_id (thread_id))".into(),
        "CREATE TABLE ost_thread_entry_email (id INT PRIMARY KEY, thread_entry_id INT NOT NULL, mid VARCHAR(255) NOT NULL, headers TEXT, KEY thread_entry_id (thread_entry_id))".into(),
        "CREATE TABLE ost_attachment (id INT PRIMARY KEY, object_id INT NOT NULL, type CHAR(1) NOT NULL, file_id INT NOT NULL, inline TINYINT NOT NULL DEFAULT 0, lang VARCHAR(16))".into(),
        "CREATE TABLE ost_file (id INT PRIMARY KEY, ft CHAR(1) NOT NULL DEFAULT 'T', bk CHAR(1) NOT NULL DEFAULT 'D', type VARCHAR(255) NOT NULL DEFAULT '', size BIGINT NOT NULL DEFAULT 0, `key` VARCHAR(86) NOT NULL, signature VARCHAR(86) NOT NULL, name VARCHAR(255) NOT NULL DEFAULT '', attrs VARCHAR(255), created DATETIME NOT NULL)".into(),
        "CREATE TABLE ost_file_chunk (file_id INT NOT NULL, chunk_id INT NOT NULL, filedata LONGBLOB NOT NULL, PRIMARY KEY (file_id, chunk_id))".into(),
        "CREATE TABLE ost_thread_event (id INT PRIMARY KEY, thread_id INT NOT NULL DEFAULT 0, staff_id INT NOT NULL, team_id INT NOT NULL, dept_id INT NOT NULL, topic_id INT NOT NULL, state ENUM('created','closed','reopened','assigned','transferred','overdue','edited','viewed','error','collab','resent') NOT NULL, data VARCHAR(1024) NULL, username VARCHAR(128) NOT NULL DEFAULT 'SYSTEM', uid INT NULL, uid_type CHAR(1) NOT NULL DEFAULT 'S', annulled TINYINT NOT NULL DEFAULT 0, timestamp DATETIME NOT NULL)".into(),
        "INSERT INTO ost_department VALUES (1, NULL, 'Support', '', '/1/', NOW(), NOW()), (2, NULL, 'Mitglieder', '', '/2/', NOW(), NOW()), (3, 2, 'Beiträge', '', '/2/3/', NOW(), NOW())".into(),
        "INSERT INTO ost_ticket_status VALUES (1, 'Open', 'open', 0, 0, 1, '{}', NOW(), NOW()), (2, 'Resolved', 'closed', 0, 0, 2, '{}', NOW(), NOW()), (3, 'Closed', 'closed', 0, 0, 3, '{}', NOW(), NOW()), (4, 'Archived', 'archived', 0, 0, 4, '{}', NOW(), NOW()), (5, 'Deleted', 'deleted', 0, 0, 5, '{}', NOW(), NOW())".into(),
        "INSERT INTO ost_staff VALUES (1, 2, 'anna', 'Anna', 'Adler', 'anna@verein.example', '', 1, NOW(), NOW())".into(),
        "INSERT INTO ost_user VALUES (1, 0, 1, 0, 'Erika Müller', NOW(), NOW())".into(),
        "INSERT INTO ost_user_email VALUES (1, 1, 0, 'erika@kunde.example')".into(),
        "INSERT INTO ost_ticket_priority VALUES (1, 'low', 'Low', '#DDFFDD', 4, 1), (2, 'normal', 'Normal', '#FFFFF0', 3, 1), (3, 'high', 'High', '#FEE7E7', 2, 1), (4, 'emergency', 'Emergency', '#FEE7E7', 1, 1)".into(),
        "INSERT INTO ost_ticket (ticket_id, ticket_pid, number, user_id, status_id, dept_id, staff_id, source, created, updated) VALUES (1, NULL, '482913', 1, 1, 3, 1, 'Email', '2023-04-01 09:00:00', '2023-04-02 10:00:00')".into(),
        "INSERT INTO ost_ticket (ticket_id, ticket_pid, number, user_id, status_id, dept_id, staff_id, source, created, updated, closed) VALUES (2, 1, '519273', 1, 3, 1, 0, 'Web', '2023-04-01 12:00:00', '2023-04-01 13:00:00', '2023-04-01 13:00:00')".into(),
        "INSERT INTO ost_ticket__cdata VALUES (1, 'Beitrag doppelt abgebucht', '3'), (2, 'Nochmal der Beitrag', '2')".into(),
        "INSERT INTO ost_thread VALUES (1, 1, 'T', NULL, '2023-04-01 09:00:00'), (2, 2, 'T', NULL, '2023-04-01 12:00:00')".into(),
        "INSERT INTO ost_thread_entry (id, thread_id, user_id, type, poster, source, title, body, format, created, updated) VALUES (1, 1, 1, 'M', 'Erika Müller', 'Email', 'Beitrag doppelt abgebucht', '<p>Der Beitrag wurde <b>doppelt abgebucht</b>, bitte prüfen.</p>', 'html', '2023-04-01 09:00:00', '2023-04-01 09:00:00')".into(),
        "INSERT INTO ost_thread_entry_email VALUES (1, 1, '<os-1@kunde.example>', 'Return-Path: <erika@kunde.example>\\nFrom: =?UTF-8?Q?Erika_M=C3=BCller?= <erika@kunde.example>\\nTo: mitglieder@verein.example\\nSubject: Beitrag doppelt abgebucht\\nDate: Sat, 1 Apr 2023 11:00:00 +0200\\nMessage-ID: <os-1@kunde.example>\\nMIME-Version: 1.0\\nContent-Type: multipart/alternative;\\n boundary=\"old\"\\n')".into(),
        "INSERT INTO ost_thread_entry (id, thread_id, staff_id, type, poster, source, title, body, format, created, updated) VALUES (2, 1, 1, 'R', 'Anna Adler', '', 'Re: Beitrag doppelt abgebucht', 'Wir erstatten den Betrag.', 'text', '2023-04-02 10:00:00', '2023-04-02 10:00:00')".into(),
        "INSERT INTO ost_thread_entry_email VALUES (2, 2, '<os-2@verein.example>', NULL)".into(),
        "INSERT INTO ost_thread_entry (id, thread_id, staff_id, type, poster, source, title, body, format, created, updated) VALUES (3, 1, 1, 'N', 'Anna Adler', '', 'Intern', 'Buchung geprüft, Rückbuchung veranlasst.', 'text', '2023-04-02 10:05:00', '2023-04-02 10:05:00')".into(),
        "INSERT INTO ost_thread_entry (id, thread_id, user_id, type, poster, source, title, body, format, created, updated) VALUES (4, 2, 1, 'M', 'Erika Müller', 'Web', 'Nochmal der Beitrag', 'Ist das angekommen?', 'text', '2023-04-01 12:00:00', '2023-04-01 12:00:00')".into(),
        "INSERT INTO ost_file VALUES (1, 'T', 'D', 'application/pdf', 20, 'k1', 's1', 'kontoauszug.pdf', NULL, NOW()), (2, 'T', 'F', 'text/plain', 6, 'abcdef123', 's2', 'beleg.txt', NULL, NOW())".into(),
        format!("INSERT INTO ost_file_chunk VALUES (1, 0, {}), (1, 1, {})", chunk(&PDF[..8]), chunk(&PDF[8..])),
        "INSERT INTO ost_attachment VALUES (1, 1, 'H', 1, 0, NULL), (2, 1, 'H', 2, 0, NULL)".into(),
        "INSERT INTO ost_thread_event VALUES (1, 1, 0, 0, 3, 0, 'created', NULL, 'SYSTEM', NULL, 'S', 0, '2023-04-01 09:00:00'), (2, 1, 1, 0, 3, 0, 'assigned', '{\"staff\":1}', 'anna', 1, 'S', 0, '2023-04-01 09:30:00'), (3, 2, 0, 0, 1, 0, 'created', NULL, 'SYSTEM', NULL, 'S', 0, '2023-04-01 12:00:00'), (4, 2, 1, 0, 1, 0, 'closed', NULL, 'anna', 1, 'S', 0, '2023-04-01 13:00:00')".into(),
    ]
}

/// The filesystem plugin's folder with the second attachment.
pub fn attachment_dir(root: &Path) {
    std::fs::create_dir_all(root.join("a")).unwrap();
    std::fs::write(root.join("a/abcdef123"), b"Beleg\n").unwrap();
}
