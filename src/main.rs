use clap::Parser;

fn main() {
    // `tix list | head` should end quietly, as Unix tools do.
    // SAFETY: setting a signal disposition to its default at start-up, before any threads.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = match tix::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // clap: 0 for --help/--version, 2 for usage errors.
            std::process::exit(if e.use_stderr() { 2 } else { 0 });
        }
    };
    if let Err(e) = tix::run(&cli) {
        eprintln!("tix: {}", e.message);
        std::process::exit(e.code as i32);
    }
}
