//! An OTRS-shaped database for the import tests, built here from the
//! table and column names of the OTRS 6 / Znuny schema (the columns tix
//! reads and those beside them): queues nested with `::`, the standard
//! states, agents, a customer user, mail kept in the database and in the
//! article folder, a note and a call without raw mail, attachments, a
//! merge, a parent/child link, a pending ticket, an AutoIncrement-style
//! number, umlauts in ISO-8859-1 and a ticket with 500 articles.

use std::path::Path;

#[derive(Clone, Copy, PartialEq)]
pub enum Dialect {
    MariaDb,
    Postgres,
}

impl Dialect {
    fn blob(self) -> &'static str {
        match self {
            Dialect::MariaDb => "LONGBLOB",
            Dialect::Postgres => "BYTEA",
        }
    }
    fn time(self) -> &'static str {
        match self {
            Dialect::MariaDb => "DATETIME",
            Dialect::Postgres => "TIMESTAMP(0)",
        }
    }
    fn id(self) -> &'static str {
        match self {
            Dialect::MariaDb => "BIGINT NOT NULL AUTO_INCREMENT",
            Dialect::Postgres => "BIGSERIAL",
        }
    }
    /// Bytes as a literal of this server's blob type.
    pub fn bytes(self, b: &[u8]) -> String {
        let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
        match self {
            Dialect::MariaDb => format!("X'{hex}'"),
            Dialect::Postgres => format!("decode('{hex}', 'hex')"),
        }
    }
}

