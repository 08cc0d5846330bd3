//! tix-config(5) against the file types: every key a file accepts is
//! described, and nothing else.

use super::*;
use crate::config::accounts::AccountFile;
use crate::config::files::*;
use crate::config::smtp::SmtpFile;
use crate::config::yaml::field_names;

#[test]
fn every_key_the_files_accept_is_described_and_no_other() {
    let accepted: Vec<(&str, Vec<&str>)> = vec![
        ("", field_names::<ConfigFile>()),
        ("queues[].", field_names::<QueueFile>()),
        ("queues[].escalation.", field_names::<EscalationFile>()),
        ("calendars[].", field_names::<CalendarFile>()),
        ("agents[].", field_names::<AgentFile>()),
        ("statuses[].", field_names::<StatusFile>()),
        ("snippets[].", field_names::<SnippetFile>()),
        ("rules[].", field_names::<RuleFile>()),
        ("rules[].if.", field_names::<CondFile>()),
        ("rules[].then.", field_names::<ActionsFile>()),
        ("accounts[].", field_names::<AccountFile>()),
        ("smtp.", field_names::<SmtpFile>()),
        ("bounce_policy.", field_names::<BouncePolicyFile>()),
        ("hooks[].", field_names::<HookFile>()),
        ("contacts[].", field_names::<ContactFile>()),
        ("groups[].", field_names::<GroupFile>()),
    ];
    let mut want: Vec<String> = accepted
        .iter()
        .flat_map(|(prefix, names)| names.iter().map(move |n| format!("{prefix}{n}")))
        .collect();
    let mut have: Vec<String> = keys().map(|k| k.path.to_string()).collect();
    want.sort();
    have.sort();
    assert_eq!(
        have, want,
        "config/reference.rs and the file types disagree"
    );
}
