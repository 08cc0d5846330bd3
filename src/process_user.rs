//! Who this process runs as, in the words the environment and the system's
//! user database give. A fact of the process, asked by the layers that
//! name it (the acting agent, a store's default role, an error message).

/// The login name: USER, then LOGNAME, then the system's user database for
/// the effective user (cron and `env -i` set neither variable).
pub fn login_name() -> Option<String> {
    std::env::var("USER")
        .ok()
        .or_else(|| std::env::var("LOGNAME").ok())
        .filter(|s| !s.trim().is_empty())
        .or_else(effective_name)
}

/// The name of the effective user in the system's user database: who the
/// process really runs as, whatever USER says (an MTA pipe runs as nobody
/// with USER set to the alias).
pub fn effective_name() -> Option<String> {
    // SAFETY: getpwuid_r writes into the buffers given here and nothing else;
    // the name is copied out before they go.
    unsafe {
        let mut pwd: libc::passwd = std::mem::zeroed();
        let mut buf = vec![0 as libc::c_char; 4096];
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        let rc = libc::getpwuid_r(
            libc::geteuid(),
            &mut pwd,
            buf.as_mut_ptr(),
            buf.len(),
            &mut found,
        );
        if rc != 0 || found.is_null() || pwd.pw_name.is_null() {
            return None;
        }
        let name = std::ffi::CStr::from_ptr(pwd.pw_name)
            .to_string_lossy()
            .into_owned();
        (!name.is_empty()).then_some(name)
    }
}
