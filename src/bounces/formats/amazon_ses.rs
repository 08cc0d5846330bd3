//! Amazon SES notifications: JSON (often wrapped in an SNS envelope) instead
//! of a delivery status notification.

use super::{Format, Input};
use crate::bounces::reasons::Reason;
use crate::bounces::Recipient;
use serde_json::Value;

pub const FORMAT: Format = Format {
    name: "amazon-ses",
    structured: true,
    read: |input: &Input| notification(&input.message.body_text(0)?),
};

fn notification(body: &str) -> Option<Vec<Recipient>> {
    let start = body.find('{')?;
    // Mail transport may fold long lines, even inside JSON strings; sendmail
    // breaks them with "!" at the end and a space on the next line.
    let unfolded = body[start..]
        .replace("\r\n", "\n")
        .replace("!\n ", "")
        .replace("\n ", " ");
    // The JSON may be followed by the notification service's own text.
    let outer: Value = serde_json::Deserializer::from_str(&unfolded)
        .into_iter::<Value>()
        .next()?
        .ok()?;
    let inner = match outer.get("Message").and_then(Value::as_str) {
        Some(m) => serde_json::from_str(m).ok()?,
        None => outer,
    };
    let kind = inner
        .get("notificationType")
        .or_else(|| inner.get("eventType"))
        .and_then(Value::as_str)?;
    let field = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let list = |section: &str, key: &str| -> Vec<Value> {
        inner
            .get(section)
            .and_then(|s| s.get(key))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let out: Vec<Recipient> = match kind {
        "Bounce" => list("bounce", "bouncedRecipients")
            .iter()
            .map(|r| {
                let diagnostic = field(r, "diagnosticCode");
                let diagnostic = diagnostic
                    .split_once(';')
                    .map(|(_, d)| d.trim().to_string())
                    .unwrap_or(diagnostic);
                Recipient {
                    status: field(r, "status"),
                    reply_code: crate::bounces::smtp::reply_code_in(&diagnostic)
                        .unwrap_or_default(),
                    ..Recipient::found(field(r, "emailAddress").to_lowercase(), diagnostic)
                }
            })
            .collect(),
        "Complaint" => list("complaint", "complainedRecipients")
            .iter()
            .map(|r| Recipient {
                reason: Some(Reason::Feedback),
                ..Recipient::found(field(r, "emailAddress").to_lowercase(), String::new())
            })
            .collect(),
        "Delivery" => inner
            .get("delivery")
            .and_then(|d| d.get("recipients"))
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(|addr| Recipient {
                        status: "2.0.0".into(),
                        reply_code: "250".into(),
                        reason: Some(Reason::Delivered),
                        ..Recipient::found(addr.to_lowercase(), String::new())
                    })
                    .collect()
            })
            .unwrap_or_default(),
        _ => vec![],
    };
    (!out.is_empty()).then_some(out)
}
