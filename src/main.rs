use clap::Parser;

fn main() {
    // `tix list | head` should end quietly, as Unix tools do. Not so an
    // import (`tix fetch -v | head`): it must not die halfway for want of a
    // reader; its output is written ignoring a closed pipe instead.
    // Under an MTA's file-size limit the store would stop growing.
    tix::process_limits::lift_file_size_limit();
    if !is_intake() {
        // SAFETY: setting a signal disposition to its default at start-up,
        // before any threads.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    // `COMPLETE=bash tix` prints the shell's hook; with arguments, it
    // answers a completion request (queues, statuses, tickets, …) and exits.
    tix::cli::complete::note_shell();
    clap_complete::CompleteEnv::with_factory(<tix::commands::Cli as clap::CommandFactory>::command)
        .complete();
    let cli = match tix::commands::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // clap: 0 for --help/--version, 2 for usage errors; but a
            // mistyped `ingest` line in an MTA's aliases must keep the mail
            // (75), not bounce it.
            let code = match (e.use_stderr(), is_ingest()) {
                (false, _) => 0,
                (true, true) => 75,
                (true, false) => 2,
            };
            std::process::exit(code);
        }
    };
    if let Err(e) = tix::run(&cli) {
        let code = exit_code(&e);
        eprintln!("tix: {e}");
        std::process::exit(code);
    }
}

/// sysexits.h: the input itself is bad.
const EX_DATAERR: i32 = 65;
/// sysexits.h: try again later (an MTA keeps the mail and retries).
const EX_TEMPFAIL: i32 = 75;

/// The exit code for each kind of error, as the README documents them:
/// 1 refused or failed, 2 a mistake on the command line or in the config,
/// 65 unusable input, 75 try again later.
fn exit_code(e: &tix::error::TixError) -> i32 {
    use tix::error::TixError as E;
    match e {
        E::Invalid(_) | E::Input { .. } => 2,
        E::Refused(_) | E::Io { .. } | E::Store { .. } => 1,
        E::BadData(_) => EX_DATAERR,
        E::Temporary(_) => EX_TEMPFAIL,
    }
}

/// Whether the command line names the `ingest` subcommand.
fn is_ingest() -> bool {
    std::env::args().skip(1).any(|a| a == "ingest")
}

/// Whether the command line names a subcommand that imports mail.
fn is_intake() -> bool {
    std::env::args()
        .skip(1)
        .any(|a| a == "ingest" || a == "fetch")
}