/// Text as an SQL string literal (both servers: quotes doubled, and
/// MariaDB told not to read backslashes).
fn text(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

pub const ERIKA_MAIL: &[u8] = b"From: =?ISO-8859-1?Q?Erika_M=FCller?= <erika@kunde.example>\r\nTo: kasse@verein.example\r\nSubject: =?ISO-8859-1?Q?Beitragsr=FCckerstattung?= 2019\r\nDate: Mon, 4 Mar 2019 10:00:00 +0100\r\nMessage-ID: <erika-2019@kunde.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\nIch bitte um R\xfcckerstattung des doppelt gezahlten Beitrags f\xfcr 2019.\r\n";

pub const ANSWER_MAIL: &[u8] = b"From: Kasse <kasse@verein.example>\r\nTo: erika@kunde.example\r\nSubject: [Ticket#2019030410000011] Beitragsrueckerstattung 2019\r\nDate: Tue, 5 Mar 2019 09:00:00 +0100\r\nMessage-ID: <answer-2019@verein.example>\r\nIn-Reply-To: <erika-2019@kunde.example>\r\n\r\nDas Geld ist unterwegs.\r\n";

/// A mail with a PDF, kept in the article folder only (ArticleStorageFS).
pub const FILED_MAIL: &[u8] = b"From: max@kunde.example\r\nTo: presse@verein.example\r\nSubject: Pressefoto\r\nDate: Wed, 1 Jan 2020 12:00:00 +0000\r\nMessage-ID: <foto-2020@kunde.example>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"X\"\r\n\r\n--X\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nAnbei das Foto vom Sommerfest.\r\n--X\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"sommerfest.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--X--\r\n";

/// The SQL that builds the database, in the order to run it.
pub fn statements(d: Dialect) -> Vec<String> {
    let mut s = schema(d);
    s.extend(tickets(d));
    s
}

/// The tables with OTRS's standard rows (states, priorities, types) and
/// a few agents, queues and a customer user.
pub fn schema(d: Dialect) -> Vec<String> {
    let (blob, time, id) = (d.blob(), d.time(), d.id());
    let s: Vec<String> = [
        "CREATE TABLE valid (id SMALLINT PRIMARY KEY, name VARCHAR(200) NOT NULL)".to_string(),
        "CREATE TABLE users (id INTEGER PRIMARY KEY, login VARCHAR(200) NOT NULL, first_name VARCHAR(100) NOT NULL, last_name VARCHAR(100) NOT NULL, valid_id SMALLINT NOT NULL)".to_string(),
        "CREATE TABLE salutation (id SMALLINT PRIMARY KEY, name VARCHAR(200) NOT NULL, text TEXT NOT NULL, valid_id SMALLINT NOT NULL)".to_string(),
        "CREATE TABLE signature (id SMALLINT PRIMARY KEY, name VARCHAR(200) NOT NULL, text TEXT NOT NULL, valid_id SMALLINT NOT NULL)".to_string(),
        "CREATE TABLE queue (id INTEGER PRIMARY KEY, name VARCHAR(200) NOT NULL, group_id INTEGER NOT NULL, first_response_time INTEGER NULL, update_time INTEGER NULL, solution_time INTEGER NULL, system_address_id SMALLINT NOT NULL, calendar_name VARCHAR(100) NULL, salutation_id SMALLINT NOT NULL, signature_id SMALLINT NOT NULL, follow_up_id SMALLINT NOT NULL, follow_up_lock SMALLINT NOT NULL, valid_id SMALLINT NOT NULL)".to_string(),
        "CREATE TABLE ticket_priority (id SMALLINT PRIMARY KEY, name VARCHAR(200) NOT NULL, valid_id SMALLINT NOT NULL)".to_string(),
        "CREATE TABLE ticket_state_type (id SMALLINT PRIMARY KEY, name VARCHAR(200) NOT NULL)".to_string(),
        "CREATE TABLE ticket_state (id SMALLINT PRIMARY KEY, name VARCHAR(200) NOT NULL, type_id SMALLINT NOT NULL, valid_id SMALLINT NOT NULL)".to_string(),
        format!("CREATE TABLE ticket (id BIGINT PRIMARY KEY, tn VARCHAR(50) NOT NULL, title VARCHAR(255) NULL, queue_id INTEGER NOT NULL, ticket_lock_id SMALLINT NOT NULL, user_id INTEGER NOT NULL, responsible_user_id INTEGER NOT NULL, ticket_priority_id SMALLINT NOT NULL, ticket_state_id SMALLINT NOT NULL, customer_id VARCHAR(150) NULL, customer_user_id VARCHAR(250) NULL, timeout INTEGER NOT NULL, until_time INTEGER NOT NULL, archive_flag SMALLINT NOT NULL DEFAULT 0, create_time {time} NOT NULL, create_by INTEGER NOT NULL, change_time {time} NOT NULL, change_by INTEGER NOT NULL)"),
        "CREATE TABLE ticket_history_type (id SMALLINT PRIMARY KEY, name VARCHAR(200) NOT NULL)".to_string(),
        format!("CREATE TABLE ticket_history (id {id}, name VARCHAR(200) NOT NULL, history_type_id SMALLINT NOT NULL, ticket_id BIGINT NOT NULL, article_id BIGINT NULL, type_id SMALLINT NOT NULL, queue_id INTEGER NOT NULL, owner_id INTEGER NOT NULL, priority_id SMALLINT NOT NULL, state_id SMALLINT NOT NULL, create_time {time} NOT NULL, create_by INTEGER NOT NULL, PRIMARY KEY (id))"),
        "CREATE TABLE article_sender_type (id SMALLINT PRIMARY KEY, name VARCHAR(200) NOT NULL)".to_string(),
        "CREATE TABLE communication_channel (id BIGINT PRIMARY KEY, name VARCHAR(200) NOT NULL)".to_string(),
        format!("CREATE TABLE article (id BIGINT PRIMARY KEY, ticket_id BIGINT NOT NULL, article_sender_type_id SMALLINT NOT NULL, communication_channel_id BIGINT NOT NULL, is_visible_for_customer SMALLINT NOT NULL, create_time {time} NOT NULL, create_by INTEGER NOT NULL, change_time {time} NOT NULL, change_by INTEGER NOT NULL)"),
        format!("CREATE TABLE article_data_mime (id {id}, article_id BIGINT NOT NULL, a_from TEXT NULL, a_reply_to TEXT NULL, a_to TEXT NULL, a_cc TEXT NULL, a_subject TEXT NULL, a_message_id TEXT NULL, a_in_reply_to TEXT NULL, a_references TEXT NULL, a_content_type VARCHAR(250) NULL, a_body TEXT NULL, incoming_time INTEGER NOT NULL, content_path VARCHAR(250) NULL, PRIMARY KEY (id))"),
        format!("CREATE TABLE article_data_mime_plain (id {id}, article_id BIGINT NOT NULL, body {blob} NOT NULL, PRIMARY KEY (id))"),
        format!("CREATE TABLE article_data_mime_attachment (id {id}, article_id BIGINT NOT NULL, filename VARCHAR(250) NULL, content_size VARCHAR(30) NULL, content_type TEXT NULL, content_id VARCHAR(250) NULL, disposition VARCHAR(15) NULL, content {blob} NULL, PRIMARY KEY (id))"),
        "CREATE TABLE link_object (id SMALLINT PRIMARY KEY, name VARCHAR(100) NOT NULL)".to_string(),
        "CREATE TABLE link_type (id SMALLINT PRIMARY KEY, name VARCHAR(50) NOT NULL)".to_string(),
        "CREATE TABLE link_state (id SMALLINT PRIMARY KEY, name VARCHAR(50) NOT NULL)".to_string(),
        format!("CREATE TABLE link_relation (source_object_id SMALLINT NOT NULL, source_key VARCHAR(50) NOT NULL, target_object_id SMALLINT NOT NULL, target_key VARCHAR(50) NOT NULL, type_id SMALLINT NOT NULL, state_id SMALLINT NOT NULL, create_time {time} NOT NULL, create_by INTEGER NOT NULL)"),
        "CREATE TABLE customer_user (id INTEGER PRIMARY KEY, login VARCHAR(200) NOT NULL, email VARCHAR(150) NOT NULL, customer_id VARCHAR(150) NOT NULL, first_name VARCHAR(100) NOT NULL, last_name VARCHAR(100) NOT NULL, valid_id SMALLINT NOT NULL)".to_string(),
        // The indexes OTRS has on what is read per ticket and article.
        "CREATE INDEX article_ticket_id ON article (ticket_id)".into(),
        "CREATE INDEX article_data_mime_article_id ON article_data_mime (article_id)".into(),
        "CREATE INDEX article_data_mime_plain_article_id ON article_data_mime_plain (article_id)".into(),
        "CREATE INDEX article_data_mime_attachment_article_id ON article_data_mime_attachment (article_id)".into(),
        "CREATE INDEX ticket_history_ticket_id ON ticket_history (ticket_id)".into(),
        "INSERT INTO valid VALUES (1, 'valid'), (2, 'invalid')".into(),
        "INSERT INTO users VALUES (1, 'root@localhost', 'Admin', 'OTRS', 1), (2, 'anna', 'Anna', 'Adler', 1), (3, 'bert', 'Bert', 'Bär', 1)".into(),
        "INSERT INTO salutation VALUES (1, 'Anrede Mitglieder', 'Liebe(r) {{ customer_name }},', 1)".into(),
        "INSERT INTO signature VALUES (1, 'Gruß Kasse', 'Ihre Kasse', 1)".into(),
        "INSERT INTO queue VALUES (1, 'Raw', 1, 0, 0, 0, 1, NULL, 1, 1, 1, 0, 1), (2, 'Mitglieder', 1, 240, 0, 2880, 1, NULL, 1, 1, 1, 0, 1), (3, 'Mitglieder::Beiträge', 1, 0, 0, 0, 1, NULL, 1, 1, 1, 0, 1), (4, 'Presse', 1, 0, 0, 0, 1, NULL, 1, 1, 1, 0, 1)".into(),
        "INSERT INTO ticket_priority VALUES (1, '1 very low', 1), (2, '2 low', 1), (3, '3 normal', 1), (4, '4 high', 1), (5, '5 very high', 1)".into(),
        "INSERT INTO ticket_state_type VALUES (1, 'new'), (2, 'open'), (3, 'closed'), (4, 'pending reminder'), (5, 'pending auto'), (6, 'removed'), (7, 'merged')".into(),
        "INSERT INTO ticket_state VALUES (1, 'new', 1, 1), (2, 'closed successful', 3, 1), (3, 'closed unsuccessful', 3, 1), (4, 'open', 2, 1), (5, 'removed', 6, 1), (6, 'pending reminder', 4, 1), (7, 'pending auto close+', 5, 1), (8, 'pending auto close-', 5, 1), (9, 'merged', 7, 1)".into(),
        "INSERT INTO ticket_history_type VALUES (1, 'NewTicket'), (2, 'FollowUp'), (3, 'SendAnswer'), (4, 'Move'), (5, 'StateUpdate'), (6, 'OwnerUpdate'), (7, 'Merged'), (8, 'AddNote'), (9, 'PhoneCallCustomer')".into(),
        "INSERT INTO article_sender_type VALUES (1, 'agent'), (2, 'system'), (3, 'customer')".into(),
        "INSERT INTO communication_channel VALUES (1, 'Email'), (2, 'Phone'), (3, 'Internal')".into(),
        "INSERT INTO link_object VALUES (1, 'Ticket')".into(),
        "INSERT INTO link_type VALUES (1, 'Normal'), (2, 'ParentChild')".into(),
        "INSERT INTO link_state VALUES (1, 'Valid')".into(),
        "INSERT INTO customer_user VALUES (1, 'erika', 'erika@kunde.example', 'OV Nord', 'Erika', 'Müller', 1)".into(),
    ]
    .into_iter()
    .collect();
    s
}

/// The six tickets the tests look at.
fn tickets(d: Dialect) -> Vec<String> {
    let mut s: Vec<String> = [
        // 1: closed, two mails kept in the database.
        "INSERT INTO ticket VALUES (1, '2019030410000011', 'Beitragsrückerstattung 2019', 3, 1, 2, 2, 3, 2, 'OV Nord', 'erika', 0, 0, 0, '2019-03-04 09:00:00', 1, '2019-03-05 08:30:00', 2)".into(),
        // 2: open, owned by anna, a filed mail and a note with an attachment.
        "INSERT INTO ticket VALUES (2, '2020010110000022', 'Pressefoto', 4, 1, 2, 2, 4, 4, NULL, 'max@kunde.example', 0, 0, 0, '2020-01-01 12:00:00', 1, '2020-01-02 10:00:00', 2)".into(),
        // 3: AutoIncrement number, pending reminder, a phone call.
        "INSERT INTO ticket VALUES (3, '1000123', 'Rückruf Ummeldung', 2, 1, 3, 3, 4, 6, NULL, 'erika', 0, 1767225600, 0, '2021-05-01 08:00:00', 3, '2021-05-01 08:10:00', 3)".into(),
        // 4: merged into 1.
        "INSERT INTO ticket VALUES (4, '2019030510000044', 'Nochmal Beitrag', 3, 1, 1, 1, 3, 9, NULL, 'erika', 0, 0, 0, '2019-03-05 07:00:00', 1, '2019-03-05 08:00:00', 2)".into(),
        // 5: a child of 2.
        "INSERT INTO ticket VALUES (5, '2020010210000055', 'Bildrechte klären', 4, 1, 2, 2, 3, 4, NULL, NULL, 0, 0, 0, '2020-01-02 09:00:00', 2, '2020-01-02 09:00:00', 2)".into(),
        // 6: a long thread.
        "INSERT INTO ticket VALUES (6, '2022020210000066', 'Langer Faden', 2, 1, 1, 1, 3, 4, NULL, 'erika', 0, 0, 0, '2022-02-02 08:00:00', 1, '2022-02-03 08:00:00', 1)".into(),
    ]
    .into_iter()
    .collect();
    let article = |id: i64, ticket: i64, sender: i64, channel: i64, at: &str, by: i64| {
        format!("INSERT INTO article VALUES ({id}, {ticket}, {sender}, {channel}, 1, '{at}', {by}, '{at}', {by})")
    };
    let mime = |article: i64,
                from: &str,
                to: &str,
                subject: &str,
                message_id: &str,
                body: &str,
                path: &str| {
        format!(
            "INSERT INTO article_data_mime (article_id, a_from, a_to, a_subject, a_message_id, a_body, incoming_time, content_path) VALUES ({article}, {}, {}, {}, {}, {}, 0, {})",
            text(from), text(to), text(subject), text(message_id), text(body), text(path)
        )
    };
    let plain = |article: i64, raw: &[u8]| {
        format!(
            "INSERT INTO article_data_mime_plain (article_id, body) VALUES ({article}, {})",
            d.bytes(raw)
        )
    };
    let history = |ticket: i64, kind: i64, name: &str, at: &str, by: i64| {
        format!("INSERT INTO ticket_history (name, history_type_id, ticket_id, type_id, queue_id, owner_id, priority_id, state_id, create_time, create_by) VALUES ({}, {kind}, {ticket}, 1, 1, 1, 3, 1, '{at}', {by})", text(name))
    };
    s.extend([
        article(1, 1, 3, 1, "2019-03-04 09:00:00", 1),
        mime(1, "Erika Müller <erika@kunde.example>", "kasse@verein.example", "Beitragsrückerstattung 2019", "<erika-2019@kunde.example>", "Ich bitte um Rückerstattung", "2019/03/04"),
        plain(1, ERIKA_MAIL),
        article(2, 1, 1, 1, "2019-03-05 08:00:00", 2),
        mime(2, "Kasse <kasse@verein.example>", "erika@kunde.example", "[Ticket#2019030410000011] Beitragsrueckerstattung 2019", "<answer-2019@verein.example>", "Das Geld ist unterwegs.", "2019/03/05"),
        plain(2, ANSWER_MAIL),
        history(1, 1, "%%2019030410000011%%Mitglieder::Beiträge%%3%%3 normal%%1", "2019-03-04 09:00:00", 1),
        history(1, 3, "%%erika@kunde.example", "2019-03-05 08:00:00", 2),
        history(1, 5, "%%open%%closed successful%%", "2019-03-05 08:30:00", 2),
        // 2: the mail is in the article folder only; the note's file in the database.
        article(3, 2, 3, 1, "2020-01-01 12:00:00", 1),
        mime(3, "max@kunde.example", "presse@verein.example", "Pressefoto", "<foto-2020@kunde.example>", "Anbei das Foto", "2020/01/01"),
        article(4, 2, 1, 3, "2020-01-02 10:00:00", 2),
        mime(4, "Anna Adler", "", "Notiz", "", "Foto freigegeben, siehe Vermerk.", "2020/01/02"),
        format!("INSERT INTO article_data_mime_attachment (article_id, filename, content_size, content_type, disposition, content) VALUES (4, 'vermerk.txt', '12', 'text/plain', 'attachment', {})", d.bytes(b"freigegeben\n")),
        history(2, 1, "%%2020010110000022%%Presse%%3%%3 normal%%1", "2020-01-01 12:00:00", 1),
        history(2, 8, "%%Notiz", "2020-01-02 10:00:00", 2),
        // 3: a phone call, no raw mail.
        article(5, 3, 3, 2, "2021-05-01 08:00:00", 3),
        mime(5, "Erika Müller", "", "Anruf", "", "Bitte Rückruf wegen Ummeldung.", "2021/05/01"),
        history(3, 9, "%%1000123%%Mitglieder%%3%%3 normal%%6", "2021-05-01 08:00:00", 3),
        // 4: merged into 1.
        article(6, 4, 3, 1, "2019-03-05 07:00:00", 1),
        mime(6, "erika@kunde.example", "kasse@verein.example", "Nochmal Beitrag", "<nochmal@kunde.example>", "Nochmal wegen des Beitrags.", "2019/03/05"),
        history(4, 7, "%%2019030510000044%%4%%2019030410000011%%1", "2019-03-05 08:00:00", 2),
        // 5: no articles besides a note.
        article(7, 5, 1, 3, "2020-01-02 09:00:00", 2),
        mime(7, "Anna Adler", "", "Bildrechte", "", "Wer hat das Foto gemacht?", "2020/01/02"),
        "INSERT INTO link_relation VALUES (1, '2', 1, '5', 2, 1, '2020-01-02 09:00:00', 2)".into(),
        "INSERT INTO link_relation VALUES (1, '1', 1, '3', 1, 1, '2021-05-01 08:00:00', 3)".into(),
    ]);
    // 6: 500 mails, kept in the database.
    for n in 0..500i64 {
        let id = 100 + n;
        let at = format!("2022-02-02 {:02}:{:02}:00", 8 + n / 60, n % 60);
        let raw = format!("From: erika@kunde.example\r\nTo: kasse@verein.example\r\nSubject: Faden {n}\r\nMessage-ID: <faden-{n}@kunde.example>\r\nDate: Wed, 2 Feb 2022 08:00:00 +0000\r\n\r\nNachricht Nummer {n} im langen Faden.\r\n");
        s.push(article(id, 6, 3, 1, &at, 1));
        s.push(mime(
            id,
            "erika@kunde.example",
            "kasse@verein.example",
            &format!("Faden {n}"),
            &format!("<faden-{n}@kunde.example>"),
            "",
            "2022/02/02",
        ));
        s.push(plain(id, raw.as_bytes()));
    }
    s
}

/// The article folder (ArticleStorageFS) with ticket 2's mail.
pub fn article_dir(root: &Path) {
    let dir = root.join("2020/01/01/3");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("plain.txt"), FILED_MAIL).unwrap();
}

