//! End-to-end tests: each runs the real `tix` binary on a temporary store.
//! One test binary for all of them (one link step).

mod common;
mod completion;

mod access;
mod adversarial;
mod bounce_record;
mod bounces;
mod bulk_answers;
mod config;
mod contacts;
mod docs;
mod dovecot;
mod hooks;
mod imap_fetch;
mod import;
mod intake;
mod lifecycle;
mod mail_flow;
mod maintain;
mod mariadb;
mod mta;
mod osticket_fixture;
mod otrs_fixture;
mod person;
mod query;
mod related;
mod report;
mod robustness;
mod routing;
mod scenarios;
mod send;
mod smtp;
mod store;
mod store_server;
mod views;
