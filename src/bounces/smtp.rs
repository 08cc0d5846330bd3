//! What SMTP says in a bounce apart from words: enhanced status codes
//! (RFC 3463), reply codes, and the command a failure answered.

use regex::Regex;
use std::sync::LazyLock;

/// Dotted numbers; those of the form class.subject.detail are status
/// codes (not IP addresses, versions, or "4.16.55.1"-style reference ids).
static DOTTED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+(?:\.\d+)+").expect("valid"));
static REPLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\d.#-])([245][0-9][0-9])(?:[ ,-]|$)").expect("valid"));

pub fn is_status(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 3
        && ["2", "4", "5"].contains(&parts[0])
        && parts[1].len() == 1
        && parts[1].as_bytes()[0] <= b'7'
        && (1..=3).contains(&parts[2].len())
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

/// Every enhanced status code in `text`, in order.
pub fn statuses_in(text: &str) -> impl Iterator<Item = String> + '_ {
    DOTTED
        .find_iter(text)
        .map(|m| m.as_str())
        .filter(|s| is_status(s))
        .map(str::to_string)
}

/// The status code a diagnostic gives: the one the answering server put
/// after its reply code ("550-'5.7.1 …'") before one a relay wrote around
/// it ("5.1.0 - Unknown address error 550-'5.7.1 …'").
pub fn status_in(text: &str) -> Option<String> {
    SERVER_STATUS
        .captures_iter(text)
        .map(|c| c[1].to_string())
        .find(|s| is_status(s))
        .or_else(|| statuses_in(text).next())
}

static SERVER_STATUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d.])[45]\d\d[ -]'?([245]\.\d\.\d{1,3})(?:[^\d.]|\.(?:\D|$)|$)")
        .expect("valid")
});

pub fn reply_code_in(text: &str) -> Option<String> {
    REPLY.captures(text).map(|c| c[1].to_string())
}

/// The first failure reply (4xx or 5xx): in a failure notice's free text a
/// 2xx number is something else ("Size (in bytes): 222").
pub fn failure_reply_code_in(text: &str) -> Option<String> {
    REPLY
        .captures_iter(text)
        .map(|c| c[1].to_string())
        .find(|c| !c.starts_with('2'))
}

static AFTER_COMMAND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:after|in\s+reply\s+to|in\s+response\s+to|during|while\s+(?:sending|performing)(?:\s+the)?|most\s+progress\s+was)\s+(rcpt\s+to|rcpt|mail\s+from|end\s+of\s+data|data|helo|ehlo|initial\s+connection)")
        .expect("valid")
});
/// Other ways reports say a recipient was refused at RCPT TO.
static REFUSED_AT_RCPT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)does not like recipient|did not like our rcpt|\[rcpt_to\]|smtp:rcpt host|has rejected address")
        .expect("valid")
});
static TRANSCRIPT_COMMAND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^\s*(?:>>>\s*)?(rcpt to|mail from|data)(?-u:\b)").expect("valid")
});

/// The SMTP command a failure answered: what the diagnostic says it came
/// "after" / "in reply to", else the last command of a session transcript.
pub fn smtp_command(diagnostic: &str, message_text: &str) -> Option<&'static str> {
    let name = |c: &str| -> &'static str {
        // A phrase folded across lines: one space between its words.
        let c = c.split_whitespace().collect::<Vec<_>>().join(" ");
        match c.to_lowercase().as_str() {
            "rcpt to" | "rcpt" => "RCPT",
            "mail from" => "MAIL",
            "data" | "end of data" => "DATA",
            "helo" | "ehlo" => "HELO",
            _ => "CONN",
        }
    };
    for text in [diagnostic, message_text] {
        if let Some(c) = AFTER_COMMAND.captures(text) {
            return Some(name(&c[1]));
        }
        if REFUSED_AT_RCPT.is_match(text) {
            return Some("RCPT");
        }
    }
    TRANSCRIPT_COMMAND
        .captures_iter(message_text)
        .last()
        .map(|c| name(&c[1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes_are_told_from_other_dotted_numbers() {
        let text =
            "421 4.7.0 [TSS04] Messages from 192.0.2.25 temporarily deferred - 4.16.55.1; 5.1.1.";
        assert_eq!(statuses_in(text).collect::<Vec<_>>(), ["4.7.0", "5.1.1"]);
        assert!(is_status("5.1.10") && is_status("4.7.650"));
        assert!(!is_status("4.16.55") && !is_status("6.1.1") && !is_status("5.1"));
    }

    #[test]
    fn the_command_answered_is_read_in_other_words_and_across_a_fold() {
        for text in [
            "550 User unknown (in reply to RCPT\n    TO command)",
            "550 User unknown (in reply to\n RCPT TO command)",
            "550 User unknown in response to RCPT TO",
            "refused during RCPT TO",
        ] {
            let text = text.replace("\\n", "\n");
            assert_eq!(smtp_command(&text, ""), Some("RCPT"), "{text}");
        }
        assert_eq!(
            smtp_command("rejected after end of\n data", ""),
            Some("DATA")
        );
    }

    #[test]
    fn a_notice_s_reply_code_is_a_failure_code() {
        let details = "RCPT TO: a@example.com\nSize (in bytes): 222\n550 - no such user here";
        assert_eq!(failure_reply_code_in(details).as_deref(), Some("550"));
        assert_eq!(reply_code_in("250 2.0.0 OK").as_deref(), Some("250"));
    }
}
