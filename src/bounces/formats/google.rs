//! Google's returns without a delivery-status part: Google Groups refusing a
//! post ("the group you tried to contact (x) may not exist"), Gmail and
//! Google Workspace refusing to send. Their notices greet the sender by
//! address and quote the original; the failed address is only certain in the
//! X-Failed-Recipients header (the group's, never the member who posted).

use super::{above, Format, Input};
use crate::bounces::Recipient;
use mail_parser::Message;
use regex::Regex;
use std::sync::LazyLock;

pub const FORMAT: Format = Format {
    name: "google",
    structured: false,
    read: google,
};

static COPY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?im)^\s*-+ ?original message ?-+").expect("valid"));

fn from_google(m: &Message) -> bool {
    let from = m
        .from()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .unwrap_or("")
        .to_lowercase();
    ["@google.com", "@googlemail.com", "@gmail.com"]
        .iter()
        .any(|d| from.ends_with(d))
}

fn google(input: &Input) -> Option<Vec<Recipient>> {
    let m = input.message;
    if !from_google(m) {
        return None;
    }
    let failed = input.failed_recipients();
    let notice = above(input.notice(), &COPY);
    let diagnostic: String = notice
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(2000)
        .collect();
    let out: Vec<Recipient> = failed
        .into_iter()
        .map(|a| {
            let mut r = Recipient::found(a, diagnostic.clone());
            r.take_codes_from_diagnostic();
            r
        })
        .collect();
    (!out.is_empty()).then_some(out)
}
