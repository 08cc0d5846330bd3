//! Broadcom's MessageLabs (Symantec Email Security.cloud), which filters
//! many companies' mail: its "542 anna@example.com Rejected" is its
//! answer for an address its customer does not have.

use super::Provider;
use crate::bounces::Reason;

pub const PROVIDER: Provider = Provider {
    name: "messagelabs",
    domains: &["messagelabs.com"],
    words: &[(Reason::UserUnknown, r"^\s*542 \S+@\S+ rejected")],
    codes: |_| None,
};
