//! SIGTERM and SIGINT as a request to stop: long-running commands (`fetch
//! --watch`) look at the flag between steps and end cleanly.

use std::sync::atomic::{AtomicBool, Ordering};

static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn request_stop(_signal: libc::c_int) {
    // Only an atomic store: async-signal-safe.
    STOP.store(true, Ordering::Relaxed);
}

/// Installs the handlers and returns the flag they set.
pub fn stop_requested() -> &'static AtomicBool {
    for signal in [libc::SIGTERM, libc::SIGINT] {
        // SAFETY: `request_stop` only stores to an atomic, which is
        // async-signal-safe; installing a handler has no other effect.
        unsafe {
            libc::signal(signal, request_stop as *const () as libc::sighandler_t);
        }
    }
    &STOP
}
