use clap::Parser;

fn main() {
    // `tix list | head` should end quietly, as Unix tools do. Not so an
    // import (`tix fetch -v | head`): it must not die halfway for want of a
    // reader; its output is written ignoring a closed pipe instead.
    if !is_intake() {
        // SAFETY: setting a signal disposition to its default at start-up,
        // before any threads.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    let cli = match tix::cli::Cli::try_parse() {
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
        if e.code == tix::error::ExitCode::TempFail
            && matches!(cli.command, tix::cli::Command::Ingest(_))
        {
            eprintln!("tix: {} (the MTA keeps the message and retries)", e.message);
            std::process::exit(75);
        }
        eprintln!("tix: {}", e.message);
        std::process::exit(e.code as i32);
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
