//! What notifications say, in the agent's language (de, en, fr: the
//! languages the quote line is written in), with times in the zone of the
//! queue's office calendar, the zone named.

use crate::vocabulary::Language;

/// What a notification is about.
pub enum About<'a> {
    Responsible {
        by: &'a str,
    },
    Followup,
    NewTicket {
        queue: &'a str,
    },
    /// A pending reminder fell due (its date).
    Reminder {
        due: i64,
    },
    /// An escalation time ran out, or runs out soon (`kind` as the store
    /// names it: first-response, update, solution).
    Escalation {
        ran_out: bool,
        kind: &'a str,
        at: i64,
    },
    /// Mail the ticket sent did not arrive (to whom, with the status).
    Undelivered {
        whom: &'a str,
    },
}

impl About<'_> {
    /// The words after the ticket tag in the subject.
    pub fn headline(&self, lang: Language) -> &'static str {
        use Language::*;
        match (self, lang) {
            (About::Responsible { .. }, De) => "Sie sind zuständig",
            (About::Responsible { .. }, En) => "You are responsible",
            (About::Responsible { .. }, Fr) => "Vous êtes responsable",
            (About::Followup, De) => "Neue Nachricht des Kunden",
            (About::Followup, En) => "Customer wrote again",
            (About::Followup, Fr) => "Nouveau message du client",
            (About::NewTicket { .. }, De) => "Neues Ticket",
            (About::NewTicket { .. }, En) => "New ticket",
            (About::NewTicket { .. }, Fr) => "Nouveau ticket",
            (About::Reminder { .. }, De) => "Erinnerung fällig",
            (About::Reminder { .. }, En) => "Reminder due",
            (About::Reminder { .. }, Fr) => "Rappel échu",
            (About::Escalation { ran_out: true, .. }, De) => "Eskaliert",
            (About::Escalation { ran_out: true, .. }, En) => "Escalated",
            (About::Escalation { ran_out: true, .. }, Fr) => "Escaladé",
            (About::Escalation { ran_out: false, .. }, De) => "Eskaliert bald",
            (About::Escalation { ran_out: false, .. }, En) => "Escalates soon",
            (About::Escalation { ran_out: false, .. }, Fr) => "Escalade imminente",
            (About::Undelivered { .. }, De) => "Nicht zugestellt",
            (About::Undelivered { .. }, En) => "Not delivered",
            (About::Undelivered { .. }, Fr) => "Non distribué",
        }
    }

    /// The first sentence of the notification, its times shown in `zone`
    /// (see [`time`]).
    pub fn sentence(&self, lang: Language, zone: Option<chrono_tz::Tz>) -> String {
        use Language::*;
        let shown = |at: &i64| time(*at, zone);
        match (self, lang) {
            (About::Responsible { by }, De) => {
                format!("{by} bittet Sie, dieses Ticket zu bearbeiten.")
            }
            (About::Responsible { by }, En) => format!("{by} asks you to act on this ticket."),
            (About::Responsible { by }, Fr) => format!("{by} vous demande de traiter ce ticket."),
            (About::Followup, De) => "Der Kunde hat zu Ihrem Ticket erneut geschrieben.".into(),
            (About::Followup, En) => "The customer wrote again on a ticket you own.".into(),
            (About::Followup, Fr) => {
                "Le client a écrit de nouveau sur un ticket qui vous revient.".into()
            }
            (About::NewTicket { queue }, De) => {
                format!("Ein neues Ticket ist in {queue} eingegangen.")
            }
            (About::NewTicket { queue }, En) => format!("A new ticket arrived in {queue}."),
            (About::NewTicket { queue }, Fr) => {
                format!("Un nouveau ticket est arrivé dans {queue}.")
            }
            (About::Reminder { due }, De) => {
                format!("Die Erinnerung dieses Tickets ist fällig ({}).", shown(due))
            }
            (About::Reminder { due }, En) => {
                format!("The reminder of this ticket is due ({}).", shown(due))
            }
            (About::Reminder { due }, Fr) => {
                format!("Le rappel de ce ticket est échu ({}).", shown(due))
            }
            (About::Undelivered { whom }, De) => {
                format!("Eine Nachricht dieses Tickets wurde nicht zugestellt: {whom}.")
            }
            (About::Undelivered { whom }, En) => {
                format!("Mail sent from this ticket was not delivered: {whom}.")
            }
            (About::Undelivered { whom }, Fr) => {
                format!("Un message de ce ticket n'a pas été distribué : {whom}.")
            }
            (About::Escalation { ran_out, kind, at }, lang) => {
                let at = shown(at);
                let time = time_name(kind, lang);
                match (lang, ran_out) {
                    (De, true) => format!("Die {time} dieses Tickets ist am {at} abgelaufen."),
                    (De, false) => format!("Die {time} dieses Tickets läuft am {at} ab."),
                    (En, true) => format!("The {time} time of this ticket ran out at {at}."),
                    (En, false) => format!("The {time} time of this ticket runs out at {at}."),
                    (Fr, true) => format!("Le délai de {time} de ce ticket a expiré le {at}."),
                    (Fr, false) => format!("Le délai de {time} de ce ticket expire le {at}."),
                }
            }
        }
    }
}

