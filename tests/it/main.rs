//! Workspace integration tests: one binary, one module per area.

// A test that cannot set up its database should stop right there, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod db;
mod drift;
mod engine;
mod execution;
mod generated;
mod introspect;
mod process;
mod split;
mod ui;
