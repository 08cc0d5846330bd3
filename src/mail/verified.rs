//! What the organisation's own MTA vouched for in the mail it received:
//! an Authentication-Results header (RFC 8601) it wrote, naming itself by
//! its authserv-id. Only such a header above the first Received line counts:
//! one further down came with the message and proves nothing.

/// The domains the receiving MTA `authserv_id` found authentic in the
/// message: dkim=pass (header.d, or the domain of header.i) and
/// dmarc=pass (header.from), lower-cased.
pub fn vouched_domains(headers: &[(String, String)], authserv_id: &str) -> Vec<String> {
    let mut domains = Vec::new();
    for (name, value) in headers {
        if name == "received" {
            break;
        }
        if name != "authentication-results" {
            continue;
        }
        let mut parts = value.split(';');
        let writer = parts
            .next()
            .and_then(|w| w.split_whitespace().next())
            .unwrap_or("")
            .to_lowercase();
        if writer != authserv_id {
            continue;
        }
        for result in parts {
            let words: Vec<String> = result
                .split_whitespace()
                .map(|w| w.to_lowercase())
                .collect();
            let passed = |method: &str| words.iter().any(|w| w == &format!("{method}=pass"));
            let property = |key: &str| {
                words
                    .iter()
                    .find_map(|w| w.strip_prefix(&format!("{key}=")))
                    .map(|v| v.trim_matches(['"', '(', ')']).to_string())
            };
            if passed("dkim") {
                if let Some(d) = property("header.d").or_else(|| {
                    property("header.i").and_then(|i| i.rsplit('@').next().map(str::to_string))
                }) {
                    domains.push(d);
                }
            }
            if passed("dmarc") {
                if let Some(d) = property("header.from") {
                    domains.push(d);
                }
            }
        }
    }
    domains.sort();
    domains.dedup();
    domains
}

#[cfg(test)]
mod tests {
    use super::vouched_domains;

    fn headers(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn only_our_own_mta_above_the_first_received_vouches() {
        let ours = headers(&[
            ("authentication-results", "mx.verein.example; dkim=pass header.d=verein.example header.s=s1; dmarc=pass (p=none) header.from=verein.example"),
            ("received", "from a by mx.verein.example"),
        ]);
        assert_eq!(
            vouched_domains(&ours, "mx.verein.example"),
            ["verein.example"]
        );
        assert!(vouched_domains(&ours, "mx.other.example").is_empty());
        // Written below the first Received: it came with the message.
        let forged = headers(&[
            ("received", "from a by mx.verein.example"),
            (
                "authentication-results",
                "mx.verein.example; dkim=pass header.d=verein.example",
            ),
        ]);
        assert!(vouched_domains(&forged, "mx.verein.example").is_empty());
        let failed = headers(&[(
            "authentication-results",
            "mx.verein.example; dkim=fail header.d=verein.example; dmarc=fail header.from=verein.example",
        )]);
        assert!(vouched_domains(&failed, "mx.verein.example").is_empty());
    }
}
