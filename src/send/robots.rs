//! Mail that must never be answered automatically (RFC 3834 and practice):
//! robots, lists, bulk mail, bounces, loops and ourselves.

use crate::mail::parse::ParsedMail;

/// Why `mail` gets no auto-reply, or `None` when it may get one.
pub fn no_auto_reply_because(mail: &ParsedMail, own_addresses: &[String]) -> Option<String> {
    if let Some(why) = automatic_by_headers(mail, own_addresses) {
        return Some(why);
    }
    let Some(from) = mail.from_addr.as_deref() else {
        return Some("no sender address".into());
    };
    robot_address_because(from, own_addresses)
}

/// Why `mail` says by its headers that a program sent it (RFC 3834's
/// Auto-Submitted, bulk and list mail, our own loop, a bounce).
fn automatic_by_headers(mail: &ParsedMail, own_addresses: &[String]) -> Option<String> {
    let header = |name: &'static str| mail.header_values(name);
    if let Some(v) = header("auto-submitted").find(|v| !v.starts_with("no")) {
        return Some(format!("Auto-Submitted: {v}"));
    }
    if let Some(v) = header("precedence").find(|v| ["bulk", "list", "junk"].contains(&v.as_str())) {
        return Some(format!("Precedence: {v}"));
    }
    for list_header in ["list-id", "list-unsubscribe", "list-post"] {
        if header(list_header).next().is_some() {
            return Some(format!("a mailing list ({list_header})"));
        }
    }
    if let Some(v) =
        header("x-auto-response-suppress").find(|v| v.contains("all") || v.contains("autoreply"))
    {
        return Some(format!("X-Auto-Response-Suppress: {v}"));
    }
    if let Some(v) = header("x-loop").find(|v| own_addresses.iter().any(|a| v.contains(a.as_str())))
    {
        return Some(format!("our own X-Loop: {v}"));
    }
    if header("return-path").any(|v| v == "<>" || v.is_empty()) {
        return Some("an empty Return-Path (a bounce)".into());
    }
    None
}

/// Why no automatic mail goes to `address`: one of ours, or a robot's by
/// its name (MAILER-DAEMON, noreply, owner-…, …-request); `None` for a
/// person's.
pub fn robot_address_because(address: &str, own_addresses: &[String]) -> Option<String> {
    let from = address.trim().to_lowercase();
    if own_addresses.contains(&from) {
        return Some(format!("our own address {from}"));
    }
    let local = from.split('@').next().unwrap_or("");
    let robot_names = [
        "mailer-daemon",
        "postmaster",
        "noreply",
        "no-reply",
        "no_reply",
        "donotreply",
        "do-not-reply",
        "do_not_reply",
        "bounce",
        "bounces",
        "listserv",
        "majordomo",
        "owner-",
        "-request",
    ];
    let robot = robot_names.iter().any(|r| {
        if let Some(prefix) = r.strip_suffix('-') {
            local.starts_with(&format!("{prefix}-"))
        } else if r.starts_with('-') {
            local.ends_with(r)
        } else {
            local == *r
                || local.starts_with(&format!("{r}+"))
                || local.starts_with(&format!("{r}-"))
        }
    });
    if robot {
        return Some(format!("a robot sender ({from})"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(from: &str, headers: &[(&str, &str)]) -> ParsedMail {
        ParsedMail {
            from_addr: Some(from.into()),
            subject: "Hallo".into(),
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn people_get_answers_and_robots_do_not() {
        let own = vec!["info@verein.example".to_string()];
        assert_eq!(
            no_auto_reply_because(&mail("erika@x.example", &[("auto-submitted", "no")]), &own),
            None
        );
        assert_eq!(
            no_auto_reply_because(&mail("bouncer@x.example", &[]), &own),
            None
        );
        assert_eq!(
            no_auto_reply_because(&mail("noreplyhelper@x.example", &[]), &own),
            None
        );
        for (from, headers) in [
            ("erika@x.example", vec![("auto-submitted", "auto-replied")]),
            ("erika@x.example", vec![("precedence", "bulk")]),
            ("erika@x.example", vec![("precedence", "list")]),
            (
                "erika@x.example",
                vec![("list-id", "<verein.lists.example>")],
            ),
            (
                "erika@x.example",
                vec![("list-unsubscribe", "<mailto:u@x>")],
            ),
            ("erika@x.example", vec![("x-loop", "info@verein.example")]),
            ("erika@x.example", vec![("return-path", "<>")]),
            ("MAILER-DAEMON@x.example", vec![]),
            ("postmaster@x.example", vec![]),
            ("no-reply@x.example", vec![]),
            ("bounce-4711-erika=x.example@news.example", vec![]),
            ("noreply+abc@x.example", vec![]),
            ("owner-liste@x.example", vec![]),
            ("liste-request@x.example", vec![]),
            ("info@verein.example", vec![]),
        ] {
            let m = mail(from, &headers);
            assert!(
                no_auto_reply_because(&m, &own).is_some(),
                "{from} {headers:?}"
            );
        }
    }
}
