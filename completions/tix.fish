# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_tix_global_optspecs
    string join \n db= config= as= v/verbose q/quiet h/help V/version
end

function __fish_tix_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_tix_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_tix_using_subcommand
    set -l cmd (__fish_tix_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c tix -n "__fish_tix_needs_command" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_needs_command" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_needs_command" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_needs_command" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_needs_command" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_needs_command" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_needs_command" -f -a "init" -d 'Create the store and write a commented example config'
complete -c tix -n "__fish_tix_needs_command" -f -a "config" -d 'Check the YAML configuration, make it the store\'s configuration in force, or show where tix looks'
complete -c tix -n "__fish_tix_needs_command" -f -a "ingest" -d 'Take one message on stdin (from an MTA pipe); exit 75 asks the MTA to retry'
complete -c tix -n "__fish_tix_needs_command" -f -a "fetch" -d 'Import mail: the IMAP accounts of the config (all, or those named), or Maildirs and mbox files'
complete -c tix -n "__fish_tix_needs_command" -f -a "new" -d 'Open a ticket by hand; prints its number'
complete -c tix -n "__fish_tix_needs_command" -f -a "list" -d 'List tickets (open ones by default), optionally those a query finds'
complete -c tix -n "__fish_tix_needs_command" -f -a "search" -d 'Search every ticket (not only open ones): with words, the ticket of the newest matching mail or note first; otherwise the most recently changed first'
complete -c tix -n "__fish_tix_needs_command" -f -a "show" -d 'Show a ticket and every article in order'
complete -c tix -n "__fish_tix_needs_command" -f -a "history" -d 'Show a ticket\'s history'
complete -c tix -n "__fish_tix_needs_command" -f -a "move" -d 'Move tickets to another queue (nested names as LV::Mitglieder)'
complete -c tix -n "__fish_tix_needs_command" -f -a "assign" -d 'Set the owner: the agent who keeps the ticket ("none" clears, "me" is you)'
complete -c tix -n "__fish_tix_needs_command" -f -a "responsible" -d 'Ask an agent of another unit to act: they see "their" tickets with `tix list --responsible me`, marked when the customer wrote again'
complete -c tix -n "__fish_tix_needs_command" -f -a "lock" -d 'Lock tickets to yourself: others see them hidden from `tix list --available`'
complete -c tix -n "__fish_tix_needs_command" -f -a "unlock" -d 'Release your lock (or, with --force, someone else\'s)'
complete -c tix -n "__fish_tix_needs_command" -f -a "state" -d 'Set the status (from the config); pending statuses need --until'
complete -c tix -n "__fish_tix_needs_command" -f -a "priority" -d 'Set the priority: 1–5 or very-low, low, normal, high, very-high'
complete -c tix -n "__fish_tix_needs_command" -f -a "tag" -d 'Add (+tag) and remove (-tag) tags'
complete -c tix -n "__fish_tix_needs_command" -f -a "customer" -d 'Change who a ticket is for: replies, reminders and the closing answer go to this address, greeted by this name'
complete -c tix -n "__fish_tix_needs_command" -f -a "contact" -d 'The people tickets are for: imported from the member list'
complete -c tix -n "__fish_tix_needs_command" -f -a "import" -d 'Bring another system\'s tickets in, numbers and raw mail kept'
complete -c tix -n "__fish_tix_needs_command" -f -a "note" -d 'Add an internal note, or log a phone call, letter or fax'
complete -c tix -n "__fish_tix_needs_command" -f -a "reply" -d 'Answer the customer by mail: salutation, text and signature, threaded'
complete -c tix -n "__fish_tix_needs_command" -f -a "forward" -d 'Forward the ticket\'s last mail (attached as it came) to other addresses'
complete -c tix -n "__fish_tix_needs_command" -f -a "redirect" -d 'Resend a customer\'s original mail unchanged to another address (it was meant for someone else), recorded on the ticket'
complete -c tix -n "__fish_tix_needs_command" -f -a "merge" -d 'Merge duplicates: their articles join the target in date order, later mail for them lands there'
complete -c tix -n "__fish_tix_needs_command" -f -a "unmerge" -d 'Undo a merge: the merged ticket gets its own articles back from the ticket it was merged into, and the status it had'
complete -c tix -n "__fish_tix_needs_command" -f -a "split" -d 'Move one article (its mail, attachments and search entries) to a new ticket for the same person: a mail that raised two topics becomes two tickets, linked; answers to that mail follow it'
complete -c tix -n "__fish_tix_needs_command" -f -a "link" -d 'Link tickets: a parent and its children (a task and its parts), or related ones'
complete -c tix -n "__fish_tix_needs_command" -f -a "unlink" -d 'Remove the link between tickets'
complete -c tix -n "__fish_tix_needs_command" -f -a "close" -d 'Close tickets, successful unless a reason says otherwise'
complete -c tix -n "__fish_tix_needs_command" -f -a "reopen" -d 'Open closed tickets again'
complete -c tix -n "__fish_tix_needs_command" -f -a "delete" -d 'Delete tickets: out of every list, purged for good by `tix purge`'
complete -c tix -n "__fish_tix_needs_command" -f -a "purge" -d 'Remove deleted tickets for good (raw mail, attachments, index, history)'
complete -c tix -n "__fish_tix_needs_command" -f -a "route" -d 'Show what the routing rules do with a message, or run them again on tickets'
complete -c tix -n "__fish_tix_needs_command" -f -a "bounce-report" -d 'Bounced addresses, hard and soft, with reason and counts'
complete -c tix -n "__fish_tix_needs_command" -f -a "bounce" -d 'The bounce record: each address\'s bounces, score and state'
complete -c tix -n "__fish_tix_needs_command" -f -a "snippet" -d 'Salutations, signatures and answer templates from the config'
complete -c tix -n "__fish_tix_needs_command" -f -a "quarantine" -d 'Quarantined messages: list them, print one, parse them again'
complete -c tix -n "__fish_tix_needs_command" -f -a "outbox" -d 'Show and send what is queued: auto-replies, notifications, digests, probes, bulk answers, hooks'
complete -c tix -n "__fish_tix_needs_command" -f -a "maintain" -d 'Act on what time made due: reminders, auto-close, escalations, retention; then send the outbox'
complete -c tix -n "__fish_tix_needs_command" -f -a "dashboard" -d 'The overview: queues with counts, my tickets, escalations, the last 14 days'
complete -c tix -n "__fish_tix_needs_command" -f -a "report" -d 'Figures over a period: created, closed, backlog, response and solution times, bounces'
complete -c tix -n "__fish_tix_needs_command" -f -a "person" -d 'A person\'s data: export it, or erase it'
complete -c tix -n "__fish_tix_needs_command" -f -a "store" -d 'Work on the store as a whole'
complete -c tix -n "__fish_tix_needs_command" -f -a "agent" -d 'Mark agents away (their notifications go to a substitute) and list them'
complete -c tix -n "__fish_tix_needs_command" -f -a "generate" -d 'Write man pages or shell completions (for packaging)'
complete -c tix -n "__fish_tix_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand init" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand init" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand init" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand init" -l force -d 'Overwrite an existing tix.yaml with the example'
complete -c tix -n "__fish_tix_using_subcommand init" -l store-only -d 'Create the store only; leave the config alone (for a config kept elsewhere)'
complete -c tix -n "__fish_tix_using_subcommand init" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand init" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand init" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand config; and not __fish_seen_subcommand_from check apply diff history paths help" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand config; and not __fish_seen_subcommand_from check apply diff history paths help" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand config; and not __fish_seen_subcommand_from check apply diff history paths help" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand config; and not __fish_seen_subcommand_from check apply diff history paths help" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand config; and not __fish_seen_subcommand_from check apply diff history paths help" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand config; and not __fish_seen_subcommand_from check apply diff history paths help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand config; and not __fish_seen_subcommand_from check apply diff history paths help" -f -a "check" -d 'Report every problem as file:line:column: message (exit 2 if any), and whether the folder is the configuration in force'
complete -c tix -n "__fish_tix_using_subcommand config; and not __fish_seen_subcommand_from check apply diff history paths help" -f -a "apply" -d 'Check the folder and make it the store\'s configuration in force (a new version, with who and when)'
complete -c tix -n "__fish_tix_using_subcommand config; and not __fish_seen_subcommand_from check apply diff history paths help" -f -a "diff" -d 'Show how the folder differs from the configuration in force (exit 1 if it does)'
complete -c tix -n "__fish_tix_using_subcommand config; and not __fish_seen_subcommand_from check apply diff history paths help" -f -a "history" -d 'Every version applied to the store: when, by whom, from where'
complete -c tix -n "__fish_tix_using_subcommand config; and not __fish_seen_subcommand_from check apply diff history paths help" -f -a "paths" -d 'Print the config and store locations in use'
complete -c tix -n "__fish_tix_using_subcommand config; and not __fish_seen_subcommand_from check apply diff history paths help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from check" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from check" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from check" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from apply" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from apply" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from apply" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from apply" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from apply" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from apply" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from diff" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from diff" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from diff" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from diff" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from diff" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from history" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from history" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from history" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from history" -l json -d 'Print them as JSON'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from history" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from paths" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from paths" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from paths" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from paths" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from paths" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from paths" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "check" -d 'Report every problem as file:line:column: message (exit 2 if any), and whether the folder is the configuration in force'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "apply" -d 'Check the folder and make it the store\'s configuration in force (a new version, with who and when)'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "diff" -d 'Show how the folder differs from the configuration in force (exit 1 if it does)'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "history" -d 'Every version applied to the store: when, by whom, from where'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "paths" -d 'Print the config and store locations in use'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand ingest" -l queue -d 'The queue this delivery is for: a new ticket lands there when no queue\'s address is in To or Cc (a Bcc); otherwise the first queue address in To, then Cc decides, whichever address\'s pipe delivers first' -r
complete -c tix -n "__fish_tix_using_subcommand ingest" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand ingest" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand ingest" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand ingest" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand ingest" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand ingest" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand fetch" -l since -d 'Only mail from this date on (overrides the accounts\' since)' -r
complete -c tix -n "__fish_tix_using_subcommand fetch" -l maildir -d 'A Maildir to import (its new/ and cur/); may be given several times' -r -F
complete -c tix -n "__fish_tix_using_subcommand fetch" -l mbox -d 'An mbox file to import (streamed; mboxo and mboxrd); may be given several times' -r -F
complete -c tix -n "__fish_tix_using_subcommand fetch" -l queue -d 'Put new tickets in this queue instead of routing by address' -r
complete -c tix -n "__fish_tix_using_subcommand fetch" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand fetch" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand fetch" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand fetch" -l json -d 'Print the counts as JSON'
complete -c tix -n "__fish_tix_using_subcommand fetch" -l watch -d 'Stay connected and import new mail as it arrives (IMAP IDLE), until stopped (SIGTERM, Ctrl-C); holds the accounts\' locks meanwhile'
complete -c tix -n "__fish_tix_using_subcommand fetch" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand fetch" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand fetch" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand new" -l channel -d 'How the customer got in touch' -r -f -a "phone\t''
letter\t''
fax\t''
email\t''"
complete -c tix -n "__fish_tix_using_subcommand new" -l from -d 'The customer\'s address (email, or a postal address or phone number for the record)' -r
complete -c tix -n "__fish_tix_using_subcommand new" -l name -d 'The customer\'s name' -r
complete -c tix -n "__fish_tix_using_subcommand new" -l subject -r
complete -c tix -n "__fish_tix_using_subcommand new" -l queue -d 'The queue [default: the default queue]' -r
complete -c tix -n "__fish_tix_using_subcommand new" -s m -l message -d 'The text (else --body-file, standard input, or $EDITOR)' -r
complete -c tix -n "__fish_tix_using_subcommand new" -l body-file -r -F
complete -c tix -n "__fish_tix_using_subcommand new" -l attach -d 'Attach a file (a voicemail, a scanned letter); may be repeated' -r -F
complete -c tix -n "__fish_tix_using_subcommand new" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand new" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand new" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand new" -l json -d 'Print the ticket as JSON'
complete -c tix -n "__fish_tix_using_subcommand new" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand new" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand new" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand list" -l queue -d 'Only this queue and the queues nested below it' -r
complete -c tix -n "__fish_tix_using_subcommand list" -l state -d 'Only this status (a status name, or a state type such as open or pending-reminder)' -r
complete -c tix -n "__fish_tix_using_subcommand list" -l owner -d 'Only tickets owned by this agent ("me" for yourself, "none" for unowned)' -r
complete -c tix -n "__fish_tix_using_subcommand list" -l responsible -d 'Only tickets this agent is responsible for ("me"); * marks those the customer wrote to since' -r
complete -c tix -n "__fish_tix_using_subcommand list" -l tag -d 'Only tickets with this tag' -r
complete -c tix -n "__fish_tix_using_subcommand list" -l sort -d 'Order by' -r -f -a "age\t'Oldest ticket first'
updated\t'Most recently changed first'
priority\t'Highest priority first'
number\t''
queue\t''
state\t''
escalation\t'Soonest escalation first (only tickets on an escalation clock)'"
complete -c tix -n "__fish_tix_using_subcommand list" -l limit -d 'At most this many tickets' -r
complete -c tix -n "__fish_tix_using_subcommand list" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand list" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand list" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand list" -l available -d 'Hide tickets someone else has locked'
complete -c tix -n "__fish_tix_using_subcommand list" -l all -d 'Also closed and merged tickets (deleted ones are never listed)'
complete -c tix -n "__fish_tix_using_subcommand list" -l reverse -d 'Turn the order round'
complete -c tix -n "__fish_tix_using_subcommand list" -l quarantined -d 'The quarantined messages instead of tickets'
complete -c tix -n "__fish_tix_using_subcommand list" -l json -d 'Print JSON'
complete -c tix -n "__fish_tix_using_subcommand list" -l csv -d 'Print CSV with a header row'
complete -c tix -n "__fish_tix_using_subcommand list" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand list" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand search" -l limit -d 'At most this many tickets' -r
complete -c tix -n "__fish_tix_using_subcommand search" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand search" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand search" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand search" -l json -d 'Print JSON'
complete -c tix -n "__fish_tix_using_subcommand search" -l csv -d 'Print CSV with a header row'
complete -c tix -n "__fish_tix_using_subcommand search" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand search" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand search" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand show" -l raw -d 'Print article K\'s original message exactly as received (K counts from 1)' -r
complete -c tix -n "__fish_tix_using_subcommand show" -l save-attachments -d 'Write every attachment of the ticket into DIR (as ARTICLE-NAME)' -r -F
complete -c tix -n "__fish_tix_using_subcommand show" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand show" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand show" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand show" -l json -d 'Print JSON'
complete -c tix -n "__fish_tix_using_subcommand show" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand show" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand show" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand history" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand history" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand history" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand history" -l json -d 'Print JSON'
complete -c tix -n "__fish_tix_using_subcommand history" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand history" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand history" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand move" -s m -l message -d 'A note on why, added to each ticket' -r
complete -c tix -n "__fish_tix_using_subcommand move" -l where -d 'Act on every ticket this query finds, as tix list shows them: open ones unless the query names a state (the syntax: tix-query(7))' -r
complete -c tix -n "__fish_tix_using_subcommand move" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand move" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand move" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand move" -l all -d 'With --where: closed tickets too, as tix list --all shows them'
complete -c tix -n "__fish_tix_using_subcommand move" -l dry-run -d 'Print exactly what would change, and change nothing'
complete -c tix -n "__fish_tix_using_subcommand move" -l force -d 'Act also on tickets someone else has locked, and close a parent whose child tickets are open'
complete -c tix -n "__fish_tix_using_subcommand move" -l json -d 'Print the changes as JSON'
complete -c tix -n "__fish_tix_using_subcommand move" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand move" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand move" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand assign" -l where -d 'Act on every ticket this query finds, as tix list shows them: open ones unless the query names a state (the syntax: tix-query(7))' -r
complete -c tix -n "__fish_tix_using_subcommand assign" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand assign" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand assign" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand assign" -l all -d 'With --where: closed tickets too, as tix list --all shows them'
complete -c tix -n "__fish_tix_using_subcommand assign" -l dry-run -d 'Print exactly what would change, and change nothing'
complete -c tix -n "__fish_tix_using_subcommand assign" -l force -d 'Act also on tickets someone else has locked, and close a parent whose child tickets are open'
complete -c tix -n "__fish_tix_using_subcommand assign" -l json -d 'Print the changes as JSON'
complete -c tix -n "__fish_tix_using_subcommand assign" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand assign" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand assign" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand responsible" -s m -l message -d 'A note for the responsible agent, added to each ticket' -r
complete -c tix -n "__fish_tix_using_subcommand responsible" -l where -d 'Act on every ticket this query finds, as tix list shows them: open ones unless the query names a state (the syntax: tix-query(7))' -r
complete -c tix -n "__fish_tix_using_subcommand responsible" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand responsible" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand responsible" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand responsible" -l all -d 'With --where: closed tickets too, as tix list --all shows them'
complete -c tix -n "__fish_tix_using_subcommand responsible" -l dry-run -d 'Print exactly what would change, and change nothing'
complete -c tix -n "__fish_tix_using_subcommand responsible" -l force -d 'Act also on tickets someone else has locked, and close a parent whose child tickets are open'
complete -c tix -n "__fish_tix_using_subcommand responsible" -l json -d 'Print the changes as JSON'
complete -c tix -n "__fish_tix_using_subcommand responsible" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand responsible" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand responsible" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand lock" -l where -d 'Act on every ticket this query finds, as tix list shows them: open ones unless the query names a state (the syntax: tix-query(7))' -r
complete -c tix -n "__fish_tix_using_subcommand lock" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand lock" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand lock" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand lock" -l all -d 'With --where: closed tickets too, as tix list --all shows them'
complete -c tix -n "__fish_tix_using_subcommand lock" -l dry-run -d 'Print exactly what would change, and change nothing'
complete -c tix -n "__fish_tix_using_subcommand lock" -l force -d 'Act also on tickets someone else has locked, and close a parent whose child tickets are open'
complete -c tix -n "__fish_tix_using_subcommand lock" -l json -d 'Print the changes as JSON'
complete -c tix -n "__fish_tix_using_subcommand lock" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand lock" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand lock" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand unlock" -l where -d 'Act on every ticket this query finds, as tix list shows them: open ones unless the query names a state (the syntax: tix-query(7))' -r
complete -c tix -n "__fish_tix_using_subcommand unlock" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand unlock" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand unlock" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand unlock" -l all -d 'With --where: closed tickets too, as tix list --all shows them'
complete -c tix -n "__fish_tix_using_subcommand unlock" -l dry-run -d 'Print exactly what would change, and change nothing'
complete -c tix -n "__fish_tix_using_subcommand unlock" -l force -d 'Act also on tickets someone else has locked, and close a parent whose child tickets are open'
complete -c tix -n "__fish_tix_using_subcommand unlock" -l json -d 'Print the changes as JSON'
complete -c tix -n "__fish_tix_using_subcommand unlock" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand unlock" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand unlock" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand state" -l until -d 'When a pending status comes due: 2026-12-01, "2026-12-01 14:00", 3d' -r
complete -c tix -n "__fish_tix_using_subcommand state" -l where -d 'Act on every ticket this query finds, as tix list shows them: open ones unless the query names a state (the syntax: tix-query(7))' -r
complete -c tix -n "__fish_tix_using_subcommand state" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand state" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand state" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand state" -l all -d 'With --where: closed tickets too, as tix list --all shows them'
complete -c tix -n "__fish_tix_using_subcommand state" -l dry-run -d 'Print exactly what would change, and change nothing'
complete -c tix -n "__fish_tix_using_subcommand state" -l force -d 'Act also on tickets someone else has locked, and close a parent whose child tickets are open'
complete -c tix -n "__fish_tix_using_subcommand state" -l json -d 'Print the changes as JSON'
complete -c tix -n "__fish_tix_using_subcommand state" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand state" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand state" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand priority" -l where -d 'Act on every ticket this query finds, as tix list shows them: open ones unless the query names a state (the syntax: tix-query(7))' -r
complete -c tix -n "__fish_tix_using_subcommand priority" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand priority" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand priority" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand priority" -l all -d 'With --where: closed tickets too, as tix list --all shows them'
complete -c tix -n "__fish_tix_using_subcommand priority" -l dry-run -d 'Print exactly what would change, and change nothing'
complete -c tix -n "__fish_tix_using_subcommand priority" -l force -d 'Act also on tickets someone else has locked, and close a parent whose child tickets are open'
complete -c tix -n "__fish_tix_using_subcommand priority" -l json -d 'Print the changes as JSON'
complete -c tix -n "__fish_tix_using_subcommand priority" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand priority" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand priority" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand tag" -l where -d 'Act on every ticket this query finds, as tix list shows them: open ones unless the query names a state (the syntax: tix-query(7))' -r
complete -c tix -n "__fish_tix_using_subcommand tag" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand tag" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand tag" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand tag" -l all -d 'With --where: closed tickets too, as tix list --all shows them'
complete -c tix -n "__fish_tix_using_subcommand tag" -l dry-run -d 'Print exactly what would change, and change nothing'
complete -c tix -n "__fish_tix_using_subcommand tag" -l force -d 'Act also on tickets someone else has locked, and close a parent whose child tickets are open'
complete -c tix -n "__fish_tix_using_subcommand tag" -l json -d 'Print the changes as JSON'
complete -c tix -n "__fish_tix_using_subcommand tag" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand tag" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand tag" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand customer" -l name -d 'The customer\'s name (else the one in ADDRESS; else none)' -r
complete -c tix -n "__fish_tix_using_subcommand customer" -l where -d 'Act on every ticket this query finds, as tix list shows them: open ones unless the query names a state (the syntax: tix-query(7))' -r
complete -c tix -n "__fish_tix_using_subcommand customer" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand customer" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand customer" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand customer" -l all -d 'With --where: closed tickets too, as tix list --all shows them'
complete -c tix -n "__fish_tix_using_subcommand customer" -l dry-run -d 'Print exactly what would change, and change nothing'
complete -c tix -n "__fish_tix_using_subcommand customer" -l force -d 'Act also on tickets someone else has locked, and close a parent whose child tickets are open'
complete -c tix -n "__fish_tix_using_subcommand customer" -l json -d 'Print the changes as JSON'
complete -c tix -n "__fish_tix_using_subcommand customer" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand customer" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand customer" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand contact; and not __fish_seen_subcommand_from import list show help" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand contact; and not __fish_seen_subcommand_from import list show help" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand contact; and not __fish_seen_subcommand_from import list show help" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand contact; and not __fish_seen_subcommand_from import list show help" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand contact; and not __fish_seen_subcommand_from import list show help" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand contact; and not __fish_seen_subcommand_from import list show help" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand contact; and not __fish_seen_subcommand_from import list show help" -f -a "import" -d 'Read contacts from a CSV file (a contact imported again is replaced); without FILE, put the config\'s `contacts:` in the store (config apply does too)'
complete -c tix -n "__fish_tix_using_subcommand contact; and not __fish_seen_subcommand_from import list show help" -f -a "list" -d 'Every contact'
complete -c tix -n "__fish_tix_using_subcommand contact; and not __fish_seen_subcommand_from import list show help" -f -a "show" -d 'A contact (by id, address or organisation) with every ticket, open ones first'
complete -c tix -n "__fish_tix_using_subcommand contact; and not __fish_seen_subcommand_from import list show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand contact; and __fish_seen_subcommand_from import" -l map -d 'The file\'s columns: id=COL,name=COL,email=COL[;COL…],org=COL,inactive=COL (default: the columns named id, name, email or e-mail, org, inactive); every other column is kept as a free field' -r
complete -c tix -n "__fish_tix_using_subcommand contact; and __fish_seen_subcommand_from import" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand contact; and __fish_seen_subcommand_from import" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand contact; and __fish_seen_subcommand_from import" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand contact; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand contact; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand contact; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand contact; and __fish_seen_subcommand_from list" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand contact; and __fish_seen_subcommand_from list" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand contact; and __fish_seen_subcommand_from list" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand contact; and __fish_seen_subcommand_from list" -l json
complete -c tix -n "__fish_tix_using_subcommand contact; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand contact; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand contact; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand contact; and __fish_seen_subcommand_from show" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand contact; and __fish_seen_subcommand_from show" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand contact; and __fish_seen_subcommand_from show" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand contact; and __fish_seen_subcommand_from show" -l json
complete -c tix -n "__fish_tix_using_subcommand contact; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand contact; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand contact; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand contact; and __fish_seen_subcommand_from help" -f -a "import" -d 'Read contacts from a CSV file (a contact imported again is replaced); without FILE, put the config\'s `contacts:` in the store (config apply does too)'
complete -c tix -n "__fish_tix_using_subcommand contact; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every contact'
complete -c tix -n "__fish_tix_using_subcommand contact; and __fish_seen_subcommand_from help" -f -a "show" -d 'A contact (by id, address or organisation) with every ticket, open ones first'
complete -c tix -n "__fish_tix_using_subcommand contact; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand import; and not __fish_seen_subcommand_from otrs osticket help" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand import; and not __fish_seen_subcommand_from otrs osticket help" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand import; and not __fish_seen_subcommand_from otrs osticket help" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand import; and not __fish_seen_subcommand_from otrs osticket help" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand import; and not __fish_seen_subcommand_from otrs osticket help" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand import; and not __fish_seen_subcommand_from otrs osticket help" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand import; and not __fish_seen_subcommand_from otrs osticket help" -f -a "otrs" -d 'From the database of OTRS 5, 6 or later, or Znuny'
complete -c tix -n "__fish_tix_using_subcommand import; and not __fish_seen_subcommand_from otrs osticket help" -f -a "osticket" -d 'From the database of osTicket (1.10 or later)'
complete -c tix -n "__fish_tix_using_subcommand import; and not __fish_seen_subcommand_from otrs osticket help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand import; and __fish_seen_subcommand_from otrs" -l article-dir -d 'OTRS\'s var/article folder (ArticleStorageFS): raw mail and attachments are read there first, then from the database' -r -F
complete -c tix -n "__fish_tix_using_subcommand import; and __fish_seen_subcommand_from otrs" -l since -d 'Only tickets changed since this date (the difference on switch-over day)' -r
complete -c tix -n "__fish_tix_using_subcommand import; and __fish_seen_subcommand_from otrs" -l write-config -d 'Also write the queues, statuses, agents and snippets found as tix YAML into DIR, for review' -r -F
complete -c tix -n "__fish_tix_using_subcommand import; and __fish_seen_subcommand_from otrs" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand import; and __fish_seen_subcommand_from otrs" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand import; and __fish_seen_subcommand_from otrs" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand import; and __fish_seen_subcommand_from otrs" -l dry-run -d 'Count what would come, write nothing'
complete -c tix -n "__fish_tix_using_subcommand import; and __fish_seen_subcommand_from otrs" -l json -d 'The summary as JSON'
complete -c tix -n "__fish_tix_using_subcommand import; and __fish_seen_subcommand_from otrs" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand import; and __fish_seen_subcommand_from otrs" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand import; and __fish_seen_subcommand_from otrs" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand import; and __fish_seen_subcommand_from osticket" -l attachment-dir -d 'The folder of osTicket\'s filesystem storage plugin, for attachments kept there' -r -F
complete -c tix -n "__fish_tix_using_subcommand import; and __fish_seen_subcommand_from osticket" -l prefix -d 'The table prefix chosen at installation' -r
complete -c tix -n "__fish_tix_using_subcommand import; and __fish_seen_subcommand_from osticket" -l since -d 'Only tickets changed since this date (the difference on switch-over day)' -r
complete -c tix -n "__fish_tix_using_subcommand import; and __fish_seen_subcommand_from osticket" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand import; and __fish_seen_subcommand_from osticket" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand import; and __fish_seen_subcommand_from osticket" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand import; and __fish_seen_subcommand_from osticket" -l dry-run -d 'Count what would come, write nothing'
complete -c tix -n "__fish_tix_using_subcommand import; and __fish_seen_subcommand_from osticket" -l json -d 'The summary as JSON'
complete -c tix -n "__fish_tix_using_subcommand import; and __fish_seen_subcommand_from osticket" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand import; and __fish_seen_subcommand_from osticket" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand import; and __fish_seen_subcommand_from osticket" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "otrs" -d 'From the database of OTRS 5, 6 or later, or Znuny'
complete -c tix -n "__fish_tix_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "osticket" -d 'From the database of osTicket (1.10 or later)'
complete -c tix -n "__fish_tix_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand note" -s m -l message -d 'The text (else --body-file, standard input, or $EDITOR)' -r
complete -c tix -n "__fish_tix_using_subcommand note" -l body-file -d 'Read the text from a file' -r -F
complete -c tix -n "__fish_tix_using_subcommand note" -l attach -d 'Attach a file (a voicemail, a scanned letter); may be repeated' -r -F
complete -c tix -n "__fish_tix_using_subcommand note" -l channel -d 'What is logged: an internal note (default), or a call, letter or fax' -r -f -a "note\t''
phone-in\t''
phone-out\t''
letter-in\t''
letter-out\t''
fax-in\t''
fax-out\t''"
complete -c tix -n "__fish_tix_using_subcommand note" -l where -d 'Act on every ticket this query finds, as tix list shows them: open ones unless the query names a state (the syntax: tix-query(7))' -r
complete -c tix -n "__fish_tix_using_subcommand note" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand note" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand note" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand note" -l all -d 'With --where: closed tickets too, as tix list --all shows them'
complete -c tix -n "__fish_tix_using_subcommand note" -l dry-run -d 'Print exactly what would change, and change nothing'
complete -c tix -n "__fish_tix_using_subcommand note" -l force -d 'Act also on tickets someone else has locked, and close a parent whose child tickets are open'
complete -c tix -n "__fish_tix_using_subcommand note" -l json -d 'Print the changes as JSON'
complete -c tix -n "__fish_tix_using_subcommand note" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand note" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand note" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand reply" -l where -d 'The same answer to every ticket this query finds (as tix list shows them), each personalised and queued in the outbox, recorded on its ticket once sent' -r
complete -c tix -n "__fish_tix_using_subcommand reply" -l rate -d 'With --where: at most this many mails a minute; the rest wait in the outbox for the next fetch, maintain or tix outbox send' -r
complete -c tix -n "__fish_tix_using_subcommand reply" -s m -l message -d 'The text (else --body-file, an answer --snippet, standard input, or $EDITOR)' -r
complete -c tix -n "__fish_tix_using_subcommand reply" -l body-file -d 'Read the text from a file' -r -F
complete -c tix -n "__fish_tix_using_subcommand reply" -l snippet -d 'An answer snippet for the text (several are joined); with -m the text follows them' -r
complete -c tix -n "__fish_tix_using_subcommand reply" -l to -d 'Send to these addresses instead of the customer' -r
complete -c tix -n "__fish_tix_using_subcommand reply" -l cc -r
complete -c tix -n "__fish_tix_using_subcommand reply" -l bcc -r
complete -c tix -n "__fish_tix_using_subcommand reply" -l state -d 'The status afterwards (default: the queue\'s reply_state; a new ticket becomes open)' -r
complete -c tix -n "__fish_tix_using_subcommand reply" -l send-draft -d 'Send a reply written with --draft (and edited since) as it now reads, if it still answers this ticket' -r -F
complete -c tix -n "__fish_tix_using_subcommand reply" -l until -d 'For a pending status afterwards: until when (default: the status\'s pending_for)' -r
complete -c tix -n "__fish_tix_using_subcommand reply" -l attach -d 'Attach a file; may be repeated' -r -F
complete -c tix -n "__fish_tix_using_subcommand reply" -l draft -d 'Write the message to FILE ("-" for standard output) instead of sending it' -r -F
complete -c tix -n "__fish_tix_using_subcommand reply" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand reply" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand reply" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand reply" -l all -d 'With --where: closed tickets too'
complete -c tix -n "__fish_tix_using_subcommand reply" -l dry-run -d 'With --where: print the first mail and how many would go; queue nothing'
complete -c tix -n "__fish_tix_using_subcommand reply" -l plain -d 'Leave out the queue\'s salutation and signature'
complete -c tix -n "__fish_tix_using_subcommand reply" -l quote -d 'Quote the customer\'s last message below the answer'
complete -c tix -n "__fish_tix_using_subcommand reply" -l force -d 'Act on a ticket someone else has locked'
complete -c tix -n "__fish_tix_using_subcommand reply" -l json -d 'Print what was sent as JSON'
complete -c tix -n "__fish_tix_using_subcommand reply" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand reply" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand reply" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand forward" -l to -d 'Where to: may be repeated' -r
complete -c tix -n "__fish_tix_using_subcommand forward" -l cc -r
complete -c tix -n "__fish_tix_using_subcommand forward" -s m -l message -d 'A few words above the forwarded mail' -r
complete -c tix -n "__fish_tix_using_subcommand forward" -l attach -d 'Attach a file; may be repeated' -r -F
complete -c tix -n "__fish_tix_using_subcommand forward" -l draft -d 'Write the message to FILE ("-" for standard output) instead of sending it' -r -F
complete -c tix -n "__fish_tix_using_subcommand forward" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand forward" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand forward" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand forward" -l force -d 'Act on a ticket someone else has locked'
complete -c tix -n "__fish_tix_using_subcommand forward" -l json -d 'Print what was sent as JSON'
complete -c tix -n "__fish_tix_using_subcommand forward" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand forward" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand forward" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand redirect" -l to -d 'Where it goes' -r
complete -c tix -n "__fish_tix_using_subcommand redirect" -l article -d 'The article to resend, as tix show numbers them (default: the first mail that came in)' -r
complete -c tix -n "__fish_tix_using_subcommand redirect" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand redirect" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand redirect" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand redirect" -l close -d 'Close the ticket afterwards (its first closed status)'
complete -c tix -n "__fish_tix_using_subcommand redirect" -l force -d 'Act on a ticket someone else has locked'
complete -c tix -n "__fish_tix_using_subcommand redirect" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand redirect" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand redirect" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand merge" -l into -d 'The ticket that stays' -r
complete -c tix -n "__fish_tix_using_subcommand merge" -l where -d 'Act on every ticket this query finds, as tix list shows them: open ones unless the query names a state (the syntax: tix-query(7))' -r
complete -c tix -n "__fish_tix_using_subcommand merge" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand merge" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand merge" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand merge" -l oldest -d 'Merge all the named tickets into the oldest of them'
complete -c tix -n "__fish_tix_using_subcommand merge" -l all -d 'With --where: closed tickets too, as tix list --all shows them'
complete -c tix -n "__fish_tix_using_subcommand merge" -l dry-run -d 'Print exactly what would change, and change nothing'
complete -c tix -n "__fish_tix_using_subcommand merge" -l force -d 'Act also on tickets someone else has locked, and close a parent whose child tickets are open'
complete -c tix -n "__fish_tix_using_subcommand merge" -l json -d 'Print the changes as JSON'
complete -c tix -n "__fish_tix_using_subcommand merge" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand merge" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand merge" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand unmerge" -l where -d 'Act on every ticket this query finds, as tix list shows them: open ones unless the query names a state (the syntax: tix-query(7))' -r
complete -c tix -n "__fish_tix_using_subcommand unmerge" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand unmerge" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand unmerge" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand unmerge" -l all -d 'With --where: closed tickets too, as tix list --all shows them'
complete -c tix -n "__fish_tix_using_subcommand unmerge" -l dry-run -d 'Print exactly what would change, and change nothing'
complete -c tix -n "__fish_tix_using_subcommand unmerge" -l force -d 'Act also on tickets someone else has locked, and close a parent whose child tickets are open'
complete -c tix -n "__fish_tix_using_subcommand unmerge" -l json -d 'Print the changes as JSON'
complete -c tix -n "__fish_tix_using_subcommand unmerge" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand unmerge" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand unmerge" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand split" -l article -d 'The article to move, numbered as tix show numbers them' -r
complete -c tix -n "__fish_tix_using_subcommand split" -l queue -d 'The new ticket\'s queue (else the ticket\'s)' -r
complete -c tix -n "__fish_tix_using_subcommand split" -l title -d 'The new ticket\'s title (else the article\'s subject)' -r
complete -c tix -n "__fish_tix_using_subcommand split" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand split" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand split" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand split" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand split" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand split" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand link" -l where -d 'Act on every ticket this query finds, as tix list shows them: open ones unless the query names a state (the syntax: tix-query(7))' -r
complete -c tix -n "__fish_tix_using_subcommand link" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand link" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand link" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand link" -l parent -d 'Each ticket is the parent of OTHER'
complete -c tix -n "__fish_tix_using_subcommand link" -l child -d 'Each ticket is a child of OTHER (closing OTHER waits for it)'
complete -c tix -n "__fish_tix_using_subcommand link" -l related -d 'Related (the default)'
complete -c tix -n "__fish_tix_using_subcommand link" -l all -d 'With --where: closed tickets too, as tix list --all shows them'
complete -c tix -n "__fish_tix_using_subcommand link" -l dry-run -d 'Print exactly what would change, and change nothing'
complete -c tix -n "__fish_tix_using_subcommand link" -l force -d 'Act also on tickets someone else has locked, and close a parent whose child tickets are open'
complete -c tix -n "__fish_tix_using_subcommand link" -l json -d 'Print the changes as JSON'
complete -c tix -n "__fish_tix_using_subcommand link" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand link" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand link" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand unlink" -l where -d 'Act on every ticket this query finds, as tix list shows them: open ones unless the query names a state (the syntax: tix-query(7))' -r
complete -c tix -n "__fish_tix_using_subcommand unlink" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand unlink" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand unlink" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand unlink" -l all -d 'With --where: closed tickets too, as tix list --all shows them'
complete -c tix -n "__fish_tix_using_subcommand unlink" -l dry-run -d 'Print exactly what would change, and change nothing'
complete -c tix -n "__fish_tix_using_subcommand unlink" -l force -d 'Act also on tickets someone else has locked, and close a parent whose child tickets are open'
complete -c tix -n "__fish_tix_using_subcommand unlink" -l json -d 'Print the changes as JSON'
complete -c tix -n "__fish_tix_using_subcommand unlink" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand unlink" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand unlink" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand close" -l reason -d 'Why: the status "closed REASON" is set' -r -f -a "successful\t''
unsuccessful\t''
spam\t'Spam: closed at once'
zombie\t'A "thanks" that reopened a finished ticket'"
complete -c tix -n "__fish_tix_using_subcommand close" -s m -l message -d 'A closing note, added to each ticket' -r
complete -c tix -n "__fish_tix_using_subcommand close" -l where -d 'Act on every ticket this query finds, as tix list shows them: open ones unless the query names a state (the syntax: tix-query(7))' -r
complete -c tix -n "__fish_tix_using_subcommand close" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand close" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand close" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand close" -l all -d 'With --where: closed tickets too, as tix list --all shows them'
complete -c tix -n "__fish_tix_using_subcommand close" -l dry-run -d 'Print exactly what would change, and change nothing'
complete -c tix -n "__fish_tix_using_subcommand close" -l force -d 'Act also on tickets someone else has locked, and close a parent whose child tickets are open'
complete -c tix -n "__fish_tix_using_subcommand close" -l json -d 'Print the changes as JSON'
complete -c tix -n "__fish_tix_using_subcommand close" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand close" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand close" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand reopen" -l where -d 'Act on every ticket this query finds, as tix list shows them: open ones unless the query names a state (the syntax: tix-query(7))' -r
complete -c tix -n "__fish_tix_using_subcommand reopen" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand reopen" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand reopen" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand reopen" -l all -d 'With --where: closed tickets too, as tix list --all shows them'
complete -c tix -n "__fish_tix_using_subcommand reopen" -l dry-run -d 'Print exactly what would change, and change nothing'
complete -c tix -n "__fish_tix_using_subcommand reopen" -l force -d 'Act also on tickets someone else has locked, and close a parent whose child tickets are open'
complete -c tix -n "__fish_tix_using_subcommand reopen" -l json -d 'Print the changes as JSON'
complete -c tix -n "__fish_tix_using_subcommand reopen" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand reopen" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand reopen" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand delete" -l where -d 'Act on every ticket this query finds, as tix list shows them: open ones unless the query names a state (the syntax: tix-query(7))' -r
complete -c tix -n "__fish_tix_using_subcommand delete" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand delete" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand delete" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand delete" -l all -d 'With --where: closed tickets too, as tix list --all shows them'
complete -c tix -n "__fish_tix_using_subcommand delete" -l dry-run -d 'Print exactly what would change, and change nothing'
complete -c tix -n "__fish_tix_using_subcommand delete" -l force -d 'Act also on tickets someone else has locked, and close a parent whose child tickets are open'
complete -c tix -n "__fish_tix_using_subcommand delete" -l json -d 'Print the changes as JSON'
complete -c tix -n "__fish_tix_using_subcommand delete" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand delete" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand delete" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand purge" -l older-than -d 'Only tickets deleted at least this many days ago' -r
complete -c tix -n "__fish_tix_using_subcommand purge" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand purge" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand purge" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand purge" -l dry-run -d 'Print what would be purged, and purge nothing'
complete -c tix -n "__fish_tix_using_subcommand purge" -l json -d 'Print the purged tickets as JSON'
complete -c tix -n "__fish_tix_using_subcommand purge" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand purge" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand purge" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand route" -l explain -d 'A message file: each rule, whether it matched and why, and the result; writes nothing' -r -F
complete -c tix -n "__fish_tix_using_subcommand route" -l where -d 'Act on every ticket this query finds, as tix list shows them: open ones unless the query names a state (the syntax: tix-query(7))' -r
complete -c tix -n "__fish_tix_using_subcommand route" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand route" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand route" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand route" -l apply -d 'Run the rules again on tickets already in the store (named, or --where)'
complete -c tix -n "__fish_tix_using_subcommand route" -l all -d 'With --where: closed tickets too, as tix list --all shows them'
complete -c tix -n "__fish_tix_using_subcommand route" -l dry-run -d 'Print exactly what would change, and change nothing'
complete -c tix -n "__fish_tix_using_subcommand route" -l force -d 'Act also on tickets someone else has locked, and close a parent whose child tickets are open'
complete -c tix -n "__fish_tix_using_subcommand route" -l json -d 'Print the changes as JSON'
complete -c tix -n "__fish_tix_using_subcommand route" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand route" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand route" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand bounce-report" -l path -d 'Message files, folders of them (with their subfolders), Maildirs or mbox files to read instead of tickets' -r -F
complete -c tix -n "__fish_tix_using_subcommand bounce-report" -l state -d 'Only addresses the bounce record has in this state (tix bounce list)' -r -f -a "ok\t''
watch\t''
hold\t''
removed\t''"
complete -c tix -n "__fish_tix_using_subcommand bounce-report" -l format -d 'Output form' -r -f -a "table\t''
csv\t''
json\t''
addresses\t'One address per line, hard bounces only unless --soft'
soft\t'One address per line that failed softly and never hard: the "retry later" list'"
complete -c tix -n "__fish_tix_using_subcommand bounce-report" -l since -d 'Only bounces dated on or after DATE' -r
complete -c tix -n "__fish_tix_using_subcommand bounce-report" -l min-count -d 'An address counts once it bounced this often (default 1)' -r
complete -c tix -n "__fish_tix_using_subcommand bounce-report" -l move-to -d 'Move the bounce tickets found to this queue' -r
complete -c tix -n "__fish_tix_using_subcommand bounce-report" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand bounce-report" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand bounce-report" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand bounce-report" -l own -d 'Reports of mail tix sent itself too (an agent\'s reply that bounced, kept on its ticket); without it only other mail\'s bounces count'
complete -c tix -n "__fish_tix_using_subcommand bounce-report" -l json -d 'The same as --format json'
complete -c tix -n "__fish_tix_using_subcommand bounce-report" -l per-message -d 'One object per input message instead of one per address (JSON)'
complete -c tix -n "__fish_tix_using_subcommand bounce-report" -l soft -d 'Soft bounces too: listed with --format addresses (an address soft-bounced --min-count times), and acted on by --merge-oldest/--move-to/--close'
complete -c tix -n "__fish_tix_using_subcommand bounce-report" -l merge-oldest -d 'Merge the bounce tickets found into the oldest of them'
complete -c tix -n "__fish_tix_using_subcommand bounce-report" -l close -d 'Close the bounce tickets found (successful)'
complete -c tix -n "__fish_tix_using_subcommand bounce-report" -l dry-run -d 'With --merge-oldest/--move-to/--close: print what would change, change nothing'
complete -c tix -n "__fish_tix_using_subcommand bounce-report" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand bounce-report" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand bounce-report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand bounce; and not __fish_seen_subcommand_from list show clear remove round rescan help" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand bounce; and not __fish_seen_subcommand_from list show clear remove round rescan help" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand bounce; and not __fish_seen_subcommand_from list show clear remove round rescan help" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand bounce; and not __fish_seen_subcommand_from list show clear remove round rescan help" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand bounce; and not __fish_seen_subcommand_from list show clear remove round rescan help" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand bounce; and not __fish_seen_subcommand_from list show clear remove round rescan help" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand bounce; and not __fish_seen_subcommand_from list show clear remove round rescan help" -f -a "list" -d 'The addresses in the record, with state, score and last bounce'
complete -c tix -n "__fish_tix_using_subcommand bounce; and not __fish_seen_subcommand_from list show clear remove round rescan help" -f -a "show" -d 'Every verdict about an address, with the message each came from'
complete -c tix -n "__fish_tix_using_subcommand bounce; and not __fish_seen_subcommand_from list show clear remove round rescan help" -f -a "clear" -d 'The address works (the member confirmed it): state ok, score 0'
complete -c tix -n "__fish_tix_using_subcommand bounce; and not __fish_seen_subcommand_from list show clear remove round rescan help" -f -a "remove" -d 'The address was taken off the member list: state removed'
complete -c tix -n "__fish_tix_using_subcommand bounce; and not __fish_seen_subcommand_from list show clear remove round rescan help" -f -a "round" -d 'Write once more to each address on watch (a snippet, through the outbox, under the probe return path); a probe that bounces holds it'
complete -c tix -n "__fish_tix_using_subcommand bounce; and not __fish_seen_subcommand_from list show clear remove round rescan help" -f -a "rescan" -d 'Read the delivery reports already in the store into the record (a store that held bounces before the record existed)'
complete -c tix -n "__fish_tix_using_subcommand bounce; and not __fish_seen_subcommand_from list show clear remove round rescan help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from list" -l state -d 'Only addresses in this state' -r -f -a "ok\t''
watch\t''
hold\t''
removed\t''"
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from list" -l format -r -f -a "table\t''
csv\t''
json\t''
addresses\t'One address per line'
civicrm\t'CiviCRM\'s email fields (email, on_hold, hold_date) with the member as external_identifier, for its import'
listmonk\t'listmonk\'s bounce webhook (POST /webhooks/bounce), one JSON object per address'
mailman\t'Mailman 3\'s `mailman delmembers -f`: one address per line, held and removed ones only'"
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from list" -l members -d 'The member list (CSV): one row per member with the record\'s state of each of their addresses; members whose every address is held listed apart (reach by post)' -r -F
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from list" -l map -d 'The member list\'s columns: id=COL,name=COL,email=COL[;COL…] (default: the columns named id, name and email or e-mail)' -r
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from list" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from list" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from list" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from list" -l json -d 'The same as --format json'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from list" -l contacts -d 'The same with the store\'s contacts as the member list (tix contact import)'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from show" -l raw -d 'Print the raw mail of verdict K (as numbered in the list)' -r
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from show" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from show" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from show" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from show" -l json
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from clear" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from clear" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from clear" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from clear" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from clear" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from clear" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from remove" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from remove" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from remove" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from round" -l snippet -d 'The answer snippet to send' -r
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from round" -l subject -d 'The probes\' subject' -r
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from round" -l queue -d 'Send as this queue (its sender, salutation and signature)' -r
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from round" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from round" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from round" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from round" -l dry-run -d 'Print who would be written to, send nothing'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from round" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from round" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from round" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from rescan" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from rescan" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from rescan" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from rescan" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from rescan" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from rescan" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from help" -f -a "list" -d 'The addresses in the record, with state, score and last bounce'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from help" -f -a "show" -d 'Every verdict about an address, with the message each came from'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from help" -f -a "clear" -d 'The address works (the member confirmed it): state ok, score 0'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from help" -f -a "remove" -d 'The address was taken off the member list: state removed'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from help" -f -a "round" -d 'Write once more to each address on watch (a snippet, through the outbox, under the probe return path); a probe that bounces holds it'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from help" -f -a "rescan" -d 'Read the delivery reports already in the store into the record (a store that held bounces before the record existed)'
complete -c tix -n "__fish_tix_using_subcommand bounce; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand snippet; and not __fish_seen_subcommand_from list show render help" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand snippet; and not __fish_seen_subcommand_from list show render help" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand snippet; and not __fish_seen_subcommand_from list show render help" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand snippet; and not __fish_seen_subcommand_from list show render help" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand snippet; and not __fish_seen_subcommand_from list show render help" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand snippet; and not __fish_seen_subcommand_from list show render help" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand snippet; and not __fish_seen_subcommand_from list show render help" -f -a "list" -d 'List the snippets and the queues that use them by default'
complete -c tix -n "__fish_tix_using_subcommand snippet; and not __fish_seen_subcommand_from list show render help" -f -a "show" -d 'Print a snippet\'s template'
complete -c tix -n "__fish_tix_using_subcommand snippet; and not __fish_seen_subcommand_from list show render help" -f -a "render" -d 'Print a snippet filled in for a ticket (what a reply would contain)'
complete -c tix -n "__fish_tix_using_subcommand snippet; and not __fish_seen_subcommand_from list show render help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand snippet; and __fish_seen_subcommand_from list" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand snippet; and __fish_seen_subcommand_from list" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand snippet; and __fish_seen_subcommand_from list" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand snippet; and __fish_seen_subcommand_from list" -l json -d 'Print JSON'
complete -c tix -n "__fish_tix_using_subcommand snippet; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand snippet; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand snippet; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand snippet; and __fish_seen_subcommand_from show" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand snippet; and __fish_seen_subcommand_from show" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand snippet; and __fish_seen_subcommand_from show" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand snippet; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand snippet; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand snippet; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand snippet; and __fish_seen_subcommand_from render" -l ticket -d 'The ticket (number or tail)' -r
complete -c tix -n "__fish_tix_using_subcommand snippet; and __fish_seen_subcommand_from render" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand snippet; and __fish_seen_subcommand_from render" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand snippet; and __fish_seen_subcommand_from render" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand snippet; and __fish_seen_subcommand_from render" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand snippet; and __fish_seen_subcommand_from render" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand snippet; and __fish_seen_subcommand_from render" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand snippet; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the snippets and the queues that use them by default'
complete -c tix -n "__fish_tix_using_subcommand snippet; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print a snippet\'s template'
complete -c tix -n "__fish_tix_using_subcommand snippet; and __fish_seen_subcommand_from help" -f -a "render" -d 'Print a snippet filled in for a ticket (what a reply would contain)'
complete -c tix -n "__fish_tix_using_subcommand snippet; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and not __fish_seen_subcommand_from list show retry help" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand quarantine; and not __fish_seen_subcommand_from list show retry help" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand quarantine; and not __fish_seen_subcommand_from list show retry help" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand quarantine; and not __fish_seen_subcommand_from list show retry help" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and not __fish_seen_subcommand_from list show retry help" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and not __fish_seen_subcommand_from list show retry help" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and not __fish_seen_subcommand_from list show retry help" -f -a "list" -d 'List quarantined messages (also `tix list --quarantined`)'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and not __fish_seen_subcommand_from list show retry help" -f -a "show" -d 'Print a quarantined message\'s original bytes'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and not __fish_seen_subcommand_from list show retry help" -f -a "retry" -d 'Parse quarantined messages again and file those that now read as mail'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and not __fish_seen_subcommand_from list show retry help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from list" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from list" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from list" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from list" -l json -d 'Print JSON'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from show" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from show" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from show" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from retry" -l max-size -d 'Size limit in MB for this retry (default 25), to let a known large message in' -r
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from retry" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from retry" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from retry" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from retry" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from retry" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from retry" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from help" -f -a "list" -d 'List quarantined messages (also `tix list --quarantined`)'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print a quarantined message\'s original bytes'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from help" -f -a "retry" -d 'Parse quarantined messages again and file those that now read as mail'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand outbox; and not __fish_seen_subcommand_from list send help" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand outbox; and not __fish_seen_subcommand_from list send help" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand outbox; and not __fish_seen_subcommand_from list send help" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand outbox; and not __fish_seen_subcommand_from list send help" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand outbox; and not __fish_seen_subcommand_from list send help" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand outbox; and not __fish_seen_subcommand_from list send help" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand outbox; and not __fish_seen_subcommand_from list send help" -f -a "list" -d 'List queued and failed messages (--all: sent ones too)'
complete -c tix -n "__fish_tix_using_subcommand outbox; and not __fish_seen_subcommand_from list send help" -f -a "send" -d 'Send what is queued now (fetch and ingest do this after every run)'
complete -c tix -n "__fish_tix_using_subcommand outbox; and not __fish_seen_subcommand_from list send help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand outbox; and __fish_seen_subcommand_from list" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand outbox; and __fish_seen_subcommand_from list" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand outbox; and __fish_seen_subcommand_from list" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand outbox; and __fish_seen_subcommand_from list" -l all
complete -c tix -n "__fish_tix_using_subcommand outbox; and __fish_seen_subcommand_from list" -l json
complete -c tix -n "__fish_tix_using_subcommand outbox; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand outbox; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand outbox; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand outbox; and __fish_seen_subcommand_from send" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand outbox; and __fish_seen_subcommand_from send" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand outbox; and __fish_seen_subcommand_from send" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand outbox; and __fish_seen_subcommand_from send" -l retry-failed -d 'Give messages the server refused for good another try'
complete -c tix -n "__fish_tix_using_subcommand outbox; and __fish_seen_subcommand_from send" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand outbox; and __fish_seen_subcommand_from send" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand outbox; and __fish_seen_subcommand_from send" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand outbox; and __fish_seen_subcommand_from help" -f -a "list" -d 'List queued and failed messages (--all: sent ones too)'
complete -c tix -n "__fish_tix_using_subcommand outbox; and __fish_seen_subcommand_from help" -f -a "send" -d 'Send what is queued now (fetch and ingest do this after every run)'
complete -c tix -n "__fish_tix_using_subcommand outbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand maintain" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand maintain" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand maintain" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand maintain" -l dry-run -d 'Print what would be done, and do nothing (nothing is sent)'
complete -c tix -n "__fish_tix_using_subcommand maintain" -l json -d 'Print what was done as JSON'
complete -c tix -n "__fish_tix_using_subcommand maintain" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand maintain" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand maintain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand dashboard" -l queue -d 'Only this queue and the queues nested below it' -r
complete -c tix -n "__fish_tix_using_subcommand dashboard" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand dashboard" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand dashboard" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand dashboard" -l json -d 'All of it as one JSON object'
complete -c tix -n "__fish_tix_using_subcommand dashboard" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand dashboard" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand dashboard" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand report" -l from -d 'The first day (or instant) of the period [default: the first of the month --to falls in, else of last month]' -r
complete -c tix -n "__fish_tix_using_subcommand report" -l to -d 'The last day of the period, included (or an instant, excluded) [default: now with --from, else the end of last month]' -r
complete -c tix -n "__fish_tix_using_subcommand report" -l by -d 'Figures per queue, agent (the ticket\'s owner), month or week' -r -f -a "queue\t''
agent\t'The ticket\'s owner ("-" for none)'
month\t''
week\t''"
complete -c tix -n "__fish_tix_using_subcommand report" -l queue -d 'Only this queue and the queues nested below it' -r
complete -c tix -n "__fish_tix_using_subcommand report" -l format -d 'Output form; html is one self-contained page with charts' -r -f -a "table\t''
csv\t''
json\t''
html\t''"
complete -c tix -n "__fish_tix_using_subcommand report" -l mail -d 'Mail the report to these addresses through the outbox instead of printing it (the table as text, the chosen form attached)' -r
complete -c tix -n "__fish_tix_using_subcommand report" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand report" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand report" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand report" -l json -d 'The same as --format json'
complete -c tix -n "__fish_tix_using_subcommand report" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand report" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand person; and not __fish_seen_subcommand_from export erase help" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand person; and not __fish_seen_subcommand_from export erase help" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand person; and not __fish_seen_subcommand_from export erase help" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand person; and not __fish_seen_subcommand_from export erase help" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand person; and not __fish_seen_subcommand_from export erase help" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand person; and not __fish_seen_subcommand_from export erase help" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand person; and not __fish_seen_subcommand_from export erase help" -f -a "export" -d 'Everything tix holds about a person (their tickets, every article naming them, raw mail, attachments, bounce record, outbox, contact) as mail.mbox, person.json and attachments/ in a folder'
complete -c tix -n "__fish_tix_using_subcommand person; and not __fish_seen_subcommand_from export erase help" -f -a "erase" -d 'Erase a person: their tickets deleted for good (or, with --anonymise, kept with every text replaced), their addresses and name blanked out of other tickets\' articles and history, their original mails, attachments, index entries, outbox mail, bounce record and contact deleted; `tix store compact` then removes the bytes from the store\'s files'
complete -c tix -n "__fish_tix_using_subcommand person; and not __fish_seen_subcommand_from export erase help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand person; and __fish_seen_subcommand_from export" -l to -d 'The folder to write (made if need be; files are never overwritten) [default: tix-person-ADDRESS]' -r -F
complete -c tix -n "__fish_tix_using_subcommand person; and __fish_seen_subcommand_from export" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand person; and __fish_seen_subcommand_from export" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand person; and __fish_seen_subcommand_from export" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand person; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand person; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand person; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand person; and __fish_seen_subcommand_from erase" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand person; and __fish_seen_subcommand_from erase" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand person; and __fish_seen_subcommand_from erase" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand person; and __fish_seen_subcommand_from erase" -l anonymise -d 'Keep their tickets for statistics, every text and address replaced'
complete -c tix -n "__fish_tix_using_subcommand person; and __fish_seen_subcommand_from erase" -l dry-run -d 'List exactly what would be erased, and erase nothing'
complete -c tix -n "__fish_tix_using_subcommand person; and __fish_seen_subcommand_from erase" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand person; and __fish_seen_subcommand_from erase" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand person; and __fish_seen_subcommand_from erase" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand person; and __fish_seen_subcommand_from help" -f -a "export" -d 'Everything tix holds about a person (their tickets, every article naming them, raw mail, attachments, bounce record, outbox, contact) as mail.mbox, person.json and attachments/ in a folder'
complete -c tix -n "__fish_tix_using_subcommand person; and __fish_seen_subcommand_from help" -f -a "erase" -d 'Erase a person: their tickets deleted for good (or, with --anonymise, kept with every text replaced), their addresses and name blanked out of other tickets\' articles and history, their original mails, attachments, index entries, outbox mail, bounce record and contact deleted; `tix store compact` then removes the bytes from the store\'s files'
complete -c tix -n "__fish_tix_using_subcommand person; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand store; and not __fish_seen_subcommand_from copy move compact roles help" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand store; and not __fish_seen_subcommand_from copy move compact roles help" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand store; and not __fish_seen_subcommand_from copy move compact roles help" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand store; and not __fish_seen_subcommand_from copy move compact roles help" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand store; and not __fish_seen_subcommand_from copy move compact roles help" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand store; and not __fish_seen_subcommand_from copy move compact roles help" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand store; and not __fish_seen_subcommand_from copy move compact roles help" -f -a "copy" -d 'Copy the whole store into a new, empty one (an SQLite file or a postgres:// URL): tickets, articles, raw messages, attachments, history, tags, IMAP folder state and outbox; verified at the end'
complete -c tix -n "__fish_tix_using_subcommand store; and not __fish_seen_subcommand_from copy move compact roles help" -f -a "move" -d 'Move to another store: copy into a new one (or, into the copy made before, the mail that arrived here since), then mark this one as moved: from then on every write here is refused, naming the new store (exit 75 for intake, so an MTA keeps the mail until its pipe names the new store); reads still work'
complete -c tix -n "__fish_tix_using_subcommand store; and not __fish_seen_subcommand_from copy move compact roles help" -f -a "compact" -d 'Remove deleted data from the store\'s files: the full-text index merged (deleted words leave it), the file rewritten and its write-ahead log emptied (SQLite), every table vacuumed in full (PostgreSQL). Run it after `tix person erase` or `tix purge`; it holds the store for as long as it takes'
complete -c tix -n "__fish_tix_using_subcommand store; and not __fish_seen_subcommand_from copy move compact roles help" -f -a "roles" -d 'The database role of each agent and the queues it may see; with --sync, make the roles, their grants and the row-level security policies on a PostgreSQL store from the config (queues[].access), so that an agent connected as its role (postgres://tix_anna@…) sees only its queues\' tickets, mail and history, in tix or in psql'
complete -c tix -n "__fish_tix_using_subcommand store; and not __fish_seen_subcommand_from copy move compact roles help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from copy" -l to -d 'The new store: an SQLite file or postgres://USER@HOST/DATABASE' -r -F
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from copy" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from copy" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from copy" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from copy" -l json -d 'Print what was copied as JSON'
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from copy" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from copy" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from copy" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from move" -l to -d 'The new store: an SQLite file or postgres://USER@HOST/DATABASE' -r -F
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from move" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from move" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from move" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from move" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from move" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from move" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from compact" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from compact" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from compact" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from compact" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from compact" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from compact" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from roles" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from roles" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from roles" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from roles" -l sync -d 'Create and update the roles and policies (run as the store\'s owner)'
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from roles" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from roles" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from roles" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "copy" -d 'Copy the whole store into a new, empty one (an SQLite file or a postgres:// URL): tickets, articles, raw messages, attachments, history, tags, IMAP folder state and outbox; verified at the end'
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "move" -d 'Move to another store: copy into a new one (or, into the copy made before, the mail that arrived here since), then mark this one as moved: from then on every write here is refused, naming the new store (exit 75 for intake, so an MTA keeps the mail until its pipe names the new store); reads still work'
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "compact" -d 'Remove deleted data from the store\'s files: the full-text index merged (deleted words leave it), the file rewritten and its write-ahead log emptied (SQLite), every table vacuumed in full (PostgreSQL). Run it after `tix person erase` or `tix purge`; it holds the store for as long as it takes'
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "roles" -d 'The database role of each agent and the queues it may see; with --sync, make the roles, their grants and the row-level security policies on a PostgreSQL store from the config (queues[].access), so that an agent connected as its role (postgres://tix_anna@…) sees only its queues\' tickets, mail and history, in tix or in psql'
complete -c tix -n "__fish_tix_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand agent; and not __fish_seen_subcommand_from away back list help" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand agent; and not __fish_seen_subcommand_from away back list help" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand agent; and not __fish_seen_subcommand_from away back list help" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand agent; and not __fish_seen_subcommand_from away back list help" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand agent; and not __fish_seen_subcommand_from away back list help" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand agent; and not __fish_seen_subcommand_from away back list help" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand agent; and not __fish_seen_subcommand_from away back list help" -f -a "away" -d 'Mark an agent away until a date: what would be mailed to them goes to the substitute, else to the queue\'s subscribers'
complete -c tix -n "__fish_tix_using_subcommand agent; and not __fish_seen_subcommand_from away back list help" -f -a "back" -d 'End an agent\'s absence now'
complete -c tix -n "__fish_tix_using_subcommand agent; and not __fish_seen_subcommand_from away back list help" -f -a "list" -d 'The configured agents, and who is away'
complete -c tix -n "__fish_tix_using_subcommand agent; and not __fish_seen_subcommand_from away back list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand agent; and __fish_seen_subcommand_from away" -l until -d 'Back on this date (2026-12-24, "2026-12-24 12:00", 2w), local time' -r
complete -c tix -n "__fish_tix_using_subcommand agent; and __fish_seen_subcommand_from away" -l substitute -d 'Who stands in meanwhile' -r
complete -c tix -n "__fish_tix_using_subcommand agent; and __fish_seen_subcommand_from away" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand agent; and __fish_seen_subcommand_from away" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand agent; and __fish_seen_subcommand_from away" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand agent; and __fish_seen_subcommand_from away" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand agent; and __fish_seen_subcommand_from away" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand agent; and __fish_seen_subcommand_from away" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand agent; and __fish_seen_subcommand_from back" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand agent; and __fish_seen_subcommand_from back" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand agent; and __fish_seen_subcommand_from back" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand agent; and __fish_seen_subcommand_from back" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand agent; and __fish_seen_subcommand_from back" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand agent; and __fish_seen_subcommand_from back" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand agent; and __fish_seen_subcommand_from list" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand agent; and __fish_seen_subcommand_from list" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand agent; and __fish_seen_subcommand_from list" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand agent; and __fish_seen_subcommand_from list" -l json
complete -c tix -n "__fish_tix_using_subcommand agent; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand agent; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand agent; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "away" -d 'Mark an agent away until a date: what would be mailed to them goes to the substitute, else to the queue\'s subscribers'
complete -c tix -n "__fish_tix_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "back" -d 'End an agent\'s absence now'
complete -c tix -n "__fish_tix_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "list" -d 'The configured agents, and who is away'
complete -c tix -n "__fish_tix_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand generate; and not __fish_seen_subcommand_from man completions help" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand generate; and not __fish_seen_subcommand_from man completions help" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand generate; and not __fish_seen_subcommand_from man completions help" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand generate; and not __fish_seen_subcommand_from man completions help" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand generate; and not __fish_seen_subcommand_from man completions help" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand generate; and not __fish_seen_subcommand_from man completions help" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand generate; and not __fish_seen_subcommand_from man completions help" -f -a "man" -d 'Man pages: tix.1, tix-COMMAND.1 for each subcommand, tix-config.5, tix-query.7, tix-json.7'
complete -c tix -n "__fish_tix_using_subcommand generate; and not __fish_seen_subcommand_from man completions help" -f -a "completions" -d 'Completions for bash, zsh and fish'
complete -c tix -n "__fish_tix_using_subcommand generate; and not __fish_seen_subcommand_from man completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from man" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from man" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from man" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from man" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from man" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from man" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from completions" -l db -d 'The ticket store: an SQLite file, or postgres://USER@HOST/DATABASE [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from completions" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from completions" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from completions" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from completions" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from completions" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "man" -d 'Man pages: tix.1, tix-COMMAND.1 for each subcommand, tix-config.5, tix-query.7, tix-json.7'
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "completions" -d 'Completions for bash, zsh and fish'
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "init" -d 'Create the store and write a commented example config'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "config" -d 'Check the YAML configuration, make it the store\'s configuration in force, or show where tix looks'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "ingest" -d 'Take one message on stdin (from an MTA pipe); exit 75 asks the MTA to retry'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "fetch" -d 'Import mail: the IMAP accounts of the config (all, or those named), or Maildirs and mbox files'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "new" -d 'Open a ticket by hand; prints its number'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "list" -d 'List tickets (open ones by default), optionally those a query finds'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "search" -d 'Search every ticket (not only open ones): with words, the ticket of the newest matching mail or note first; otherwise the most recently changed first'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "show" -d 'Show a ticket and every article in order'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "history" -d 'Show a ticket\'s history'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "move" -d 'Move tickets to another queue (nested names as LV::Mitglieder)'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "assign" -d 'Set the owner: the agent who keeps the ticket ("none" clears, "me" is you)'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "responsible" -d 'Ask an agent of another unit to act: they see "their" tickets with `tix list --responsible me`, marked when the customer wrote again'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "lock" -d 'Lock tickets to yourself: others see them hidden from `tix list --available`'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "unlock" -d 'Release your lock (or, with --force, someone else\'s)'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "state" -d 'Set the status (from the config); pending statuses need --until'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "priority" -d 'Set the priority: 1–5 or very-low, low, normal, high, very-high'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "tag" -d 'Add (+tag) and remove (-tag) tags'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "customer" -d 'Change who a ticket is for: replies, reminders and the closing answer go to this address, greeted by this name'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "contact" -d 'The people tickets are for: imported from the member list'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "import" -d 'Bring another system\'s tickets in, numbers and raw mail kept'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "note" -d 'Add an internal note, or log a phone call, letter or fax'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "reply" -d 'Answer the customer by mail: salutation, text and signature, threaded'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "forward" -d 'Forward the ticket\'s last mail (attached as it came) to other addresses'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "redirect" -d 'Resend a customer\'s original mail unchanged to another address (it was meant for someone else), recorded on the ticket'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "merge" -d 'Merge duplicates: their articles join the target in date order, later mail for them lands there'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "unmerge" -d 'Undo a merge: the merged ticket gets its own articles back from the ticket it was merged into, and the status it had'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "split" -d 'Move one article (its mail, attachments and search entries) to a new ticket for the same person: a mail that raised two topics becomes two tickets, linked; answers to that mail follow it'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "link" -d 'Link tickets: a parent and its children (a task and its parts), or related ones'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "unlink" -d 'Remove the link between tickets'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "close" -d 'Close tickets, successful unless a reason says otherwise'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "reopen" -d 'Open closed tickets again'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "delete" -d 'Delete tickets: out of every list, purged for good by `tix purge`'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "purge" -d 'Remove deleted tickets for good (raw mail, attachments, index, history)'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "route" -d 'Show what the routing rules do with a message, or run them again on tickets'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "bounce-report" -d 'Bounced addresses, hard and soft, with reason and counts'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "bounce" -d 'The bounce record: each address\'s bounces, score and state'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "snippet" -d 'Salutations, signatures and answer templates from the config'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "quarantine" -d 'Quarantined messages: list them, print one, parse them again'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "outbox" -d 'Show and send what is queued: auto-replies, notifications, digests, probes, bulk answers, hooks'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "maintain" -d 'Act on what time made due: reminders, auto-close, escalations, retention; then send the outbox'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "dashboard" -d 'The overview: queues with counts, my tickets, escalations, the last 14 days'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "report" -d 'Figures over a period: created, closed, backlog, response and solution times, bounces'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "person" -d 'A person\'s data: export it, or erase it'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "store" -d 'Work on the store as a whole'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "agent" -d 'Mark agents away (their notifications go to a substitute) and list them'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "generate" -d 'Write man pages or shell completions (for packaging)'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch new list search show history move assign responsible lock unlock state priority tag customer contact import note reply forward redirect merge unmerge split link unlink close reopen delete purge route bounce-report bounce snippet quarantine outbox maintain dashboard report person store agent generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "check" -d 'Report every problem as file:line:column: message (exit 2 if any), and whether the folder is the configuration in force'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "apply" -d 'Check the folder and make it the store\'s configuration in force (a new version, with who and when)'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "diff" -d 'Show how the folder differs from the configuration in force (exit 1 if it does)'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "history" -d 'Every version applied to the store: when, by whom, from where'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "paths" -d 'Print the config and store locations in use'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from contact" -f -a "import" -d 'Read contacts from a CSV file (a contact imported again is replaced); without FILE, put the config\'s `contacts:` in the store (config apply does too)'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from contact" -f -a "list" -d 'Every contact'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from contact" -f -a "show" -d 'A contact (by id, address or organisation) with every ticket, open ones first'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from import" -f -a "otrs" -d 'From the database of OTRS 5, 6 or later, or Znuny'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from import" -f -a "osticket" -d 'From the database of osTicket (1.10 or later)'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from bounce" -f -a "list" -d 'The addresses in the record, with state, score and last bounce'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from bounce" -f -a "show" -d 'Every verdict about an address, with the message each came from'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from bounce" -f -a "clear" -d 'The address works (the member confirmed it): state ok, score 0'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from bounce" -f -a "remove" -d 'The address was taken off the member list: state removed'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from bounce" -f -a "round" -d 'Write once more to each address on watch (a snippet, through the outbox, under the probe return path); a probe that bounces holds it'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from bounce" -f -a "rescan" -d 'Read the delivery reports already in the store into the record (a store that held bounces before the record existed)'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from snippet" -f -a "list" -d 'List the snippets and the queues that use them by default'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from snippet" -f -a "show" -d 'Print a snippet\'s template'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from snippet" -f -a "render" -d 'Print a snippet filled in for a ticket (what a reply would contain)'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from quarantine" -f -a "list" -d 'List quarantined messages (also `tix list --quarantined`)'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from quarantine" -f -a "show" -d 'Print a quarantined message\'s original bytes'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from quarantine" -f -a "retry" -d 'Parse quarantined messages again and file those that now read as mail'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from outbox" -f -a "list" -d 'List queued and failed messages (--all: sent ones too)'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from outbox" -f -a "send" -d 'Send what is queued now (fetch and ingest do this after every run)'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from person" -f -a "export" -d 'Everything tix holds about a person (their tickets, every article naming them, raw mail, attachments, bounce record, outbox, contact) as mail.mbox, person.json and attachments/ in a folder'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from person" -f -a "erase" -d 'Erase a person: their tickets deleted for good (or, with --anonymise, kept with every text replaced), their addresses and name blanked out of other tickets\' articles and history, their original mails, attachments, index entries, outbox mail, bounce record and contact deleted; `tix store compact` then removes the bytes from the store\'s files'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "copy" -d 'Copy the whole store into a new, empty one (an SQLite file or a postgres:// URL): tickets, articles, raw messages, attachments, history, tags, IMAP folder state and outbox; verified at the end'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "move" -d 'Move to another store: copy into a new one (or, into the copy made before, the mail that arrived here since), then mark this one as moved: from then on every write here is refused, naming the new store (exit 75 for intake, so an MTA keeps the mail until its pipe names the new store); reads still work'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "compact" -d 'Remove deleted data from the store\'s files: the full-text index merged (deleted words leave it), the file rewritten and its write-ahead log emptied (SQLite), every table vacuumed in full (PostgreSQL). Run it after `tix person erase` or `tix purge`; it holds the store for as long as it takes'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "roles" -d 'The database role of each agent and the queues it may see; with --sync, make the roles, their grants and the row-level security policies on a PostgreSQL store from the config (queues[].access), so that an agent connected as its role (postgres://tix_anna@…) sees only its queues\' tickets, mail and history, in tix or in psql'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "away" -d 'Mark an agent away until a date: what would be mailed to them goes to the substitute, else to the queue\'s subscribers'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "back" -d 'End an agent\'s absence now'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "list" -d 'The configured agents, and who is away'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from generate" -f -a "man" -d 'Man pages: tix.1, tix-COMMAND.1 for each subcommand, tix-config.5, tix-query.7, tix-json.7'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from generate" -f -a "completions" -d 'Completions for bash, zsh and fish'
