//! The query language as tix-query(7) describes it. A test holds the list of
//! fields here to the parser's, and parses every example.

/// A field: its name, what it takes, what it finds, an example.
pub struct FieldDoc {
    pub name: &'static str,
    pub value: &'static str,
    pub about: &'static str,
    pub example: &'static str,
}

const fn field(
    name: &'static str,
    value: &'static str,
    about: &'static str,
    example: &'static str,
) -> FieldDoc {
    FieldDoc {
        name,
        value,
        about,
        example,
    }
}

pub const FIELD_DOCS: &[FieldDoc] = &[
    field("queue", "queue name", "The queue and every queue nested below it.", "queue:LV::Presse"),
    field("state", "status name or state type", "A configured status (`-` for spaces) or a state type: new, open, pending-reminder, pending-auto-close, closed, merged, removed.", "state:closed-successful"),
    field("owner", "agent, me or none", "The ticket's owner; an agent that is not configured is an error.", "owner:me"),
    field("responsible", "agent, me or none", "The agent responsible.", "responsible:none"),
    field("tag", "word", "A tag.", "tag:austritt"),
    field("from", "text", "Full text of the senders only.", "from:MAILER-DAEMON"),
    field("to", "text", "Full text of the recipients only.", "to:presse@example.org"),
    field("subject", "text", "Full text of the subjects only.", "subject:\"Landesparteitag 2026\""),
    field("priority", "1-5 or a name, with < > <= >= =", "The priority.", "priority:>3"),
    field("age", "duration with < or >", "Time since the ticket was opened.", "age:>7d"),
    field("before", "date", "Opened before this date (2026-11-01, today, yesterday, 3d).", "before:2026-11-01"),
    field("after", "date", "Opened on or after this date.", "after:today"),
    field("is", "locked, unlocked, unseen, pending, overdue, reminder-due, escalated, undelivered, parent, child", "A ticket's condition: locked now, new mail since the responsible looked, pending, past its pending date, a pending reminder that fell due, past an escalation time, mail it sent came back undelivered, has child tickets, is a child ticket (tix link).", "is:unseen"),
    field("customer", "address, contact id or organisation", "For that customer: the address, any address of the contact with that id (tix contact), or of any contact of that organisation.", "customer:1001"),
    field("link", "ticket number", "Linked to that ticket (the whole number), as parent, child or related.", "link:2026120710000013"),
    field("escalation", "duration with < or >", "Time until the ticket's escalation time (see tix-config(5), ESCALATION): escalation:<2h escalates within two hours or has.", "escalation:<2h"),
];

/// tix-query(7), in roff.
pub fn man_page() -> String {
    let esc = |s: &str| s.replace('\\', "\\\\").replace('-', "\\-");
    let mut out = String::from(
        ".TH TIX-QUERY 7 \"\" \"tix\" \"Miscellaneous\"\n\
         .SH NAME\ntix\\-query \\- the query language of tix list, tix search and \\-\\-where\n\
         .SH DESCRIPTION\nA query is terms written side by side: a ticket matches when every term does. \
         A plain word or \\fB\"a phrase\"\\fR searches the full text of subjects, senders, \
         recipients and bodies (case and accents folded: \\fBkundigen\\fR finds \
         \\fBk\\(:undigen\\fR; German as typed without umlauts: \\fBMueller\\fR and \\fBMuller\\fR find \
         \\fBM\\(:uller\\fR, \\fBGassler\\fR finds \\fBG\\(:a\\(ssler\\fR, in words of four letters or more; \
         the signs \\fB\\(Eu $ \\(Po \\(Ye % \\(sc\\fR are words of their own, so \\fB\"24 \\(Eu\"\\fR finds \
         \\fB24\\(Eu\\fR); \\fBprefix*\\fR matches the beginnings of words. A \\fIfield\\fB:\\fIvalue\\fR \
         term looks at one property.\n\
         .SH OPERATORS\n\
         .TP\n\\fBa b\\fR, \\fBa AND b\\fR\nBoth.\n\
         .TP\n\\fBa OR b\\fR\nEither; binds looser than AND.\n\
         .TP\n\\fBNOT a\\fR, \\fB\\-a\\fR\nNot a (on the command line, after \\fB\\-\\-\\fR: \\fBtix list \\-\\- \\-tag:spam\\fR).\n\
         .TP\n\\fB( ... )\\fR\nGrouping, up to 64 levels.\n\
         .TP\n\\fB@name\\fR\nA saved search from the config (\\fBsearches:\\fR in \\fBtix\\-config\\fR(5)).\n\
         .SH FIELDS\n",
    );
    for f in FIELD_DOCS {
        out.push_str(&format!(
            ".TP\n\\fB{}:\\fR\\fI{}\\fR\n{} Example: \\fB{}\\fR\n",
            f.name,
            esc(f.value),
            esc(f.about),
            esc(f.example)
        ));
    }
    out.push_str(
        ".SH EXAMPLES\n\
         .TP\n\\fBtix list queue:Presse is:unseen\\fR\nNew mail in the press queue since the responsible looked.\n\
         .TP\n\\fBtix search \"Satzung\" OR Beitragsordnung age:<30d\\fR\nRecent tickets on either.\n\
         .TP\n\\fBtix move \\-\\-where 'from:MAILER\\-DAEMON state:new' LV::Mitgliederdaten\\fR\nA bulk action on what a query finds (\\fB\\-\\-dry\\-run\\fR first).\n\
         .SH DIAGNOSTICS\nA mistake names its column and the choices: \
         \\fBtix: query \"Parteitag foo:bar\", column 11: unknown field \"foo:\"\\fR; exit status 2.\n\
         .SH SEE ALSO\n\\fBtix\\-list\\fR(1), \\fBtix\\-search\\fR(1), \\fBtix\\-config\\fR(5)\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_the_parser_knows_is_described_and_its_example_parses() {
        let mut described: Vec<&str> = FIELD_DOCS.iter().map(|f| f.name).collect();
        let mut known: Vec<&str> = super::super::parser::FIELDS.to_vec();
        described.sort_unstable();
        known.sort_unstable();
        assert_eq!(
            described, known,
            "query/reference.rs and the parser disagree"
        );
        let config = crate::config::Config::default();
        for f in FIELD_DOCS {
            let example = f.example.replace("LV::Presse", "Inbox");
            assert!(
                crate::query::Query::parse(&example, &config).is_ok(),
                "{} does not parse",
                f.example
            );
        }
    }
}