/// Builds the database behind `url`.
pub fn build(d: Dialect, url: &str) {
    let statements = statements(d);
    match d {
        Dialect::MariaDb => {
            use mysql::prelude::Queryable;
            let mut c = mysql::Conn::new(mysql::Opts::from_url(url).unwrap()).unwrap();
            c.query_drop("SET NAMES utf8mb4").unwrap();
            for sql in statements {
                c.query_drop(&sql).unwrap_or_else(|e| panic!("{e}: {sql}"));
            }
        }
        Dialect::Postgres => {
            let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
            for sql in statements {
                c.batch_execute(&sql)
                    .unwrap_or_else(|e| panic!("{e}: {sql}"));
            }
        }
    }
}

/// Turns the database `build` made into OTRS 5's layout (MariaDB): the
/// mail fields and the article type in `article` itself, the raw mail in
/// `article_plain`, attachments in `article_attachment`.
pub fn to_otrs5() -> Vec<String> {
    [
        "CREATE TABLE article_type (id SMALLINT PRIMARY KEY, name VARCHAR(200) NOT NULL)",
        "INSERT INTO article_type VALUES (1, 'email-external'), (2, 'phone'), (3, 'note-internal')",
        "ALTER TABLE article ADD COLUMN article_type_id SMALLINT NULL, ADD COLUMN a_from MEDIUMTEXT NULL, ADD COLUMN a_reply_to MEDIUMTEXT NULL, ADD COLUMN a_to MEDIUMTEXT NULL, ADD COLUMN a_cc MEDIUMTEXT NULL, ADD COLUMN a_subject TEXT NULL, ADD COLUMN a_message_id TEXT NULL, ADD COLUMN a_in_reply_to MEDIUMTEXT NULL, ADD COLUMN a_references MEDIUMTEXT NULL, ADD COLUMN a_content_type VARCHAR(250) NULL, ADD COLUMN a_body MEDIUMTEXT NULL, ADD COLUMN incoming_time INTEGER NULL, ADD COLUMN content_path VARCHAR(250) NULL",
        "UPDATE article a JOIN article_data_mime m ON m.article_id = a.id SET a.a_from = m.a_from, a.a_to = m.a_to, a.a_cc = m.a_cc, a.a_subject = m.a_subject, a.a_message_id = m.a_message_id, a.a_body = m.a_body, a.incoming_time = m.incoming_time, a.content_path = m.content_path",
        "UPDATE article SET article_type_id = communication_channel_id",
        "ALTER TABLE article DROP COLUMN communication_channel_id, DROP COLUMN is_visible_for_customer",
        "DROP TABLE article_data_mime",
        "DROP TABLE communication_channel",
        "RENAME TABLE article_data_mime_plain TO article_plain, article_data_mime_attachment TO article_attachment",
    ]
    .into_iter()
    .map(String::from)
    .collect()
}
