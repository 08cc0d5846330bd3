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

complete -c tix -n "__fish_tix_needs_command" -l db -d 'The ticket store (SQLite file) [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_needs_command" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_needs_command" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_needs_command" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_needs_command" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_needs_command" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_needs_command" -f -a "init" -d 'Create the store and write a commented example config'
complete -c tix -n "__fish_tix_needs_command" -f -a "config" -d 'Validate the YAML configuration, or show where tix looks for it'
complete -c tix -n "__fish_tix_needs_command" -f -a "ingest" -d 'Take one message on stdin (from an MTA pipe); exit 75 asks the MTA to retry'
complete -c tix -n "__fish_tix_needs_command" -f -a "fetch" -d 'Import mail: from Maildir folders and mbox files (IMAP accounts come from the config)'
complete -c tix -n "__fish_tix_needs_command" -f -a "list" -d 'List tickets (open ones by default)'
complete -c tix -n "__fish_tix_needs_command" -f -a "show" -d 'Show a ticket and every article in order'
complete -c tix -n "__fish_tix_needs_command" -f -a "history" -d 'Show a ticket\'s history'
complete -c tix -n "__fish_tix_needs_command" -f -a "quarantine" -d 'Quarantined messages: list them, print one, parse them again'
complete -c tix -n "__fish_tix_needs_command" -f -a "generate" -d 'Write man pages or shell completions (for packaging)'
complete -c tix -n "__fish_tix_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand init" -l db -d 'The ticket store (SQLite file) [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand init" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand init" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand init" -l force -d 'Overwrite an existing tix.yaml with the example'
complete -c tix -n "__fish_tix_using_subcommand init" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand init" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand init" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand config; and not __fish_seen_subcommand_from check paths help" -l db -d 'The ticket store (SQLite file) [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand config; and not __fish_seen_subcommand_from check paths help" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand config; and not __fish_seen_subcommand_from check paths help" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand config; and not __fish_seen_subcommand_from check paths help" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand config; and not __fish_seen_subcommand_from check paths help" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand config; and not __fish_seen_subcommand_from check paths help" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand config; and not __fish_seen_subcommand_from check paths help" -f -a "check" -d 'Report every problem as file:line:column: message (exit 2 if any)'
complete -c tix -n "__fish_tix_using_subcommand config; and not __fish_seen_subcommand_from check paths help" -f -a "paths" -d 'Print the config and store locations in use'
complete -c tix -n "__fish_tix_using_subcommand config; and not __fish_seen_subcommand_from check paths help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from check" -l db -d 'The ticket store (SQLite file) [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from check" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from check" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from paths" -l db -d 'The ticket store (SQLite file) [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from paths" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from paths" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from paths" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from paths" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from paths" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "check" -d 'Report every problem as file:line:column: message (exit 2 if any)'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "paths" -d 'Print the config and store locations in use'
complete -c tix -n "__fish_tix_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand ingest" -l queue -d 'Put a new ticket in this queue instead of routing by address' -r
complete -c tix -n "__fish_tix_using_subcommand ingest" -l db -d 'The ticket store (SQLite file) [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand ingest" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand ingest" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand ingest" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand ingest" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand ingest" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand fetch" -l maildir -d 'A Maildir to import (its new/ and cur/); may be given several times' -r -F
complete -c tix -n "__fish_tix_using_subcommand fetch" -l mbox -d 'An mbox file to import (streamed; mboxo and mboxrd); may be given several times' -r -F
complete -c tix -n "__fish_tix_using_subcommand fetch" -l queue -d 'Put new tickets in this queue instead of routing by address' -r
complete -c tix -n "__fish_tix_using_subcommand fetch" -l db -d 'The ticket store (SQLite file) [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand fetch" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand fetch" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand fetch" -l json -d 'Print the counts as JSON'
complete -c tix -n "__fish_tix_using_subcommand fetch" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand fetch" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand fetch" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand list" -l queue -d 'Only this queue and the queues nested below it' -r
complete -c tix -n "__fish_tix_using_subcommand list" -l state -d 'Only this status (a status name, or a state type such as open or pending-reminder)' -r
complete -c tix -n "__fish_tix_using_subcommand list" -l owner -d 'Only tickets owned by this agent ("me" for yourself, "none" for unowned)' -r
complete -c tix -n "__fish_tix_using_subcommand list" -l tag -d 'Only tickets with this tag' -r
complete -c tix -n "__fish_tix_using_subcommand list" -l sort -d 'Order by' -r -f -a "age\t'Oldest ticket first'
updated\t'Most recently changed first'
priority\t'Highest priority first'
number\t''
queue\t''
state\t''"
complete -c tix -n "__fish_tix_using_subcommand list" -l limit -d 'At most this many tickets' -r
complete -c tix -n "__fish_tix_using_subcommand list" -l db -d 'The ticket store (SQLite file) [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand list" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand list" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand list" -l all -d 'Also closed and merged tickets (deleted ones are never listed)'
complete -c tix -n "__fish_tix_using_subcommand list" -l reverse -d 'Newest first instead of oldest first'
complete -c tix -n "__fish_tix_using_subcommand list" -l quarantined -d 'The quarantined messages instead of tickets'
complete -c tix -n "__fish_tix_using_subcommand list" -l json -d 'Print JSON'
complete -c tix -n "__fish_tix_using_subcommand list" -l csv -d 'Print CSV with a header row'
complete -c tix -n "__fish_tix_using_subcommand list" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand list" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand show" -l raw -d 'Print article K\'s original message exactly as received (K counts from 1)' -r
complete -c tix -n "__fish_tix_using_subcommand show" -l save-attachments -d 'Write every attachment of the ticket into DIR (as ARTICLE-NAME)' -r -F
complete -c tix -n "__fish_tix_using_subcommand show" -l db -d 'The ticket store (SQLite file) [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand show" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand show" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand show" -l json -d 'Print JSON'
complete -c tix -n "__fish_tix_using_subcommand show" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand show" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand show" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand history" -l db -d 'The ticket store (SQLite file) [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand history" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand history" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand history" -l json -d 'Print JSON'
complete -c tix -n "__fish_tix_using_subcommand history" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand history" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand history" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and not __fish_seen_subcommand_from list show retry help" -l db -d 'The ticket store (SQLite file) [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand quarantine; and not __fish_seen_subcommand_from list show retry help" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand quarantine; and not __fish_seen_subcommand_from list show retry help" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand quarantine; and not __fish_seen_subcommand_from list show retry help" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and not __fish_seen_subcommand_from list show retry help" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and not __fish_seen_subcommand_from list show retry help" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and not __fish_seen_subcommand_from list show retry help" -f -a "list" -d 'List quarantined messages (also `tix list --quarantined`)'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and not __fish_seen_subcommand_from list show retry help" -f -a "show" -d 'Print a quarantined message\'s original bytes'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and not __fish_seen_subcommand_from list show retry help" -f -a "retry" -d 'Parse quarantined messages again and file those that now read as mail'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and not __fish_seen_subcommand_from list show retry help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from list" -l db -d 'The ticket store (SQLite file) [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from list" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from list" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from list" -l json -d 'Print JSON'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from show" -l db -d 'The ticket store (SQLite file) [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from show" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from show" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from retry" -l max-size -d 'Size limit in MB for this retry (default 25), to let a known large message in' -r
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from retry" -l db -d 'The ticket store (SQLite file) [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from retry" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from retry" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from retry" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from retry" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from retry" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from help" -f -a "list" -d 'List quarantined messages (also `tix list --quarantined`)'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print a quarantined message\'s original bytes'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from help" -f -a "retry" -d 'Parse quarantined messages again and file those that now read as mail'
complete -c tix -n "__fish_tix_using_subcommand quarantine; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand generate; and not __fish_seen_subcommand_from man completions help" -l db -d 'The ticket store (SQLite file) [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand generate; and not __fish_seen_subcommand_from man completions help" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand generate; and not __fish_seen_subcommand_from man completions help" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand generate; and not __fish_seen_subcommand_from man completions help" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand generate; and not __fish_seen_subcommand_from man completions help" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand generate; and not __fish_seen_subcommand_from man completions help" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand generate; and not __fish_seen_subcommand_from man completions help" -f -a "man" -d 'Man pages: tix.1 and tix-COMMAND.1 for each subcommand'
complete -c tix -n "__fish_tix_using_subcommand generate; and not __fish_seen_subcommand_from man completions help" -f -a "completions" -d 'Completions for bash, zsh and fish'
complete -c tix -n "__fish_tix_using_subcommand generate; and not __fish_seen_subcommand_from man completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from man" -l db -d 'The ticket store (SQLite file) [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from man" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from man" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from man" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from man" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from man" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from completions" -l db -d 'The ticket store (SQLite file) [default: $XDG_DATA_HOME/tix/tix.db]' -r -F
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from completions" -l config -d 'The config file or folder of *.yaml files [default: $XDG_CONFIG_HOME/tix]' -r -F
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from completions" -l as -d 'The agent acting [default: $TIX_AGENT, then the login name]' -r
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from completions" -s v -l verbose -d 'Say what was done, also when all went well (a summary line in cron)'
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from completions" -s q -l quiet -d 'Print nothing but errors and warnings'
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from completions" -s h -l help -d 'Print help'
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "man" -d 'Man pages: tix.1 and tix-COMMAND.1 for each subcommand'
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "completions" -d 'Completions for bash, zsh and fish'
complete -c tix -n "__fish_tix_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch list show history quarantine generate help" -f -a "init" -d 'Create the store and write a commented example config'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch list show history quarantine generate help" -f -a "config" -d 'Validate the YAML configuration, or show where tix looks for it'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch list show history quarantine generate help" -f -a "ingest" -d 'Take one message on stdin (from an MTA pipe); exit 75 asks the MTA to retry'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch list show history quarantine generate help" -f -a "fetch" -d 'Import mail: from Maildir folders and mbox files (IMAP accounts come from the config)'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch list show history quarantine generate help" -f -a "list" -d 'List tickets (open ones by default)'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch list show history quarantine generate help" -f -a "show" -d 'Show a ticket and every article in order'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch list show history quarantine generate help" -f -a "history" -d 'Show a ticket\'s history'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch list show history quarantine generate help" -f -a "quarantine" -d 'Quarantined messages: list them, print one, parse them again'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch list show history quarantine generate help" -f -a "generate" -d 'Write man pages or shell completions (for packaging)'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init config ingest fetch list show history quarantine generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "check" -d 'Report every problem as file:line:column: message (exit 2 if any)'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "paths" -d 'Print the config and store locations in use'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from quarantine" -f -a "list" -d 'List quarantined messages (also `tix list --quarantined`)'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from quarantine" -f -a "show" -d 'Print a quarantined message\'s original bytes'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from quarantine" -f -a "retry" -d 'Parse quarantined messages again and file those that now read as mail'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from generate" -f -a "man" -d 'Man pages: tix.1 and tix-COMMAND.1 for each subcommand'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from generate" -f -a "completions" -d 'Completions for bash, zsh and fish'