/// An escalation time's name.
fn time_name(kind: &str, lang: Language) -> &'static str {
    use Language::*;
    match (kind, lang) {
        ("first-response", De) => "Erstreaktionszeit",
        ("update", De) => "Aktualisierungszeit",
        (_, De) => "Lösungszeit",
        ("first-response", En) => "first response",
        ("update", En) => "update",
        (_, En) => "solution",
        ("first-response", Fr) => "première réponse",
        ("update", Fr) => "mise à jour",
        (_, Fr) => "résolution",
    }
}

/// A daily digest's subject and first lines, for `count` notifications.
pub fn digest_words(lang: Language, count: usize) -> (String, &'static str) {
    match lang {
        Language::De => (
            format!("tix: Tagesübersicht ({count})"),
            "Was seit der letzten Übersicht geschah. Wer antwortet, lässt die Zeile des \
             Tickets stehen, um das es geht: die Antwort wird dort als Notiz abgelegt.",
        ),
        Language::En => (
            format!("tix: daily digest ({count})"),
            "What happened since the last digest. To answer about one ticket, keep its line \
             in your reply: the answer is filed there as a note.",
        ),
        Language::Fr => (
            format!("tix : résumé du jour ({count})"),
            "Ce qui s'est passé depuis le dernier résumé. Pour répondre au sujet d'un ticket, \
             gardez sa ligne dans la réponse : elle y est classée comme note.",
        ),
    }
}

/// The labels of a notification's ticket lines.
pub fn labels(lang: Language) -> [&'static str; 4] {
    match lang {
        Language::De => ["Ticket", "Titel", "Queue", "Kunde"],
        Language::En => ["Ticket", "Title", "Queue", "Customer"],
        Language::Fr => ["Ticket", "Titre", "File", "Client"],
    }
}

/// A time as notifications show it: in `zone` with the zone's name (the
/// agent's, else the queue's office calendar's), else in local time with
/// its offset.
pub fn time(at: i64, zone: Option<chrono_tz::Tz>) -> String {
    use chrono::TimeZone;
    match zone {
        Some(z) => match z.timestamp_opt(at, 0).single() {
            Some(t) => t.format("%Y-%m-%d %H:%M %Z").to_string(),
            None => "?".into(),
        },
        None => crate::render::datetime_as(at, "%Y-%m-%d %H:%M (UTC%:z)"),
    }
}

/// The zone of the queue's office calendar (its escalation's), if any.
pub fn zone_of(config: &crate::config::Config, queue: &str) -> Option<chrono_tz::Tz> {
    config
        .escalation(queue)
        .and_then(|e| e.calendar.as_deref())
        .and_then(|c| config.calendar(c))
        .map(|c| c.zone)
}
