//! What an OTRS system is configured with (queues, statuses, agents,
//! salutations and signatures), written as tix YAML for the admin to
//! review: `tix import otrs --write-config DIR`.

use super::source::Source;
use crate::error::{Result, TixError};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The queues, statuses, agents and snippets the source has, as tix YAML
/// for the admin to review (`DIR/imported-otrs.yaml`).
pub fn write_config(source: &mut Source, dir: &Path) -> Result<PathBuf> {
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let mut y = format!(
        "# What tix import found in {}; review it, then: tix config apply\n",
        source.shown
    );
    let snippets = |source: &mut Source, table: &str| -> Result<HashMap<i64, (String, String)>> {
        Ok(source
            .rows(&format!(
                "SELECT id, name, text FROM {table} WHERE valid_id = 1"
            ))?
            .iter()
            .filter_map(|r| {
                // tix names snippets with one word.
                let name = r
                    .text("name")?
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join("-");
                Some((r.int("id")?, (name, r.text("text").unwrap_or_default())))
            })
            .collect())
    };
    let salutations = snippets(source, "salutation")?;
    let signatures = snippets(source, "signature")?;
    y.push_str("queues:\n");
    for q in source.rows(
        "SELECT name, salutation_id, signature_id, first_response_time, update_time, solution_time
         FROM queue WHERE valid_id = 1 ORDER BY name",
    )? {
        y.push_str(&format!(
            "  - name: {}\n",
            quote(&q.text("name").unwrap_or_default())
        ));
        for (key, id, found) in [
            ("salutation", q.int("salutation_id"), &salutations),
            ("signature", q.int("signature_id"), &signatures),
        ] {
            if let Some((name, _)) = id.and_then(|i| found.get(&i)) {
                y.push_str(&format!("    {key}: {}\n", quote(name)));
            }
        }
        let times: Vec<(&str, i64)> = [
            ("first_response", q.int("first_response_time")),
            ("update", q.int("update_time")),
            ("solution", q.int("solution_time")),
        ]
        .into_iter()
        .filter_map(|(k, m)| Some((k, m.filter(|&m| m > 0)?)))
        .collect();
        if !times.is_empty() {
            y.push_str("    escalation:\n");
            for (k, minutes) in times {
                y.push_str(&format!("      {k}: {minutes}m\n"));
            }
        }
    }
    y.push_str("statuses:\n");
    for s in source.rows(
        "SELECT s.name, y.name AS type FROM ticket_state s JOIN ticket_state_type y ON y.id = s.type_id
         WHERE s.valid_id = 1 ORDER BY s.id",
    )? {
        let kind = match s.text("type").unwrap_or_default().as_str() {
            "new" => "new",
            "closed" => "closed",
            "pending reminder" => "pending-reminder",
            "pending auto" => "pending-auto-close",
            "removed" => "removed",
            "merged" => "merged",
            _ => "open",
        };
        y.push_str(&format!(
            "  - name: {}\n    type: {kind}\n",
            quote(&s.text("name").unwrap_or_default())
        ));
    }
    y.push_str("agents:\n");
    for u in source.rows("SELECT login, first_name, last_name FROM users WHERE valid_id = 1 AND id <> 1 ORDER BY login")? {
        let full = format!(
            "{} {}",
            u.text("first_name").unwrap_or_default(),
            u.text("last_name").unwrap_or_default()
        );
        y.push_str(&format!(
            "  - name: {}\n    full_name: {}\n",
            quote(&u.text("login").unwrap_or_default()),
            quote(full.trim())
        ));
    }
    y.push_str("snippets:\n");
    for (kind, found) in [("salutation", &salutations), ("signature", &signatures)] {
        let mut list: Vec<_> = found.values().collect();
        list.sort();
        for (name, text) in list {
            y.push_str(&format!(
                "  - name: {}\n    kind: {kind}\n    text: {}\n",
                quote(name),
                quote(text)
            ));
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| TixError::input(dir, e))?;
    let file = dir.join("imported-otrs.yaml");
    std::fs::write(&file, y).map_err(|e| TixError::input(&file, e))?;
    Ok(file)
}
