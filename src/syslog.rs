//! The system log, where an MTA's admin reads what went wrong in a pipe:
//! the pipe's own stderr is quoted to whoever sent the mail.

/// Writes `text` to the mail facility of the system log (one line per
/// line of text); silently nothing where no log daemon listens.
pub fn mail_error(text: &str) {
    static OPENED: std::sync::Once = std::sync::Once::new();
    OPENED.call_once(|| {
        // SAFETY: the identity is a static C string that lives as long as
        // the process, as openlog requires.
        unsafe { libc::openlog(c"tix".as_ptr(), libc::LOG_PID, libc::LOG_MAIL) };
    });
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(line) = std::ffi::CString::new(line.replace('\0', " ")) else {
            continue;
        };
        // SAFETY: a constant "%s" format with one C string argument.
        unsafe { libc::syslog(libc::LOG_ERR, c"%s".as_ptr(), line.as_ptr()) };
    }
}
