//! The resource limits this process inherited. An MTA runs its pipes under
//! a file-size limit (Postfix: mailbox_size_limit, 51,200,000 bytes unless
//! the admin set 0), and the store's file outgrows it.

/// Raises the soft file-size limit to the hard one, and lets a write past
/// the limit fail (EFBIG, an error tix reports) rather than kill the
/// process with SIGXFSZ. Called once at start.
pub fn lift_file_size_limit() {
    // SAFETY: getrlimit/setrlimit read and write the struct given; signal
    // sets a disposition at start-up, before any threads.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let mut limit: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(libc::RLIMIT_FSIZE, &mut limit) == 0 && limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max;
            libc::setrlimit(libc::RLIMIT_FSIZE, &limit);
        }
    }
}

/// The file-size limit in force, in bytes; `None` when there is none.
pub fn file_size_limit() -> Option<u64> {
    // SAFETY: getrlimit writes the struct given and nothing else.
    let limit = unsafe {
        let mut limit: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(libc::RLIMIT_FSIZE, &mut limit) != 0 {
            return None;
        }
        limit.rlim_cur
    };
    (limit != libc::RLIM_INFINITY).then_some(limit as u64)
}
