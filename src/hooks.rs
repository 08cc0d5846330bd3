//! Hooks: programs the config names to run on events (a new ticket, the
//! customer wrote again, a status change, an escalation, a bounce). A hook
//! is queued in the outbox in the transaction of the change, so it never
//! runs for a change that was undone and runs once for one that was kept;
//! the outbox runs it after the commit, with a timeout and a clean
//! environment, and tries again later when it fails.

use crate::config::{Config, HookEvent};
use crate::error::{Result, TixError};
use crate::store::tickets::Ticket;
use crate::store::Db;
use std::io::Write;
use std::time::{Duration, Instant};

/// Queues every hook for `event` whose query `t` meets, with `detail`.
pub fn queue(
    conn: &Db,
    config: &Config,
    t: &Ticket,
    event: HookEvent,
    detail: serde_json::Value,
    now: i64,
) -> Result<()> {
    for (n, hook) in config.hooks.iter().enumerate() {
        if !hook.on.contains(&event) {
            continue;
        }
        if let Some(text) = &hook.filter {
            let query = crate::query::Query::parse(text, config)?;
            let scope = crate::query::Scope {
                config,
                actor: crate::vocabulary::SYSTEM_ACTOR,
                now,
            };
            let filter = query.filter(&scope, text)?;
            if !crate::store::find::ticket_meets(conn, &filter, text, t.id)? {
                continue;
            }
        }
        let document = serde_json::json!({
            "version": 1,
            "event": event.as_str(),
            "at": crate::dates::iso(now),
            "ticket": t,
            "detail": detail,
        });
        let job = serde_json::json!({ "run": hook.run, "timeout": hook.timeout.as_secs() });
        crate::store::outbox::insert(
            conn,
            &crate::store::outbox::NewItem {
                ticket_id: Some(t.id),
                kind: "hook",
                recipient: &hook.run[0],
                agent: None,
                message_id: &format!(
                    "hook-{n}-{event}-{}-{now}",
                    t.number,
                    event = event.as_str()
                ),
                envelope_from: "",
                envelope_to: std::slice::from_ref(&hook.run[0]),
                outgoing_json: &job.to_string(),
                bytes: document.to_string().as_bytes(),
                created_at: now,
                not_before: None,
            },
        )?;
    }
    Ok(())
}

/// Runs a queued hook: `job` as queued, `document` on its stdin, for at
/// most its timeout or `limit` (what is left of intake's time for sending,
/// so that a hook never holds the MTA's delivery). A program that exits
/// other than 0, or outlives that time, is an error (temporary: it is
/// tried again).
pub fn run(job: &str, document: &[u8], limit: Duration) -> Result<()> {
    #[derive(serde::Deserialize)]
    struct Job {
        run: Vec<String>,
        timeout: u64,
    }
    let job: Job =
        serde_json::from_str(job).map_err(|e| TixError::failure(format!("hook: {e}")))?;
    let event = serde_json::from_slice::<serde_json::Value>(document)
        .ok()
        .and_then(|d| d["event"].as_str().map(str::to_string))
        .unwrap_or_default();
    let mut child = std::process::Command::new(&job.run[0])
        .args(&job.run[1..])
        .env_clear()
        .env("PATH", "/usr/local/bin:/usr/bin:/bin")
        .env("TIX_EVENT", event)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| TixError::temp(format!("{}: {e}", job.run[0])))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A program that does not read its input is its own business.
        let _ = stdin.write_all(document);
    }
    let allowed = Duration::from_secs(job.timeout).min(limit);
    let deadline = Instant::now() + allowed;
    loop {
        if let Some(status) = child
            .try_wait()
            .map_err(|e| TixError::temp(e.to_string()))?
        {
            if status.success() {
                return Ok(());
            }
            let mut said = String::new();
            if let Some(mut err) = child.stderr.take() {
                use std::io::Read;
                let _ = err.read_to_string(&mut said);
            }
            let said = said.lines().next().unwrap_or("").to_string();
            return Err(TixError::temp(format!(
                "{} exited with {status}{}",
                job.run[0],
                if said.is_empty() {
                    String::new()
                } else {
                    format!(": {said}")
                }
            )));
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(TixError::temp(format!(
                "{} still ran after {} s and was stopped",
                job.run[0],
                allowed.as_secs_f64()
            )));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
